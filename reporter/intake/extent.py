"""The real extent of a workbook's sheets, found by streaming their XML before openpyxl loads them.

A form declares for each sheet it reads the area users fill in (``Area``). A single value far
outside it (one cell at row 1048576) would make openpyxl and every loop over the sheet's rows
walk a million rows; ``stray_cells`` finds such a cell from the sheet's XML alone, in constant
memory, so the workbook is refused with the cell's address before it is opened.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import iterparse
from openpyxl.utils import get_column_letter

CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
# Children of <c> that give it content; a cell with only a style is empty.
CONTENT = ("v", "is", "f")


@dataclass(frozen=True)
class Area:
    """The part of a sheet users fill in: rows 1..``rows`` of columns A..(``columns``-th)."""

    rows: int
    columns: int

    @property
    def address(self) -> str:
        """The area written as Excel writes a range, e.g. A1:F5000."""
        return f"A1:{get_column_letter(self.columns)}{self.rows}"

    def holds(self, column: int, row: int) -> bool:
        """Whether the cell at 1-based ``column`` and ``row`` lies inside the area."""
        return row <= self.rows and column <= self.columns


@dataclass(frozen=True)
class StrayCell:
    """The first filled cell found outside a sheet's area, and how many more there are."""

    sheet: str
    cell: str
    area: Area
    others: int


def stray_cells(path: Path, areas: Mapping[str, Area]) -> list[StrayCell]:
    """The first filled cell outside its area in each sheet named in ``areas`` (sheets of
    other names are not read by the form and are not looked at)."""
    found: list[StrayCell] = []
    with zipfile.ZipFile(path) as archive:
        for sheet, part in _sheet_parts(archive).items():
            area = areas.get(sheet)
            if area is None or part not in archive.namelist():
                continue
            outside = _outside(archive, part, area)
            first = next(outside, None)
            if first is not None:
                found.append(StrayCell(sheet, first, area, sum(1 for _ in outside)))
    return found


def _outside(archive: zipfile.ZipFile, part: str, area: Area) -> Iterator[str]:
    """The addresses of filled cells of one sheet part outside ``area``, in file order."""
    with archive.open(part) as stream:
        for _event, element in iterparse(stream, events=("end",)):
            if _local(element.tag) != "c":
                if _local(element.tag) == "row":
                    element.clear()
                continue
            match = CELL_REF.fullmatch(element.get("r", ""))
            if match and _filled(element) and not area.holds(_column(match.group(1)), int(match.group(2))):
                yield match.group(0)


def _filled(cell: Element) -> bool:
    """Whether a <c> element holds a value or formula (not only a style)."""
    return any(_local(child.tag) in CONTENT and (child.text or len(child)) for child in cell)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML part inside the archive."""
    targets = {}
    with archive.open("xl/_rels/workbook.xml.rels") as stream:
        for _event, element in iterparse(stream):
            if _local(element.tag) == "Relationship":
                target = element.get("Target", "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join("xl", target))
                targets[element.get("Id", "")] = part
    parts = {}
    with archive.open("xl/workbook.xml") as stream:
        for _event, element in iterparse(stream):
            if _local(element.tag) == "sheet":
                rel = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
                parts[element.get("name", "")] = targets.get(rel, "")
    return parts


def _local(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _column(letters: str) -> int:
    """The 1-based number of a column written in letters (A = 1, XFD = 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
