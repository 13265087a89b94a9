"""An indicator's ``hint`` (配置.toml) is what the form says when its value cell is selected."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import run


def with_hint(ws: Path, hint: str) -> None:
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    marker = 'code = "私搭乱建"\n'
    assert marker in text
    config.write_text(text.replace(marker, f'{marker}hint = "{hint}"\n'), encoding="utf-8")


def prompts(form: Path) -> dict[str, str]:
    """The prompt of each value cell of the 工作指标 sheet, by indicator code."""
    sheet = load_workbook(form)["工作指标"]
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            for row in range(cells.min_row, cells.max_row + 1):
                found[sheet[f"F{row}"].value] = check.prompt
    return found


def test_the_hint_leads_the_value_cells_prompt(example_ws: Path):
    with_hint(example_ws, "含拆除违建面积，单位：处")
    assert run("forms", "-w", example_ws).exit_code == 0
    shown = prompts(example_ws / "outputs" / "forms" / "2018-11" / "区城管局.xlsx")
    assert shown["私搭乱建"] == "含拆除违建面积，单位：处（请填写不小于 0 的整数）"
    assert all(text == "请填写不小于 0 的整数" for code, text in shown.items()
               if code != "私搭乱建" and not text.startswith("请填写不小于 0 的数字"))


def test_a_hint_too_long_for_excel_is_refused(example_ws: Path):
    with_hint(example_ws, "很长" * 101)
    result = run("forms", "-w", example_ws)
    assert result.exit_code == 1 and "hint" in result.output and "最多 200 个字" in result.output, result.output
