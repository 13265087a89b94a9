"""``outputs/填报链接.xlsx``: one row per unit (and one for the office) with its link, ready to
send, print or turn into a QR code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl import Workbook

from reporter.publish.xlsx import (
    TITLE_FONT,
    TableWriter,
    set_text,
    set_up_printing,
    workbook_bytes,
    write_header,
)

SHEET = "填报链接"
HEADERS = (("序号", 6), ("单位", 30), ("简称", 14), ("填报链接", 70), ("二维码内容", 70))


@dataclass(frozen=True)
class LinkRow:
    """One link to hand out: who it is for and where it leads."""

    name: str
    short: str
    url: str


def links_workbook_bytes(title: str, rows: list[LinkRow], stamp: dt.datetime) -> bytes:
    """The links workbook: a title row, then one row per link (the link also clickable)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    set_text(ws["A1"], title)
    ws["A1"].font = TITLE_FONT
    write_header(ws, 2, HEADERS)
    table = TableWriter(ws, first_row=3)
    for index, row in enumerate(rows, start=1):
        table.add([index, row.name, row.short, row.url, row.url])
        ws.cell(row=table.last_row, column=4).hyperlink = row.url
    set_up_printing(ws, header_row=2)
    return workbook_bytes(wb, stamp)
