"""指标核对.xlsx: the figures ``reporter learn`` found, one row each, for the secretary to check
names and say who reports each one (``reporter learn --apply`` reads it back)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook

from reporter.publish.cellstyles import CellStyle, apply_style
from reporter.publish.xlsx import INPUT_FILL, TableWriter, set_up_printing, workbook_bytes, write_header

REVIEW_NAME = "指标核对.xlsx"
REVIEW_SHEET = "指标核对"
# (header, width); the secretary edits 名称, 由谁填报 and 数值, the rest say what was found.
COLUMNS = (
    ("序号", 6), ("所在句子", 48), ("原文", 12), ("代码", 14), ("名称", 24), ("计量单位", 9),
    ("写法", 8), ("数值", 12), ("由谁填报", 18), ("说明", 30),
)
EDITABLE = ("名称", "数值", "由谁填报")
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
    write_header(ws, 1, COLUMNS)
    table = TableWriter(ws, first_row=2)
    for number, row in enumerate(rows, start=1):
        table.add([number, row.sentence, row.original, row.code, row.name, row.measure, row.form,
                   row.value, row.report_by, row.note])
    headers = [h for h, _w in COLUMNS]
    for header in EDITABLE:
        column = headers.index(header) + 1
        for line in range(2, table.last_row + 1):
            apply_style(ws.cell(row=line, column=column), CellStyle(fill=INPUT_FILL))
    help_row = table.last_row + 2
    ws.cell(row=help_row, column=1, value=HELP)
    ws.merge_cells(start_row=help_row, start_column=1, end_row=help_row, end_column=len(COLUMNS))
    set_up_printing(ws, header_row=1)
    return workbook_bytes(wb, stamp)
