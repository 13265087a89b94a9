"""Tables of a rendered body: grids fitted to the rows, and cells merged as the caller asks.

``fit_grids`` does what docxtpl does after rendering (its ``fix_tables``), so templates that
loop over columns (``{%tc for … %}``) keep a grid Word accepts; it counts each table's own
rows only (docxtpl also counts the rows of nested tables) and cells skipped before or after
a row (``w:gridBefore``/``w:gridAfter``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from docx.table import Table
from lxml import etree

from reporter.model import CellMerge

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WIDTH = f"{W}w"


def fit_grids(body: etree._Element) -> None:
    """Every table's grid with as many columns as its widest row spans (``fit_grid``)."""
    for table in body.iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        fit_grid(table, max((len(row.findall(f"{W}tc")) for row in rows), default=0),
                 max((row_span(row) for row in rows), default=0))


def fit_grid(table: etree._Element, most_cells: int, spanned: int) -> None:
    """The table's grid with as many columns as its widest row spans, given the most cells
    of a row and the most grid columns a row covers: columns added share the table's width
    with the existing ones, columns removed give theirs to those left."""
    grid = table.find(f"{W}tblGrid")
    if grid is None:
        return
    columns = grid.findall(f"{W}gridCol")
    if most_cells > len(columns):
        widths = [_width(c) for c in columns]
        width = sum(widths)
        if width > 0:
            old_average, new_average = width / len(columns), width / most_cells
            for column, old in zip(columns, widths):
                column.set(WIDTH, str(int(old * new_average / old_average)))
            for _ in range(most_cells - len(columns)):
                etree.SubElement(grid, f"{W}gridCol", {WIDTH: str(int(new_average))})
        columns = grid.findall(f"{W}gridCol")
    if 0 < spanned < len(columns):
        removed = sum(_width(c) for c in columns[spanned:])
        for column in columns[spanned:]:
            grid.remove(column)
        extra = int(removed / spanned)
        for column in columns[:spanned]:
            column.set(WIDTH, str(int(_width(column) + extra)))


def _width(column: etree._Element) -> float:
    return float(column.get(WIDTH) or 0)


def row_span(row: etree._Element) -> int:
    """How many grid columns a row covers: its cells' spans and the columns it skips."""
    span = 0
    for cell in row.findall(f"{W}tc"):
        value = cell.find(f"{W}tcPr/{W}gridSpan")
        span += int(value.get(f"{W}val", 1)) if value is not None else 1
    for skipped in ("gridBefore", "gridAfter"):
        value = row.find(f"{W}trPr/{W}{skipped}")
        span += int(value.get(f"{W}val", 0)) if value is not None else 0
    return span


def merge_cells(body: etree._Element, merges: Iterable[CellMerge]) -> None:
    """Merge, in each body-level table, the cells ``merges`` name (python-docx's merge:
    content moves into the first cell). ``body`` must come from python-docx's parser."""
    tables = body.findall(f"{W}tbl")
    for merge in merges:
        # A table outside any python-docx Document: merging touches the XML only.
        table = Table(cast(Any, tables[merge.table]), cast(Any, None))
        table.cell(merge.first, merge.column).merge(table.cell(merge.last, merge.column))
