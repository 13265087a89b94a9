"""Inspection rounds of a city: size guards scaled from the configured units, problem numbers
past 9999 in numeric order, and the ledger streamed row by row as a plain table would look."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook, load_workbook

from reporter.intake.container import Limits, container_problem
from reporter.intake.inspection_round import round_limits
from reporter.publish.streamed import StreamedTable
from reporter.publish.xlsx import (
    TableWriter,
    set_up_printing,
    workbook_bytes,
    write_header,
)
from reporter.workspace import load_campaign, open_workspace
from scripts.bench import add_units
from tests.conftest import run

ROWS = 20_100  # more than the fixed guard allowed


def long_workbook(path: Path, rows: int) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("督查记录")
    for row in range(1, rows + 1):
        ws.append([f"3-{row}", "问题"])
    wb.save(path)
    return path


def test_the_round_guard_grows_with_the_configured_units(example_ws: Path, tmp_path: Path):
    path = long_workbook(tmp_path / "第3轮督查.xlsx", ROWS)
    small = load_campaign(open_workspace(example_ws))
    assert "20000 行" in (container_problem(path, round_limits(small)) or "")
    add_units(example_ws, 2000)
    city = load_campaign(open_workspace(example_ws))
    assert round_limits(city).max_rows >= 50_000 + 2
    assert container_problem(path, round_limits(city)) is None
    assert container_problem(path, Limits()) is not None  # other workbooks keep the usual guard


def test_problem_numbers_past_9999_are_read_and_listed_in_order(example_ws: Path):
    path = example_ws / "inputs" / "督查" / "第2轮督查.xlsx"
    wb = load_workbook(path)
    sheet = wb["督查记录"]
    sheet["A13"].value, sheet["A14"].value = "2-10000", "2-9999"
    wb.save(path)
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 0, result.output
    ledger = load_workbook(example_ws / "outputs" / "督查问题台账.xlsx").active
    numbers = [row[0] for row in ledger.iter_rows(min_row=2, values_only=True)]
    assert numbers.index("2-9999") == numbers.index("2-10000") - 1
    assert numbers[-2:] == ["2-9999", "2-10000"]


def _rows(count: int) -> list[list]:
    return [[f"3-{i}", dt.date(2018, 11, 1 + i % 28), "很长的问题描述" * (1 + i % 5), None, float(i)]
            for i in range(1, count + 1)]


def test_a_streamed_table_is_the_plain_table(tmp_path: Path):
    headers = [("编号", 7), ("日期", 16), ("描述", 24), ("空", 5), ("扣分", 5)]
    rows = _rows(3000)
    plain = Workbook()
    ws = plain.active
    ws.title = "表"
    write_header(ws, 1, headers)
    table = TableWriter(ws)
    for values in rows:
        table.add(values)
    ws.auto_filter.ref = f"A1:E{table.last_row}"
    set_up_printing(ws, 1, rows=range(1, table.row), print_columns=4)
    streamed = Workbook(write_only=True)
    out = StreamedTable(streamed, "表", headers, len(rows), print_columns=4)
    for values in rows:
        out.add(values)
    stamp = dt.datetime(2018, 11, 1)
    (tmp_path / "plain.xlsx").write_bytes(workbook_bytes(plain, stamp))
    (tmp_path / "streamed.xlsx").write_bytes(workbook_bytes(streamed, stamp))
    a, b = (load_workbook(tmp_path / name).active for name in ("plain.xlsx", "streamed.xlsx"))
    assert (a.max_row, a.max_column) == (b.max_row, b.max_column) == (3001, 5)
    for row_a, row_b in zip(a.iter_rows(), b.iter_rows()):
        for x, y in zip(row_a, row_b):
            for attr in ("value", "data_type", "number_format", "font", "fill", "border", "alignment"):
                assert repr(getattr(x, attr)) == repr(getattr(y, attr)), (x.coordinate, attr)
    assert [a.row_dimensions[r].height for r in range(1, 3002)] == [b.row_dimensions[r].height for r in range(1, 3002)]
    assert [a.column_dimensions[c].width for c in "ABCDE"] == [b.column_dimensions[c].width for c in "ABCDE"]
    for attr in ("freeze_panes", "print_title_rows", "print_area"):
        assert getattr(a, attr) == getattr(b, attr)
    assert a.auto_filter.ref == b.auto_filter.ref
    assert (a.page_setup.orientation, a.page_setup.fitToWidth) == (b.page_setup.orientation, b.page_setup.fitToWidth)
    assert a.oddFooter.center.text == b.oddFooter.center.text
