"""Personalised forms: content, validation rules, locking, version marker, LibreOffice round trip."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reporter.cli import cli
from reporter.intake import schema
from reporter.intake.unit_form import read_submission
from reporter.model import Source
from reporter.workspace import load_campaign, open_workspace


@pytest.fixture
def forms_dir(example_ws: Path) -> Path:
    result = CliRunner().invoke(cli, ["forms", "-w", str(example_ws)])
    assert result.exit_code == 0, result.output
    assert "已生成 20 份填报表" in result.output  # 19 units and the inspection teams' record form
    return example_ws / "outputs" / "forms" / "2018-11"


def validation_for(ws, address: str):
    matches = [dv for dv in ws.data_validations.dataValidation if address in dv.sqref]
    assert len(matches) == 1, address
    return matches[0]


def test_one_workbook_per_unit(example_ws: Path, forms_dir: Path):
    campaign = load_campaign(open_workspace(example_ws))
    assert sorted(p.name for p in forms_dir.iterdir()) == sorted(
        [f"{u.short}.xlsx" for u in campaign.units] + ["督查记录表.xlsx"])


def test_form_is_personalised(example_ws: Path, forms_dir: Path):
    campaign = load_campaign(open_workspace(example_ws))
    unit = next(u for u in campaign.units if u.short == "区卫健局")
    wb = load_workbook(forms_dir / "区卫健局.xlsx")
    assert wb.sheetnames == [*schema.DATA_SHEETS, schema.SHEET_PROGRESS, schema.SHEET_META]
    assert unit.name in wb[schema.SHEET_GUIDE]["A1"].value
    assert "2018年11月20日" in wb[schema.SHEET_GUIDE]["A3"].value
    info = wb[schema.SHEET_INFO]
    assert [info[f"B{r}"].value for r in (2, 3, 4, 5)] == ["BM05", unit.name, "部门", "2018年11月"]
    values = wb[schema.SHEET_VALUES]
    codes = [values[f"F{r}"].value for r in range(schema.TABLE_FIRST_ROW, values.max_row + 1)
             if values[f"F{r}"].value]
    assert codes == [i.code for i in campaign.indicators_for(unit)]
    assert codes == ["调度督查", "毒饵盒", "鼠药", "医疗机构", "健康教育专栏"]
    assert values["B5"].value == "投放鼠药" and values["C5"].value == "吨"
    assert values.freeze_panes == "A3"


def test_value_cells_have_number_checks(forms_dir: Path):
    ws = load_workbook(forms_dir / "区卫健局.xlsx")[schema.SHEET_VALUES]
    whole = validation_for(ws, "D3")
    assert (whole.type, whole.operator, whole.formula1) == ("whole", "greaterThanOrEqual", "0")
    decimal = validation_for(ws, "D5")  # 鼠药 allows two decimals
    assert (decimal.type, decimal.operator, decimal.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert whole.showErrorMessage and "不小于 0" in whole.error


def test_notes_sheet_has_drop_downs(example_ws: Path, forms_dir: Path):
    campaign = load_campaign(open_workspace(example_ws))
    wb = load_workbook(forms_dir / "东城街道.xlsx")
    notes = wb[schema.SHEET_NOTES]
    last = schema.TABLE_FIRST_ROW + schema.NOTE_ROWS - 1
    section = validation_for(notes, "B3")
    assert section.type == "list" and f"B3:B{last}" in str(section.sqref)
    meta = wb[schema.SHEET_META]
    listed = [meta[f"D{r}"].value for r in range(1, len(campaign.sections) + 1)]
    assert listed == [s.title for s in campaign.sections]
    assert section.formula1 == f"'{schema.SHEET_META}'!$D$1:$D${len(campaign.sections)}"
    flag = validation_for(notes, "E3")
    assert flag.formula1 == '"是,否"' and len(flag.formula1) <= 255


def test_locking(forms_dir: Path):
    wb = load_workbook(forms_dir / "东城街道.xlsx")
    for name in schema.DATA_SHEETS:
        assert wb[name].protection.sheet, name
    info, values, notes = wb[schema.SHEET_INFO], wb[schema.SHEET_VALUES], wb[schema.SHEET_NOTES]
    assert info["B2"].protection.locked and info["B3"].protection.locked
    assert not info["B6"].protection.locked and not info["B8"].protection.locked
    assert values["B2"].protection.locked and values["B3"].protection.locked and values["F3"].protection.locked
    assert not values["D3"].protection.locked and not values["E3"].protection.locked
    assert notes["B2"].protection.locked and not notes["D3"].protection.locked


def test_version_marker_is_very_hidden(forms_dir: Path):
    meta = load_workbook(forms_dir / "东城街道.xlsx")[schema.SHEET_META]
    assert meta.sheet_state == "veryHidden"
    assert meta["B1"].value == schema.FORM_KIND
    assert meta["B4"].value == "2018-11" and meta["B5"].value == "JD01"


def test_forms_are_reproducible(example_ws: Path, forms_dir: Path):
    first = (forms_dir / "东城街道.xlsx").read_bytes()
    CliRunner().invoke(cli, ["forms", "-w", str(example_ws)])
    assert (forms_dir / "东城街道.xlsx").read_bytes() == first


def test_empty_form_reads_back_with_required_cells_flagged(example_ws: Path, forms_dir: Path):
    campaign = load_campaign(open_workspace(example_ws))
    found = read_submission(Source(forms_dir / "团区委.xlsx", "团区委.xlsx"), campaign)
    assert found.unit_code == "BM09" and found.value is None
    cells = {(p.sheet, p.cell) for p in found.problems}
    assert ("基本信息", "B6") in cells and ("基本信息", "B8") in cells and ("工作指标", "D3") in cells


def test_missing_master_is_reported(example_ws: Path):
    (example_ws / "templates" / "xlsx" / schema.MASTER_NAME).unlink()
    result = CliRunner().invoke(cli, ["forms", "-w", str(example_ws)])
    assert result.exit_code == 1
    assert "templates/xlsx/填报表.xlsx: 找不到填报表模板" in result.output
    assert not (example_ws / "outputs").exists()


@pytest.mark.libreoffice
def test_form_survives_a_libreoffice_round_trip(example_ws: Path, tmp_path: Path, soffice: str):
    """A filled workbook re-saved by LibreOffice Calc still opens and reads with the same values."""
    source = example_ws / "inputs" / "2018-11" / "区卫健局.xlsx"
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    resaved = out / "区卫健局.xlsx"
    assert resaved.is_file()
    campaign = load_campaign(open_workspace(example_ws))
    original = read_submission(Source(source, "a"), campaign)
    again = read_submission(Source(resaved, "b"), campaign)
    assert again.problems == (), again.problems
    assert [(v.indicator_code, v.value) for v in again.value.values] == \
        [(v.indicator_code, v.value) for v in original.value.values]
    wb = load_workbook(resaved)
    assert wb[schema.SHEET_META].sheet_state in ("veryHidden", "hidden")
    assert wb[schema.SHEET_VALUES].data_validations.dataValidation
