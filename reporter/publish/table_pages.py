"""Long tables converted one printed page at a time: where LibreOffice breaks their pages,
read from the PDF of a probe, and the check that the cut table printed as planned.

LibreOffice needs time that grows with the square of a table's rows; the same rows as one
table per page print alike and take an eighth of it (``render.page_cut``). To know which rows
share a page, a probe document (the start of the table's first page, then one row of each
kind, flowing on without repeating the header) is converted first; its PDF gives, as the
horizontal rules LibreOffice draws, the top of the table on its first page, the top of the
type area on the pages after it, and the height of every row. Rows are then laid out as
LibreOffice lays out a long table whose rows never split (``lay_out``): each page repeats the
header rows and takes rows while the next one still ends above the foot of the type area.
A row ending too near that foot to tell, or rows not as high wherever they are, leave the
table whole (``plan_document`` plans the tables of a document in turn). After the real conversion,
``printed_as_planned`` checks every page of the table against the plan (the heights of its
rows, page by page); when any differs, the caller converts the document as it is.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reporter.model import PageableTable, TableProbe

#: A gap between two rules larger than this (points) is a row; smaller ones join two tables.
MIN_ROW_PT = 2.0
#: A row ending closer than this (points) to the foot of the type area, beyond its rule's
#: half width, cannot be told to fit or not: the table stays whole.
UNSURE_PT = 0.3
#: Rules are shorter than this (points) only in pictures and marks, never as table borders.
MIN_RULE_PT = 20.0
#: Two heights or positions this close (points) are the same.
SAME_PT = 0.05

# A stroked straight segment as LibreOffice writes it: "x1 y1 m x2 y2 l S", after "w" (its width).
_SEGMENT = re.compile(rb"(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l\s+S")
_WIDTH = re.compile(rb"(?<![\w.])([\d.]+) w\b")


class Paging(Protocol):
    """How documents are cut for LibreOffice (``render.page_cut``, handed down by the pipeline):
    the long tables of a .docx, a probe of one of them, the .docx cut by a plan. Each raises
    ValueError for a document it cannot read."""

    def tables(self, docx: bytes) -> Sequence[PageableTable]: ...

    def probe(self, docx: bytes, table: int, pages: Mapping[int, Sequence[int]]) -> TableProbe: ...

    def cut(self, docx: bytes, pages: Mapping[int, Sequence[int]]) -> bytes: ...


#: Converts .docx bytes with LibreOffice in the given (new) folder: the PDF, or None when
#: LibreOffice made none (or stalled).
Convert = Callable[[bytes, Path], "Path | None"]


@dataclass(frozen=True)
class Measured:
    """A long table as its probe printed it: the top of its first rule on its first page, the
    top of the type area on later pages, the height of each row (header rows first) and the
    width of the widest rule, all in points."""

    start: float
    top: float
    heights: tuple[float, ...]
    rule: float


@dataclass
class Plan:
    """How the long tables of one document are cut: rows after the header per page, and the
    measurements the plan rests on, by the table's place among the body's tables."""

    pages: dict[int, list[int]] = field(default_factory=dict)
    measured: dict[int, Measured] = field(default_factory=dict)
    tables: dict[int, PageableTable] = field(default_factory=dict)


def plan_document(docx: bytes, paging: Paging, convert: Convert, folder: Path) -> Plan | None:
    """The plan for cutting the long tables of ``docx``, each probed in turn (a table's probe
    starts on the page where the earlier tables, already cut, leave off); None when it has
    none or none could be planned."""
    plan = Plan()
    for table in paging.tables(docx):
        probe = paging.probe(docx, table.index, plan.pages)
        pdf = convert(probe.docx, folder / f"probe{table.index}")
        measured = measure(pdf, table, probe.places, probe.twins) if pdf is not None else None
        pages = lay_out(measured, table) if measured is not None else None
        if pages is not None and measured is not None:
            plan.pages[table.index], plan.measured[table.index] = pages, measured
            plan.tables[table.index] = table
    return plan if plan.pages else None


def convert_cut(docx: bytes, plan: Plan, paging: Paging, convert: Convert, folder: Path) -> Path | None:
    """The PDF of ``docx`` converted with its long tables cut as ``plan`` says, when every page
    of them printed as planned; else None (the document is then converted as it is)."""
    pdf = convert(paging.cut(docx, plan.pages), folder)
    if pdf is None or not printed_as_planned(pdf, plan):
        return None
    return pdf


# --- reading rules ------------------------------------------------------------------------------

def page_rules(pdf: Path) -> list[tuple[list[float], float]]:
    """For each page of ``pdf``: the heights (points from the bottom) of its horizontal rules,
    top first, and the width of its widest rule."""
    try:
        reader = PdfReader(pdf)
        pages = []
        for page in reader.pages:
            contents = page.get_contents()
            pages.append(_rules(contents.get_data() if contents is not None else b""))
        return pages
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, zlib.error):
        return []


def _rules(data: bytes) -> tuple[list[float], float]:
    heights: set[float] = set()
    widest = 0.0
    for match in _SEGMENT.finditer(data):
        x1, y1, x2, y2 = (float(v) for v in match.groups())
        if abs(y1 - y2) < SAME_PT and abs(x2 - x1) >= MIN_RULE_PT:
            heights.add(round(y1, 3))
            width = _WIDTH.findall(data, max(0, match.start() - 40), match.start())
            if width:
                widest = max(widest, float(width[-1]))
    return sorted(heights, reverse=True), widest


def _rows(rules: list[float]) -> list[tuple[float, float]]:
    """(top, height) of each row between the rules of one page; joins of two tables left out."""
    return [(upper, upper - lower) for upper, lower in zip(rules, rules[1:]) if upper - lower > MIN_ROW_PT]


# --- measuring the probe and laying out the pages --------------------------------------------------

def measure(pdf: Path, table: PageableTable, places: Sequence[int],
            twins: Sequence[tuple[int, int]] = ()) -> Measured | None:
    """The table as its probe ``pdf`` printed it, or None when the probe does not show all its
    rows, one rule between each two, or a row printed twice (``twins``, pairs of the probe's
    rows) is not as high both times (LibreOffice rounds the heights of rows of automatic
    line spacing by where they are: their pages cannot be told in advance). The probe's rows
    are the last rows of its PDF; row ``i`` of the table is as high as the probe's row
    ``places[i]``."""
    rows: list[tuple[int, float, float]] = []  # (page, top, height)
    widest = 0.0
    for number, (rules, width) in enumerate(page_rules(pdf)):
        found = _rows(rules)
        rows += [(number, top, height) for top, height in found]
        if found:
            widest = max(widest, width)
    if len(places) != table.header_rows + table.rows or not places:
        return None
    wanted = max([*places, *(i for pair in twins for i in pair)]) + 1
    if len(rows) < wanted:
        return None
    rows = rows[-wanted:]
    first_page = rows[0][0]
    tops = {round(top, 3) for page, top, _ in _firsts(rows) if page != first_page}
    if len(tops) != 1:
        return None
    probed = Measured(rows[0][1], tops.pop(), tuple(height for _, _, height in rows), widest)
    if any(abs(probed.heights[a] - probed.heights[b]) > SAME_PT for a, b in twins):
        return None
    if not _agrees(rows, probed, table):
        return None
    return Measured(probed.start, probed.top, tuple(probed.heights[place] for place in places), widest)


def _firsts(rows: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    """The first row of each page."""
    out, seen = [], set()
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return out


def _agrees(rows: list[tuple[int, float, float]], measured: Measured, table: PageableTable) -> bool:
    """Whether the probe's own page breaks are what ``fits`` says: every page ends with a row
    that fits and the next page's first row would not have."""
    for (page, top, height), (next_page, _, next_height) in zip(rows, rows[1:]):
        if next_page != page:
            bottom = top - height
            if fits(bottom, measured, table) is not True or fits(bottom - next_height, measured, table) is not False:
                return False
    return True


def fits(bottom: float, measured: Measured, table: PageableTable) -> bool | None:
    """Whether a row whose lower rule is at ``bottom`` (points from the page's bottom edge)
    stays on the page: above the foot of the type area by more than half its rule; None when
    too close to tell."""
    over = bottom - measured.rule / 2 - table.foot_pt
    if over >= UNSURE_PT:
        return True
    if over <= -UNSURE_PT:
        return False
    return None


def lay_out(measured: Measured, table: PageableTable) -> list[int] | None:
    """How many rows after the header go on each page, laid out as LibreOffice lays out the
    long table: the header rows at the top of every page, then rows while they fit; None when
    a row is too near the foot to tell, does not fit a page of its own, or none fits under
    the header on the first page (LibreOffice would move the table on)."""
    head = sum(measured.heights[:table.header_rows])
    counts: list[int] = []
    y, count = measured.start - head, 0
    for height in measured.heights[table.header_rows:]:
        placed = fits(y - height, measured, table)
        if placed is None:
            return None
        if not placed:
            if count == 0:
                return None
            counts.append(count)
            y, count = measured.top - head, 0
            if fits(y - height, measured, table) is not True:
                return None
        y -= height
        count += 1
    counts.append(count)
    return counts


# --- checking the result ------------------------------------------------------------------------

def printed_as_planned(pdf: Path, plan: Plan) -> bool:
    """Whether every page of every cut table in ``pdf`` holds the rows planned for it: the
    heights of its rows, page by page, are those of the plan."""
    pages = [[height for _, height in _rows(rules)] for rules, _ in page_rules(pdf)]
    start = 0
    for index in sorted(plan.pages):
        expected = _expected(plan, index)
        found = _find(pages, expected, start)
        if found is None:
            return False
        start = found + len(expected) - 1
    return True


def _expected(plan: Plan, index: int) -> list[list[float]]:
    measured, table = plan.measured[index], plan.tables[index]
    head = list(measured.heights[:table.header_rows])
    rows = list(measured.heights[table.header_rows:])
    out, at = [], 0
    for count in plan.pages[index]:
        out.append(head + rows[at:at + count])
        at += count
    return out


def _find(pages: list[list[float]], expected: list[list[float]], start: int) -> int | None:
    """The page on which ``expected`` (rows by page) begins, at or after ``start``: its first
    page ends with the first page's rows, the pages between are exactly as expected, its last
    page begins with the last page's rows."""
    for first in range(start, len(pages) - len(expected) + 1):
        if not _ends_with(pages[first], expected[0]):
            continue
        last = first + len(expected) - 1
        middle = all(_same(pages[first + i], expected[i]) for i in range(1, len(expected) - 1))
        if middle and (len(expected) == 1 or _same(pages[last][:len(expected[-1])], expected[-1])):
            return first
    return None


def _ends_with(heights: list[float], tail: list[float]) -> bool:
    return len(heights) >= len(tail) and _same(heights[len(heights) - len(tail):], tail)


def _same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= SAME_PT for x, y in zip(a, b))
