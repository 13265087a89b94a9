"""Prepared cell styles: a font, border, fill, alignment, protection and number format given
to many cells at the cost of one.

openpyxl registers every style attribute a cell is given in its workbook's style tables,
hashing and comparing the style objects on each assignment. A ``CellStyle`` is worked out
once per workbook and starting style, the usual way, and every further cell receives a copy
of the result: the same style table entries in the same order, so the saved workbook is
byte for byte what attribute-by-attribute styling gives.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook


@dataclass(frozen=True, eq=False)
class CellStyle:
    """The style attributes a cell is given; ``None`` leaves the cell's own."""

    font: Font | None = None
    border: Border | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    protection: Protection | None = None
    number_format: str | None = None

    def but(self, **changes: object) -> CellStyle:
        """This style with some attributes replaced."""
        values = {name: getattr(self, name) for name in _ATTRIBUTES}
        values.update(changes)
        return CellStyle(**values)


_ATTRIBUTES = ("border", "font", "fill", "alignment", "protection", "number_format")
# Per workbook: (style, the cell's style before) -> the cell's style after.
# The style is kept in the value so that its id cannot be reused while the workbook lives.
_PREPARED: WeakKeyDictionary[Workbook, dict[tuple[int, tuple[int, ...]], tuple[CellStyle, StyleArray]]] = (
    WeakKeyDictionary())


def apply_style(cell: Cell, style: CellStyle) -> None:
    """Give ``cell`` every attribute ``style`` sets, keeping the others it has."""
    prepared = _PREPARED.setdefault(cell.parent.parent, {})
    key = (id(style), tuple(cell._style or ()))
    done = prepared.get(key)
    if done is not None:
        cell._style = copy(done[1])
        return
    for name in _ATTRIBUTES:
        value = getattr(style, name)
        if value is not None:
            setattr(cell, name, value)
    prepared[key] = (style, copy(cell._style))
