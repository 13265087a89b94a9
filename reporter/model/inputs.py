"""What reporter reads: the input files (``Source``), what the units reported in their
workbooks (figures, work notes, task progress) and the tasks of the 责任分解表, each with the
cell it came from (``CellRef``).

Plain, frozen records; the workspace and the readers of the inputs build them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """A file reporter reads, with the name users see in messages (relative to the workspace)."""

    path: Path
    display: str

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class CellRef:
    """Where a value was read: a workbook (workspace-relative path), a sheet and a cell."""

    path: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.path}:{self.sheet}!{self.cell}"


@dataclass(frozen=True)
class IndicatorValue:
    """One figure one unit reported, with the cell it came from."""

    unit_code: str
    indicator_code: str
    value: Decimal
    source: CellRef
    note: str = ""


@dataclass(frozen=True)
class WorkNote:
    """A work note (工作举措) a unit filed under a report section."""

    unit_code: str
    section_code: str
    text: str
    source: CellRef
    title: str = ""
    highlight: bool = False
    order: int | None = None


@dataclass(frozen=True)
class Submission:
    """Everything one unit's workbook holds, validated."""

    unit_code: str
    path: str
    filled_by: str
    phone: str
    filled_on: dt.date | None
    values: tuple[IndicatorValue, ...] = ()
    notes: tuple[WorkNote, ...] = ()
    progress: tuple["TaskProgress", ...] = ()


class DeadlineKind(Enum):
    """The forms a 完成时限 takes in practice."""

    DATE = "日期"
    ONGOING = "长期"
    MONTHLY = "每月"
    QUARTERLY = "每季度"


@dataclass(frozen=True)
class Deadline:
    """A task's deadline: a date (2018年12月底前 → 2018-12-31) or a recurring/ongoing duty."""

    kind: DeadlineKind
    text: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Task:
    """One row of the 标准与责任分解表: what is to be done, by whom, by when."""

    id: str
    category: str
    seq: int
    title: str
    measures: str
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    leader: str
    deadline: Deadline
    points: Decimal | None
    remark: str
    source: CellRef

    def role_of(self, unit_code: str) -> str | None:
        """牵头 or 配合 for a unit involved in the task, else None."""
        if unit_code in self.leads:
            return "牵头"
        if unit_code in self.partners:
            return "配合"
        return None


TASK_STATES = ("已完成", "推进中", "未启动")


@dataclass(frozen=True)
class TaskProgress:
    """A unit's report on one task (from its 任务进展 sheet)."""

    unit_code: str
    task_id: str
    state: str
    note: str
    source: CellRef
