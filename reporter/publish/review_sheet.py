"""指标核对.xlsx: the figures ``reporter learn`` found, one row each, for the secretary to check
names and say who reports each one (``reporter learn --apply`` reads it back)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields

from openpyxl import Workbook

from reporter.publish.cellstyles import CellStyle, apply_style
from reporter.publish.columns import Column, Table
from reporter.publish.xlsx import INPUT_FILL, TableWriter, set_up_printing, workbook_bytes, write_header

REVIEW_NAME = "指标核对.xlsx"
REVIEW_SHEET = "指标核对"
# Keyed by the fields of ``ReviewRow``; the secretary edits 名称, 数值 and 由谁填报, the rest say what was found.
COLUMNS = Table(
    Column("seq", "序号", 6), Column("sentence", "所在句子", 48), Column("original", "原文", 12),
    Column("code", "代码", 14), Column("name", "名称", 24), Column("measure", "计量单位", 9),
    Column("form", "写法", 8), Column("value", "数值", 12), Column("report_by", "由谁填报", 18),
    Column("note", "说明", 30),
)
EDITABLE = ("name", "value", "report_by")
HEADER_ROW = 1  # the figures follow in the rows below it
HELP = ("“由谁填报”写 全部、单位类型（街道、部门……）或单位简称，多个用顿号隔开；空着则仍由办公室给出“数值”。"
        "改好后运行 reporter learn --apply 工作目录。")


@dataclass(frozen=True)
class ReviewRow:
    """One figure as the review sheet shows it."""

    sentence: str
    original: str
    code: str
    name: str
    measure: str
    form: str
    value: object
    report_by: str = ""
    note: str = ""


def review_sheet_bytes(rows: Sequence[ReviewRow], stamp: dt.datetime) -> bytes:
    """The review workbook: a header row, one row per figure, the editable columns shaded."""
    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    write_header(ws, HEADER_ROW, COLUMNS.headers)
    table = TableWriter(ws, first_row=HEADER_ROW + 1)
    for number, row in enumerate(rows, start=1):
        cells = {"seq": number, **{field.name: getattr(row, field.name) for field in fields(row)}}
        table.add([cells[col.key] for col in COLUMNS])
    for key in EDITABLE:
        for line in range(HEADER_ROW + 1, table.last_row + 1):
            apply_style(ws.cell(row=line, column=COLUMNS[key].index), CellStyle(fill=INPUT_FILL))
    help_row = table.last_row + 2
    ws.cell(row=help_row, column=COLUMNS.first.index, value=HELP)
    ws.merge_cells(start_row=help_row, start_column=COLUMNS.first.index, end_row=help_row, end_column=len(COLUMNS))
    set_up_printing(ws, header_row=HEADER_ROW)
    return workbook_bytes(wb, stamp)
