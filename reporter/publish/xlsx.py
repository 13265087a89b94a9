"""Small openpyxl helpers shared by every workbook reporter writes.

Text from users is always stored as text (never as a live formula), workbooks are
serialised reproducibly (fixed document dates and zip timestamps), and every visible sheet
is set up to print through ``set_up_printing``: A4, one page wide, header rows repeated,
rows tall enough for their wrapped text, page numbers in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from reporter.cnfmt.widths import text_width as cnfmt_width
from reporter.publish.cellstyles import CellStyle, apply_style
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
# Dates are shown as the documents write them: 2018年11月5日.
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
HEADER_STYLE = CellStyle(font=HEADER_FONT, fill=HEADER_FILL, border=BORDER, alignment=CENTER)
BODY_STYLE = CellStyle(border=BORDER, alignment=WRAP, font=BODY_FONT)
DATE_STYLE = CellStyle(number_format=DATE_FORMAT, alignment=CENTER)  # given after BODY_STYLE
# Width in Excel column units (the width of "0" in the default font) of the widest date, with room to spare.
DATE_WIDTH = 16

# Printing. Widths are in Excel column units; one unit is about 7 pixels (1.85 mm) at 100 %.
PAGE_FOOTER = "第 &P 页，共 &N 页"
MARGINS = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)  # inches
PORTRAIT_WIDTH = 100  # wider sheets print landscape (A4 portrait holds about 97 units at full size)
DEFAULT_WIDTH = 8.43  # a column openpyxl left without a width
LINE_FACTOR = 1.45  # line height over font size for the CJK fonts LibreOffice and Excel use
ROW_PADDING = 4.0  # points above and below the text of a row
WIDE_CHAR = 2.1  # a CJK character of an 11 pt font (14.7 px), in column units (7 px in Calibri 11)
CELL_PADDING = 0.5  # column units a wrapped line leaves free, with room for Excel breaking at words


def set_text(cell: Cell, value: object) -> None:
    """Put ``value`` into ``cell``; a string is always stored as text, even ``=1+1``."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def open_workbook(path: Path, data_only: bool = False, read_only: bool = False) -> Workbook:
    """A workbook read whole from ``path``; the file is closed again whatever happens
    (openpyxl leaves it open when a damaged file makes it fail half-way).

    ``read_only``: opened lazily instead, each sheet parsed only when it is read; the caller
    closes it."""
    if read_only:
        return load_workbook(path, read_only=True)
    with open(path, "rb") as handle:
        return load_workbook(handle, data_only=data_only)


def write_header(ws: Worksheet, row: int, headers: Iterable[tuple[str, float]]) -> None:
    """A styled header row: ``headers`` are (text, width in characters) pairs from column A;
    the rows below it stay in view when scrolling."""
    for col, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col)
        set_text(cell, text)
        apply_style(cell, HEADER_STYLE)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = f"A{row + 1}"


class TableWriter:
    """Writes table rows one below the other from ``first_row``: user text as text, thin
    borders, wrapped, dates as real dates shown 2018年11月5日. Keeps its own row count
    (openpyxl's max_row scans every cell)."""

    def __init__(self, ws: Worksheet, first_row: int = 2) -> None:
        self.ws, self.row = ws, first_row

    def add(self, values: list) -> None:
        for col, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=col)
            set_text(cell, value)
            apply_style(cell, BODY_STYLE)
            if isinstance(value, dt.date):
                apply_style(cell, DATE_STYLE)
        self.row += 1

    @property
    def last_row(self) -> int:
        return self.row - 1


def workbook_bytes(wb: Workbook, stamp: dt.datetime) -> bytes:
    """The workbook as .xlsx bytes, dated ``stamp`` so equal content gives equal bytes."""
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    # Stored, not compressed: normalized_zip compresses every part once, as it rewrites them.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        _InMemoryWriter(wb, archive).save()
    return normalized_zip(buffer.getvalue())


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer, with each sheet's XML kept in memory instead of a temporary file."""

    def write_worksheet(self, ws: Worksheet) -> None:
        if self.workbook.write_only:
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)


def set_up_printing(ws: Worksheet, header_row: int | None = None, rows: Iterable[int] | None = None,
                    grow_only: bool = False, landscape: bool | None = None,
                    print_columns: int | None = None) -> None:
    """Make ``ws`` print well on A4: landscape when its visible columns are wider than a
    portrait page (or as ``landscape`` says), scaled to one page wide and as many pages down
    as needed, row ``header_row`` repeated on every page, sensible margins, centred,
    and "第 1 页，共 3 页" in the footer. With ``print_columns`` only that many columns from
    A are printed (the others stay in the workbook, for the screen).

    Rows (``rows``, or every row of the sheet) get a height that holds their wrapped text:
    LibreOffice and Excel do not grow rows that were written without one. With
    ``grow_only`` a row keeps the automatic height unless its text needs more than one line
    or a larger font, so that Excel still fits rows the user types into.
    """
    set_up_page(ws, ws.max_row, header_row, landscape, print_columns)
    fit_row_heights(ws, range(1, ws.max_row + 1) if rows is None else rows, grow_only)


def set_up_page(ws: Worksheet, last_row: int, header_row: int | None = None, landscape: bool | None = None,
                print_columns: int | None = None) -> None:
    """The page setup of ``set_up_printing``, for a sheet whose last row is ``last_row``
    (without looking at its rows: a streamed sheet has none yet)."""
    wide = visible_width(ws, print_columns) > PORTRAIT_WIDTH if landscape is None else landscape
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=MARGINS.left, right=MARGINS.right, top=MARGINS.top,
                                  bottom=MARGINS.bottom, header=MARGINS.header, footer=MARGINS.footer)
    ws.print_options.horizontalCentered = True
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"
    if print_columns is not None:
        ws.print_area = f"A1:{get_column_letter(print_columns)}{last_row}"
    footer = ws.oddFooter.center
    footer.text, footer.font, footer.size = PAGE_FOOTER, "宋体", 9


def visible_width(ws: Worksheet, columns: int | None = None) -> float:
    """The width of the sheet's used, visible columns (the first ``columns`` of them) in
    Excel column units."""
    return sum(_column_width(ws, col) for col in range(1, (columns or ws.max_column) + 1))


def _column_width(ws: Worksheet, col: int) -> float:
    """A column's width as Excel shows it; 0 when hidden (looked up without creating it)."""
    dim = ws.column_dimensions.get(get_column_letter(col))
    if dim is None:
        return DEFAULT_WIDTH
    return 0.0 if dim.hidden else float(dim.width or DEFAULT_WIDTH)


def text_width(text: str, size: float = 11) -> float:
    """The width of one line of ``text`` in Excel column units, at ``size`` points: ems of
    ``cnfmt.text_width`` with “ ” narrow (Excel draws them in its Latin font), a Latin letter or
    digit half a CJK character (7.3 px in 11 pt 宋体)."""
    return cnfmt_width(text, ambiguous=False) * WIDE_CHAR * size / 11


def text_lines(text: str, width: float, size: float = 11) -> int:
    """How many lines ``text`` takes when wrapped in a cell ``width`` units wide."""
    room = max(width - CELL_PADDING, 1.0)
    return sum(max(1, math.ceil(text_width(line, size) / room)) for line in text.split("\n"))


def line_height(size: float = 11) -> float:
    """The height in points of one line of text at ``size`` points."""
    return size * LINE_FACTOR


def fit_row_heights(ws: Worksheet, rows: Iterable[int], grow_only: bool = False) -> None:
    """Give each of ``rows`` the height its tallest cell needs (see ``set_up_printing``);
    rows without text keep theirs."""
    spans = {(r.min_row, r.min_col): sum(_column_width(ws, c) for c in range(r.min_col, r.max_col + 1))
             for r in ws.merged_cells.ranges}
    columns = range(1, ws.max_column + 1)  # once: openpyxl's max_column scans every cell of the sheet
    for row in rows:
        cells = (ws.cell(row=row, column=col) for col in columns)
        height = row_height(ws, cells, spans.get, grow_only)
        if height is not None:
            ws.row_dimensions[row].height = height


def row_height(ws: Worksheet, cells: Iterable[Cell], span: Callable[[tuple[int, int]], float | None] = lambda _: None,
               grow_only: bool = False) -> float | None:
    """The height in points a row of ``cells`` needs for its text (see ``set_up_printing``);
    None when it keeps its own. ``span`` gives the width of a merged cell by (row, column)."""
    needed, grows = 0.0, False
    for cell in cells:
        if cell.value is None or isinstance(cell.value, (dt.date, dt.time)):
            continue
        size = float(cell.font.sz or 11) if cell.font else 11.0
        width = span((cell.row, cell.column))
        width = _column_width(ws, cell.column) if width is None else width
        if width == 0:
            continue
        wrapped = bool(cell.alignment and cell.alignment.wrap_text)
        lines = text_lines(str(cell.value), width, size) if wrapped else 1
        needed = max(needed, lines * line_height(size) + ROW_PADDING)
        grows = grows or lines > 1 or size > 11
    return round(needed, 1) if needed and (grows or not grow_only) else None
