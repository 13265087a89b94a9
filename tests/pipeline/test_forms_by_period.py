"""Forms per period: ``reporter forms`` writes each month's forms into outputs/forms/<年-月>/,
so that next month's forms never replace this month's; ``reporter init`` makes no month folder."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import run


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_each_month_has_its_own_folder(example_ws: Path):
    forms = example_ws / "outputs" / "forms"
    result = run("forms", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert f"已生成 20 份填报表：{forms / '2018-11'}" in result.output
    assert f"放进 {example_ws / 'inputs' / '2018-11'}" in result.output
    november = {name: (forms / "2018-11" / name).read_bytes() for name in names(forms / "2018-11")}
    assert "东城街道.xlsx" in november and "督查记录表.xlsx" in november
    assert run("forms", "-w", example_ws, "--period", "2018-12").exit_code == 0
    assert names(forms) == {"2018-11", "2018-12"}
    assert {name: (forms / "2018-11" / name).read_bytes() for name in names(forms / "2018-11")} == november
    december = load_workbook(forms / "2018-12" / "东城街道.xlsx")
    assert december["_reporter"]["B4"].value == "2018-12"


def test_forms_of_earlier_versions_leave_the_forms_folder(example_ws: Path):
    forms = example_ws / "outputs" / "forms"
    forms.mkdir(parents=True)
    (forms / "东城街道.xlsx").write_bytes(b"old")
    (forms / "说明.txt").write_text("kept", encoding="utf-8")
    assert run("forms", "-w", example_ws).exit_code == 0
    assert names(forms) == {"2018-11", "说明.txt"}


def test_init_makes_no_empty_month_folder(tmp_path: Path):
    ws = tmp_path / "新活动"
    assert run("init", ws).exit_code == 0
    assert names(ws / "inputs") == {"配置.toml"}
    result = run("forms", "-w", ws)
    assert result.exit_code == 0, result.output
    [month] = (ws / "outputs" / "forms").iterdir()
    assert re.fullmatch(r"\d{4}-\d{2}", month.name) and names(month) == {"某某街道.xlsx", "区某某局.xlsx"}
    assert names(ws / "inputs") == {"配置.toml"}
    check = run("check", "-w", ws)  # nothing returned yet: every unit missing, no error
    assert check.exit_code == 0 and "已报 0 个" in check.output
