"""Small openpyxl helpers shared by every workbook reporter writes.

Text from users is always stored as text (never as a live formula), and workbooks are
serialised reproducibly: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from reporter.zipfiles import normalized_zip

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
TITLE_FONT = Font(name="黑体", size=14)
BODY_FONT = Font(name="宋体", size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def set_text(cell: Cell, value: object) -> None:
    """Put ``value`` into ``cell``; a string is always stored as text, even ``=1+1``."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def open_workbook(path: Path, data_only: bool = False) -> Workbook:
    """A workbook read whole from ``path``; the file is closed again whatever happens
    (openpyxl leaves it open when a damaged file makes it fail half-way)."""
    with open(path, "rb") as handle:
        return load_workbook(handle, data_only=data_only)


def write_header(ws, row: int, headers) -> None:
    """A styled header row: ``headers`` are (text, width in characters) pairs from column A;
    the rows below it stay in view when scrolling."""
    for col, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col)
        set_text(cell, text)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = f"A{row + 1}"


class TableWriter:
    """Writes table rows one below the other from ``first_row``: user text as text, thin
    borders, wrapped. Keeps its own row count (openpyxl's max_row scans every cell)."""

    def __init__(self, ws, first_row: int = 2):
        self.ws, self.row = ws, first_row

    def add(self, values: list) -> None:
        for col, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=col)
            set_text(cell, value)
            cell.border, cell.alignment = BORDER, WRAP
        self.row += 1

    @property
    def last_row(self) -> int:
        return self.row - 1


def workbook_bytes(wb: Workbook, stamp: dt.datetime) -> bytes:
    """The workbook as .xlsx bytes, dated ``stamp`` so equal content gives equal bytes."""
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalized_zip(buffer.getvalue())
