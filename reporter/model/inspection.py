"""Inspection rounds as read from their workbooks: each round and the problems found in it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reporter.model.inputs import CellRef

RECTIFY_STATES = ("未整改", "整改中", "已整改")


@dataclass(frozen=True)
class Finding:
    """One row of an inspection round: a new problem, or a re-check of an earlier one."""

    number: str
    round: int
    date: dt.date
    team: str
    unit_code: str
    place: str
    category: str
    description: str
    photos: tuple[str, ...]
    deadline: dt.date | None
    state: str
    recheck_date: dt.date | None
    recheck_result: str
    source: CellRef
    photo_dir: str = ""
    # The cell the unit was read from (a re-check must name the problem's own unit).
    unit_source: CellRef | None = None

    @property
    def order(self) -> tuple[int, int, str]:
        """Where the problem sorts: by round, then by number as a number (3-9999 before 3-10000)."""
        origin, _, seq = self.number.partition("-")
        return (int(origin), int(seq), self.number) if origin.isdigit() and seq.isdigit() else (0, 0, self.number)


@dataclass(frozen=True)
class InspectionRound:
    """One inspection round: its number, dates, document number and rows."""

    number: int
    start: dt.date
    end: dt.date
    doc_seq: int
    path: str
    findings: tuple[Finding, ...]
    units: tuple[str, ...] = ()
    points: int = 0
    issued: dt.date | None = None
    report_by: dt.date | None = None
