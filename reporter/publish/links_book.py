"""``outputs/填报链接.xlsx``: one row per unit (and one for the office) with its link and the
link's QR code, ready to send or print."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.drawing.image import Image

from reporter.publish.columns import Column, Table
from reporter.publish.qr import qr_png, qr_size
from reporter.publish.xlsx import (
    TITLE_FONT,
    TableWriter,
    set_text,
    set_up_printing,
    workbook_bytes,
    write_header,
)

SHEET = "填报链接"
COLUMNS = Table(Column("seq", "序号", 6), Column("name", "单位", 30), Column("short", "简称", 14),
                Column("url", "填报链接", 76), Column("qr", "二维码（手机扫码填报）", 24))
#: Pixels per QR module in the workbook: a 33-module code with its quiet zone is 164 px (about 43 mm).
QR_SCALE = 4
PIXELS_PER_POINT = 4 / 3
ROW_MARGIN_POINTS = 6


@dataclass(frozen=True)
class LinkRow:
    """One link to hand out: who it is for and where it leads."""

    name: str
    short: str
    url: str


def links_workbook_bytes(title: str, rows: list[LinkRow], stamp: dt.datetime) -> bytes:
    """The links workbook: a title row, then one row per link (the link clickable, its QR code
    in the last column, each row as tall as its code)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    set_text(ws["A1"], title)
    ws["A1"].font = TITLE_FONT
    write_header(ws, 2, COLUMNS.headers)
    table = TableWriter(ws, first_row=3)
    heights: dict[int, float] = {}
    for index, row in enumerate(rows, start=1):
        cells = {"seq": index, "name": row.name, "short": row.short, "url": row.url, "qr": ""}
        table.add([cells[col.key] for col in COLUMNS])
        ws[COLUMNS.cell("url", table.last_row)].hyperlink = row.url
        image = Image(io.BytesIO(qr_png(row.url, QR_SCALE)))
        image.width = image.height = qr_size(row.url, QR_SCALE)
        ws.add_image(image, COLUMNS.cell("qr", table.last_row))
        heights[table.last_row] = image.height / PIXELS_PER_POINT + ROW_MARGIN_POINTS
    set_up_printing(ws, header_row=2)
    for number, height in heights.items():  # after the printing set-up, which sizes rows for their text
        ws.row_dimensions[number].height = max(ws.row_dimensions[number].height or 0, height)
    return workbook_bytes(wb, stamp)
