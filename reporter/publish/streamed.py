"""A table sheet written row by row (openpyxl's write-only mode), for workbooks as long as a
city's inspection rounds: memory stays flat in the number of rows. The sheet looks and
prints as one written by ``write_header`` and ``TableWriter`` and set up by ``set_up_printing``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from reporter.publish.cellstyles import apply_style
from reporter.publish.xlsx import (
    BODY_STYLE,
    DATE_STYLE,
    HEADER_STYLE,
    row_height,
    set_text,
    set_up_page,
)


class StreamedTable:
    """One sheet of ``wb`` (a write-only workbook): a header row of ``headers`` ((text, width)
    pairs), then ``rows`` rows added one at a time; filters on every column, the header repeated
    on every printed page and only the first ``print_columns`` columns printed."""

    def __init__(self, wb: Workbook, title: str, headers: Sequence[tuple[str, float]], rows: int,
                 print_columns: int | None = None):
        self.ws = wb.create_sheet(title)
        for col, (_text, width) in enumerate(headers, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = "A2"
        last = rows + 1
        self.ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
        set_up_page(self.ws, last, header_row=1, print_columns=print_columns)
        self.row = 1
        self._append([self._cell(text, header=True) for text, _width in headers])

    def add(self, values: list) -> None:
        """The next row: user text as text, dates shown 2018年11月5日."""
        self._append([self._cell(value) for value in values])

    def _cell(self, value: object, header: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        cell.row, cell.column = self.row, 0  # the column is set as the row is written
        set_text(cell, value)
        apply_style(cell, HEADER_STYLE if header else BODY_STYLE)
        if isinstance(value, dt.date):
            apply_style(cell, DATE_STYLE)
        return cell

    def _append(self, cells: list[WriteOnlyCell]) -> None:
        for col, cell in enumerate(cells, start=1):
            cell.column = col
        height = row_height(self.ws, cells)
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)
        self.ws.row_dimensions.pop(self.row, None)  # written: nothing of the row stays in memory
        self.row += 1
