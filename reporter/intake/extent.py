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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from defusedxml.ElementTree import iterparse
from openpyxl.utils import get_column_letter

CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
# The raw bytes of a sheet as Excel, WPS and openpyxl write it: every <c> and <row> starts
# with its address. Checked with these at C speed first; anything else is parsed.
CELL_TAG = re.compile(rb"<c[\s>/]")
CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
ROW_TAG = re.compile(rb"<row[\s>/]")
ROW_NUMBER = re.compile(rb'<row r="([0-9]{1,7})"')


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
    """The first filled cell found outside a sheet's area (the scan stops there)."""

    sheet: str
    cell: str
    area: Area


def stray_cells(path: Path, areas: Mapping[str, Area]) -> list[StrayCell]:
    """The first filled cell outside its area in each sheet named in ``areas`` (sheets of
    other names are not read by the form and are not looked at)."""
    found: list[StrayCell] = []
    with zipfile.ZipFile(path) as archive:
        for sheet, part in _sheet_parts(archive).items():
            area = areas.get(sheet)
            if area is None or part not in archive.namelist():
                continue
            first = None if _plainly_inside(archive, part, area) else _first_outside(archive, part, area)
            if first is not None:
                found.append(StrayCell(sheet, first, area))
    return found


class _Found(Exception):
    """Stops the scan at the first stray cell."""

    def __init__(self, address: str):
        super().__init__(address)
        self.address = address


class _Scan:
    """Expat handlers following rows and cells as openpyxl places them: by their ``r``
    attribute, or one after the other where a (hand-made) file leaves it out."""

    def __init__(self, area: Area):
        self.area = area
        self.row = self.column = 0
        self.cell_row = 0
        self.in_value = self.filled = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "c":
            match = CELL_REF.fullmatch(attrs.get("r", ""))
            self.column = _column(match.group(1)) if match else self.column + 1
            self.cell_row = int(match.group(2)) if match else self.row
            self.filled = False
        elif local == "row":
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
        elif local == "is":
            self.filled = True
        elif local in ("v", "f"):
            self.in_value = True

    def end(self, name: str) -> None:
        local = name.rsplit(":", 1)[-1]
        if local in ("v", "f"):
            self.in_value = False
        elif local == "c" and self.filled and not self.area.holds(self.column, self.cell_row):
            raise _Found(f"{get_column_letter(min(self.column, 16384))}{self.cell_row}")

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.filled = True


def _plainly_inside(archive: zipfile.ZipFile, part: str, area: Area) -> bool:
    """Whether every cell and row of a sheet part is addressed inside ``area``, judged from
    its raw bytes; False also when the part is written in an unusual way (then it is parsed)."""
    columns: set[bytes] = set()  # the column letters seen, a handful
    last_row, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            cut = data.rfind(b">") + 1  # whole tags only; the rest waits for the next chunk
            data, tail = data[:cut], data[cut:]
            cells, rows = CELL_COLUMN.findall(data), ROW_NUMBER.findall(data)
            if len(cells) != len(CELL_TAG.findall(data)) or len(rows) != len(ROW_TAG.findall(data)):
                return False
            columns.update(cells)
            last_row = max([last_row, *map(int, rows)])
            if last_row > area.rows or any(_column(c.decode()) > area.columns for c in columns):
                return False
    return True


def _first_outside(archive: zipfile.ZipFile, part: str, area: Area) -> str | None:
    """The address of the first filled cell of one sheet part outside ``area``, or None."""
    scan = _Scan(area)
    parser = expat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.EntityDeclHandler = _refuse_entities  # no entity can be declared, so none expands
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Found as found:
        return found.address
    return None


def _refuse_entities(*_args: object) -> None:
    raise ValueError("entity declarations are not allowed in a worksheet")


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
