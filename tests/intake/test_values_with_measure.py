"""Numbers written with words: a figure typed with its indicator's own measure ("75人次") is read
as the number and shown back as a notice; any other word is refused naming the measure; and
every message about a figure names it by its indicator and row, not only by its cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reporter.cli import cli
from reporter.intake.browser_form import BrowserEntries, filled_form_bytes
from reporter.intake.unit_form import read_submission
from reporter.intake.values import CellValueError, parse_number, read_number
from reporter.model import Source
from reporter.pipeline.check import check_inputs
from reporter.pipeline.submit import unit_form_bytes
from reporter.workspace import open_workspace

UNIT_FILE = "inputs/2018-11/东城街道.xlsx"
CODE = "流动商贩"  # an indicator of 东城街道 whose measure is 人次


@pytest.mark.parametrize(("typed", "measure", "number"), [
    ("75人次", "人次", Decimal(75)),
    ("75 人次", "人次", Decimal(75)),
    ("７５　人次", "人次", Decimal(75)),          # full-width digits and an ideographic space
    ("2,770处", "处", Decimal(2770)),
    ("12.5平方米", "平方米", Decimal("12.5")),
    ("16%", "%", Decimal(16)),
])
def test_a_number_with_its_own_measure_is_read_with_a_notice(typed: str, measure: str, number: Decimal):
    found = read_number(typed, measure, decimals=1)
    assert found.value == number
    assert f"已按 {number} 读取" in found.notice and typed.strip() in found.notice


def test_a_plain_number_has_no_notice():
    assert read_number("75", "人次") == read_number(75, "人次")
    assert read_number("75", "人次").notice == ""
    assert parse_number("75人次", "人次") == Decimal(75)


@pytest.mark.parametrize(("typed", "measure", "expected"), [
    ("75户", "人次", "“75户” 中的“户”不是此项的计量单位，此项的计量单位是“人次”，请只填写数字"),
    ("75人", "人次", "此项的计量单位是“人次”"),
    ("75个", "", "此项没有计量单位"),
    ("3 公里", "处", "此项的计量单位是“处”"),
])
def test_a_number_with_another_word_is_refused_naming_the_measure(typed: str, measure: str, expected: str):
    with pytest.raises(CellValueError) as refused:
        read_number(typed, measure)
    assert expected in str(refused.value)
    assert "科学计数法" not in str(refused.value)


def indicator_row(path: Path, code: str) -> int:
    sheet = load_workbook(path)["工作指标"]
    rows = [row for row in range(3, sheet.max_row + 1) if sheet[f"F{row}"].value == code]
    assert rows, f"{code} is not on the form"
    return rows[0]


def set_figure(path: Path, row: int, value: object) -> None:
    wb = load_workbook(path)
    wb["工作指标"][f"D{row}"].value = value
    wb.save(path)


def test_check_reads_a_figure_with_its_measure_and_says_so(example_ws: Path):
    path = example_ws / UNIT_FILE
    row = indicator_row(path, CODE)
    set_figure(path, row, "3913人次")

    result = CliRunner().invoke(cli, ["check", "-w", str(example_ws)])

    assert result.exit_code == 0, result.output
    notice = [line for line in result.output.splitlines() if line.startswith("提示：")]
    assert notice == [f"提示：{UNIT_FILE}:工作指标!D{row}: “清理流动商贩”本期数值（第{row}行，D{row}）："
                      f"“3913人次” 已按 3913 读取（计量单位“人次”已在表中，只填数字即可）"]
    submission = next(s for s in check_inputs(example_ws).submissions if s.unit_code == "JD01")
    assert next(v.value for v in submission.values if v.indicator_code == CODE) == Decimal(3913)


def test_check_refuses_another_word_naming_the_indicator_row_and_measure(example_ws: Path):
    path = example_ws / UNIT_FILE
    row = indicator_row(path, CODE)
    set_figure(path, row, "3913户")

    result = CliRunner().invoke(cli, ["check", "-w", str(example_ws)])

    assert result.exit_code == 1
    assert (f"{UNIT_FILE}:工作指标!D{row}: “清理流动商贩”本期数值（第{row}行，D{row}）："
            "“3913户” 中的“户”不是此项的计量单位，此项的计量单位是“人次”，请只填写数字") in result.output.splitlines()


def test_every_figure_problem_names_its_indicator_and_row(example_ws: Path):
    path = example_ws / UNIT_FILE
    row = indicator_row(path, CODE)
    set_figure(path, row, "两千")
    problems = check_inputs(example_ws).problems
    figure = [p for p in problems if p.cell == f"D{row}"]
    assert len(figure) == 1
    assert figure[0].message.startswith(f"“清理流动商贩”本期数值（第{row}行，D{row}）：“两千” 不是数字")


def test_the_web_fill_path_reads_a_figure_with_its_measure_the_same_way(example_ws: Path, tmp_path: Path):
    ws = open_workspace(example_ws)
    unit = ws.campaign.unit("JD01")
    indicators = ws.campaign.indicators_for(unit)
    assert indicators
    values = {i.code: ("1", "") for i in indicators}
    values[CODE] = ("75人次", "")
    entries = BrowserEntries(values=values, filled_by="赵丽", phone="0416-2110001", filled_on=dt.date(2018, 11, 15))
    filled = tmp_path / "东城街道.xlsx"
    filled.write_bytes(filled_form_bytes(unit_form_bytes(ws, unit), ws.campaign, unit, entries,
                                         dt.datetime(2018, 11, 15)))

    result = read_submission(Source(filled, "东城街道.xlsx"), ws.campaign)

    assert result.ok, [str(p) for p in result.problems]
    assert result.value is not None
    assert next(v.value for v in result.value.values if v.indicator_code == CODE) == Decimal(75)
    assert len(result.notices) == 1 and "“75人次” 已按 75 读取" in result.notices[0].message
    assert result.notices[0].message.startswith("“清理流动商贩”本期数值（第")
