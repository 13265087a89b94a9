"""Last month beside each figure in the form a unit downloads (as ``reporter forms --period``
writes it): the unit's own figures of the month before, read from its workbook there, never
read back as what it reports."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from reporter.intake.unit_form import read_submission
from reporter.model import Source
from reporter.pipeline.check import check_inputs
from reporter.pipeline.forms import last_period_figures
from reporter.pipeline.submit import unit_form_bytes
from reporter.workspace import open_workspace

OCTOBER = "inputs/2018-10"


def october_values(ws_root: Path, unit_code: str) -> dict[str, Decimal]:
    checked = check_inputs(ws_root, period="2018-10")
    assert checked.ok
    own = next(s for s in checked.submissions if s.unit_code == unit_code)
    return {v.indicator_code: v.value for v in own.values}


def test_the_function_gives_the_units_own_figures_of_last_month(example_ws: Path):
    ws = open_workspace(example_ws)
    unit = ws.campaign.units[0]
    figures = last_period_figures(ws, ws.campaign, unit)
    assert figures and figures == october_values(example_ws, unit.code)


def test_the_downloaded_form_shows_last_month_beside_each_indicator(example_ws: Path, tmp_path: Path):
    ws = open_workspace(example_ws)
    unit = ws.campaign.units[0]
    expected = october_values(example_ws, unit.code)
    sheet = load_workbook(io.BytesIO(unit_form_bytes(ws, unit)))["工作指标"]
    assert sheet["G2"].value == "上期数值（仅供参考）"
    rows = [(sheet[f"F{row}"].value, sheet[f"G{row}"].value) for row in range(3, sheet.max_row + 1)
            if sheet[f"F{row}"].value]
    assert len(rows) == len(ws.campaign.indicators_for(unit)) > 0
    for code, shown in rows:
        assert Decimal(str(shown)) == expected[code], code


def test_the_column_is_never_read_as_this_months_figures(example_ws: Path, tmp_path: Path):
    ws = open_workspace(example_ws)
    unit = ws.campaign.units[0]
    form = tmp_path / "form.xlsx"
    form.write_bytes(unit_form_bytes(ws, unit))
    found = read_submission(Source(form, "form.xlsx"), ws.campaign)
    blank = [p for p in found.problems if p.sheet == "工作指标"]
    assert blank and all("未填写" in p.message for p in blank)  # last month's figures are not taken as this month's


def test_without_last_months_workbook_the_form_has_no_such_column(example_ws: Path):
    (example_ws / OCTOBER / "东城街道.xlsx").unlink()
    ws = open_workspace(example_ws)
    unit = ws.campaign.units[0]
    assert last_period_figures(ws, ws.campaign, unit) == {}
    sheet = load_workbook(io.BytesIO(unit_form_bytes(ws, unit)))["工作指标"]
    assert sheet["G2"].value is None


def test_a_faulty_workbook_of_last_month_gives_no_figures(example_ws: Path):
    path = example_ws / OCTOBER / "东城街道.xlsx"
    book = load_workbook(path)
    book["工作指标"]["D3"] = "两千"
    book.save(path)
    ws = open_workspace(example_ws)
    assert last_period_figures(ws, ws.campaign, ws.campaign.units[0]) == {}
