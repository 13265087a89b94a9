"""Comparing two generated files as what a user opens, not as bytes: a workbook sheet by sheet
(cells, merged ranges, data validations, column widths), a Word document part by part.

Each comparison returns what it compared and the differences found, so that a test can show
every difference at once and also prove that something was compared at all.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Comparison:
    """What comparing two files found: the sheets (or document parts) compared, and every difference."""

    compared: tuple[str, ...]
    differences: tuple[str, ...]


def _style(cell: Cell) -> tuple[Any, ...]:
    """What a user sees of a cell's style: font, fill, borders, alignment, number format, lock."""
    font, fill, border, align = cell.font, cell.fill, cell.border, cell.alignment
    return (font.name, font.sz, font.b, fill.fill_type, fill.fgColor.rgb,
            tuple(side.style for side in (border.left, border.right, border.top, border.bottom)),
            align.horizontal, align.vertical, align.wrap_text, cell.number_format, cell.protection.locked)


def _validations(ws: Worksheet) -> list[tuple[Any, ...]]:
    return sorted((dv.type, dv.operator, dv.formula1, dv.formula2, dv.allow_blank, dv.showErrorMessage,
                   dv.errorTitle, dv.error, dv.showInputMessage, dv.promptTitle, dv.prompt, str(dv.sqref))
                  for dv in ws.data_validations.dataValidation)


def sheet_facts(ws: Worksheet) -> dict[str, Any]:
    """Everything compared of one sheet, by what it is."""
    cells = {cell.coordinate: (cell.value, cell.data_type, _style(cell))
             for row in ws.iter_rows() for cell in row if cell.value is not None or cell.has_style}
    return {
        "state": ws.sheet_state,
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": _validations(ws),
        "columns": {key: (dim.min, dim.max, dim.width, dim.hidden, dim.number_format)
                    for key, dim in ws.column_dimensions.items()},
        "rows": {key: dim.height for key, dim in ws.row_dimensions.items() if dim.height is not None},
        "freeze": ws.freeze_panes,
        "print titles": ws.print_title_rows,
        "orientation": ws.page_setup.orientation,
        "protected": ws.protection.sheet,
    }


def _dict_differences(where: str, expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    found = []
    for key in sorted(set(expected) | set(actual), key=str):
        if expected.get(key) != actual.get(key):
            found.append(f"{where} {key}: shipped {expected.get(key)!r}, generated {actual.get(key)!r}")
    return found


def compare_workbooks(shipped: Path, generated: Path) -> Comparison:
    """Every sheet of two workbooks: names and order, then each sheet's facts (``sheet_facts``)."""
    want, got = load_workbook(shipped), load_workbook(generated)
    differences = []
    if want.sheetnames != got.sheetnames:
        differences.append(f"sheets: shipped {want.sheetnames}, generated {got.sheetnames}")
    compared = []
    for name in (n for n in want.sheetnames if n in got.sheetnames):
        expected, actual = sheet_facts(want[name]), sheet_facts(got[name])
        for fact in expected:
            if isinstance(expected[fact], dict):
                differences += _dict_differences(f"{name} {fact}", expected[fact], actual[fact])
            elif expected[fact] != actual[fact]:
                differences.append(f"{name} {fact}: shipped {expected[fact]!r}, generated {actual[fact]!r}")
        compared.append(name)
    return Comparison(tuple(compared), tuple(differences))


def compare_documents(shipped: Path, generated: Path) -> Comparison:
    """Every part of two Word documents (document, styles, numbering, settings …), as stored."""
    with zipfile.ZipFile(shipped) as want, zipfile.ZipFile(generated) as got:
        names, got_names = sorted(want.namelist()), sorted(got.namelist())
        differences = [f"parts: shipped {names}, generated {got_names}"] if names != got_names else []
        compared = [name for name in names if name in got_names]
        differences += [f"part {name} differs" for name in compared if want.read(name) != got.read(name)]
    return Comparison(tuple(compared), tuple(differences))


def compare_files(shipped: Path, generated: Path) -> Comparison:
    """A workbook or a Word document, compared as such (by the shipped file's suffix)."""
    if shipped.suffix == ".xlsx":
        return compare_workbooks(shipped, generated)
    if shipped.suffix == ".docx":
        return compare_documents(shipped, generated)
    raise ValueError(f"no comparison for {shipped.name}")
