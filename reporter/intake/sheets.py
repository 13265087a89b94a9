"""The base of every workbook reader: one guarded open, one rule for formula cells, one unit
lookup, one way to record a problem and one result shape.

A reader subclasses ``SheetReader`` and implements ``read_workbook``; ``read`` opens the file
behind the container checks, hands over the workbook and returns a ``SheetResult`` holding
what could be read and every problem, each addressed by file, sheet and cell.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from openpyxl.workbook.workbook import Workbook

from reporter.errors import Problem
from reporter.intake.container import Limits, container_problem
from reporter.intake.extent import Area, stray_cells
from reporter.intake.unitnames import UnitDirectory
from reporter.model import Campaign, Source, Unit
from reporter.publish.xlsx import open_workbook

T = TypeVar("T")

NO_RESULT = "是公式但文件中没有保存计算结果，请直接填写内容（或在 Excel 中打开后保存一次）"
DAMAGED = "无法读取，文件可能已损坏（{error}），请重新保存"
STRAY = "单元格 {cell} 在填报区域（{area}）之外，请删除填报区域以外的内容后重新报送"
# How a near miss is answered: with the short name, or with the full name and the short name.
SHORT_HINT = "，是不是“{short}”？"
FULL_HINT = "，是不是“{name}”（{short}）？"


@dataclass(frozen=True)
class SheetResult(Generic[T]):
    """What reading one workbook gave: what could be read, every problem, and the unit it belongs to.

    Each reader says whether a workbook with problems still gives a value (the task book gives
    its valid rows; a unit form and an inspection round give nothing unless wholly valid).
    """

    value: T | None
    problems: tuple[Problem, ...]
    unit_code: str | None = None
    # What was read differently from how it was written, for the person who wrote it ("75人次"
    # read as 75): addressed like problems, never stopping anything.
    notices: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the workbook had no problem at all."""
        return not self.problems


class SheetReader(Generic[T]):
    """Reads one workbook of a campaign, collecting problems as it goes.

    Cell values come through ``value``: a formula gives the result Excel saved with it; a
    formula without one is a single problem at its cell, and whatever a reader would add about
    that cell afterwards (it reads as empty) is left out.
    """

    damaged = DAMAGED  # the message for a file openpyxl cannot load; ``{error}`` is the exception type
    # The sheets the reader reads, each with the area users fill in (a reader may size it by its limits).
    areas: Mapping[str, Area] = {}

    def __init__(self, source: Source, campaign: Campaign, limits: Limits = Limits()):
        self.source = source
        self.campaign = campaign
        self.limits = limits
        self.directory = UnitDirectory(campaign.units)
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []
        self.unit_code: str | None = None
        self._book: Workbook | None = None
        self._results: Workbook | None = None
        self._unreadable: set[tuple[str, str]] = set()

    @property
    def display(self) -> str:
        """The file's name as users see it."""
        return self.source.display

    def read(self) -> SheetResult[T]:
        """Open the workbook and read it; never raises for a bad file."""
        book = self._open()
        value = None if book is None else self.read_workbook(book)
        return SheetResult(value, tuple(self.problems), self.unit_code, tuple(self.notices))

    def read_workbook(self, wb: Workbook) -> T | None:
        """What the opened workbook holds; problems go through ``fail``."""
        raise NotImplementedError

    def _open(self) -> Workbook | None:
        """The workbook, when the file passes the container checks and openpyxl can load it."""
        reason = container_problem(self.source.path, self.limits)
        if reason:
            self.fail(reason)
            self.identify_by_name()
            return None
        if self._strays():
            self._identify()
            return None
        try:
            self._book = _load(self.source, data_only=False)
        except Exception as e:  # openpyxl raises many types for damaged files
            self.fail(self.damaged.format(error=type(e).__name__))
            return None
        return self._book

    def _strays(self) -> bool:
        """Whether a filled cell lies outside its sheet's area (each sheet's first one is a problem),
        found from the sheet's XML before openpyxl loads anything."""
        try:
            strays = stray_cells(self.source.path, self.areas)
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, SyntaxError) as e:  # a damaged part
            self.fail(self.damaged.format(error=type(e).__name__))
            return True
        for stray in strays:
            self.fail(STRAY.format(cell=stray.cell, area=stray.area.address), stray.sheet, stray.cell)
        return bool(strays)

    def _identify(self) -> None:
        """Read what a refused workbook says it is (see ``identify``) from a lazily opened copy,
        which parses only the sheets ``identify`` looks at."""
        # The workbook is refused already; whatever stops this only leaves it unnamed.
        with suppress(Exception):
            self._book = open_workbook(self.source.path, read_only=True)
            try:
                self.identify()
            finally:
                self._book.close()
                self._book = None

    def identify(self) -> None:
        """For a workbook refused before it was read: set ``unit_code`` from what can be read
        cheaply (a unit form's marker), so the unit is not listed as not having reported."""

    def identify_by_name(self) -> None:
        """For a workbook refused unopened: set ``unit_code`` from the file's name where the
        reader's files are named after units, so the unit is told to fix it, not listed as silent."""

    def last_row(self, sheet: str) -> int:
        """The last row of ``sheet`` worth reading: its last filled row, at most its area's last."""
        area = self.areas.get(sheet)
        rows = self.wb[sheet].max_row
        return rows if area is None else min(rows, area.rows)

    @property
    def wb(self) -> Workbook:
        """The opened workbook (for ``read_workbook`` and what it calls)."""
        if self._book is None:
            raise RuntimeError("the workbook is read before it was opened")
        return self._book

    def fail(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        """Record a problem of the file, of one sheet, or of one cell.

        A cell already reported as a formula without a saved result gets no further problem.
        """
        if sheet is not None and cell is not None and (sheet, cell) in self._unreadable:
            return
        self.problems.append(Problem(self.display, message, sheet=sheet, cell=cell))

    def tell(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        """Record a notice: something read as the writer surely meant, but not as written."""
        self.notices.append(Problem(self.display, message, sheet=sheet, cell=cell))

    def value(self, sheet: str, address: str) -> Any:
        """A cell's value as Excel shows it; None (and one problem) for a formula without a saved result."""
        cell = self.wb[sheet][address]
        if cell.data_type != "f":
            return cell.value
        if self._results is None:
            self._results = _load(self.source, data_only=True)
        result = self._results[sheet][address].value
        if result is None:
            self.fail(NO_RESULT, sheet, address)
            self._unreadable.add((sheet, address))
        return result

    def shows_percent(self, sheet: str, address: str) -> bool:
        """Whether the cell shows its number as a percentage (its number format has a %)."""
        return "%" in str(self.wb[sheet][address].number_format or "")

    def row_values(self, sheet: str, addresses: Iterable[str]) -> list[Any] | None:
        """The values of cells that only make sense together (one row of a table); None when
        any of them is a formula without a saved result (each such cell has its problem)."""
        cells = list(addresses)
        values = [self.value(sheet, address) for address in cells]
        return None if any(self.unreadable(sheet, address) for address in cells) else values

    def unreadable(self, sheet: str, address: str) -> bool:
        """Whether the cell is a formula without a saved result (already reported)."""
        return (sheet, address) in self._unreadable

    def unit(self, name: str, sheet: str, cell: str, hint: str = SHORT_HINT, otherwise: str = "") -> Unit | None:
        """The configured unit called ``name`` (full name, short name or code); otherwise a
        problem at the cell naming the nearest unit through ``hint``, or adding ``otherwise``
        when no unit is near."""
        found = self.directory.find(name)
        if found is None:
            guess = self.directory.suggest(name)
            tail = hint.format(name=guess.name, short=guess.short) if guess else otherwise
            self.fail(f"“{name}”不是配置中的单位{tail}", sheet, cell)
        return found

    def unit_codes(self, names: Iterable[str], sheet: str, cell: str, hint: str = SHORT_HINT,
                   otherwise: str = "") -> tuple[str, ...]:
        """The codes of the units named in one cell, each once, in order (see ``unit``)."""
        codes: list[str] = []
        for name in names:
            found = self.unit(name, sheet, cell, hint, otherwise)
            if found is not None and found.code not in codes:
                codes.append(found.code)
        return tuple(codes)


def _load(source: Source, data_only: bool) -> Workbook:
    """The one place readers hand a file to openpyxl."""
    return open_workbook(source.path, data_only=data_only)
