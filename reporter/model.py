"""Plain, frozen records that flow between the layers of reporter.

Nothing here reads files or formats text: the campaign as configured, what each unit
reported (with the cell it came from) and the figures aggregated from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path

UNIT_KINDS = ("部门", "街道")


class Aggregation(Enum):
    """How an indicator adds up across the units that report it."""

    SUM = "合计"
    MAX = "最大值"
    AVERAGE = "平均值"
    RATIO = "比率"


@dataclass(frozen=True)
class Unit:
    """A department (部门) or street (街道) that reports to the office."""

    code: str
    name: str
    short: str
    kind: str
    contact: str = ""


@dataclass(frozen=True)
class Section:
    """A part of the report that work notes are filed under (e.g. 卫生城创建)."""

    code: str
    title: str


@dataclass(frozen=True)
class Indicator:
    """A figure the campaign collects: its name, measure unit, who reports it and how it adds up.

    A ratio indicator is not reported by anyone: it is computed from the totals of its
    ``numerator`` and ``denominator`` indicators (as a percentage when ``measure`` is ``%``).
    """

    code: str
    name: str
    measure: str
    aggregation: Aggregation = Aggregation.SUM
    reporters: tuple[str, ...] = ()
    decimals: int = 0
    numerator: str | None = None
    denominator: str | None = None
    target: Decimal | None = None
    hint: str = ""

    @property
    def is_derived(self) -> bool:
        return self.aggregation is Aggregation.RATIO


@dataclass(frozen=True)
class Period:
    """A reporting month."""

    year: int
    month: int

    @property
    def key(self) -> str:
        """The folder name of the period's inputs, e.g. ``2018-11``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """How the period is written in documents, e.g. ``2018年11月``."""
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True)
class Campaign:
    """The whole configuration of one workspace: the campaign, its units, indicators and sections."""

    code: str
    name: str
    region: str
    office: str
    period: Period
    units: tuple[Unit, ...]
    indicators: tuple[Indicator, ...]
    sections: tuple[Section, ...]
    title: str = ""
    author: str = ""
    report_date: dt.date | None = None
    deadline: dt.date | None = None
    sample: bool = False
    task_categories: tuple[str, ...] = ()
    task_title: str = ""
    inspection: "InspectionRules | None" = None
    booklet_order: tuple[str, ...] = ("工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知")

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    @property
    def rules(self) -> "InspectionRules":
        """The inspection rules, for the steps that run only when they are configured."""
        if self.inspection is None:
            raise LookupError("the configuration has no [inspection]")
        return self.inspection

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.code == code)

    def indicators_for(self, unit: Unit) -> tuple[Indicator, ...]:
        """The indicators a unit reports, in catalog order."""
        return tuple(i for i in self.indicators if unit.code in i.reporters)

    @property
    def reported_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if not i.is_derived)


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
class PlacedNote:
    """A work note as placed in a document, for its data-source workbook."""

    section: str
    ordinal: str
    title: str
    unit: str
    source: str


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


@dataclass(frozen=True)
class Contribution:
    """One unit's share in a figure, traceable to its cell."""

    unit_code: str
    value: Decimal
    source: CellRef


@dataclass(frozen=True)
class Figure:
    """An aggregated indicator: the total and every value it was computed from.

    For a ratio, ``parts`` holds the numerator and denominator figures and
    ``contributions`` is empty.
    """

    indicator: Indicator
    total: Decimal | None
    contributions: tuple[Contribution, ...] = ()
    parts: tuple["Figure", ...] = field(default=())
    missing: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class CellMerge:
    """Cells of one column of a rendered table, rows ``first`` to ``last`` (0-based, header
    rows included), to be merged into one."""

    table: int
    column: int
    first: int
    last: int


@dataclass(frozen=True)
class ProblemCategory:
    """A kind of problem inspectors record, and the points it costs (千分制 in spirit)."""

    name: str
    deduction: Decimal


@dataclass(frozen=True)
class InspectionRules:
    """How inspection rounds are scored and announced (the [inspection] configuration)."""

    doc_prefix: str
    base_score: Decimal
    categories: tuple[ProblemCategory, ...]
    board_names: tuple[str, str] = ("红榜", "黑榜")
    board_size: int = 3
    photos_per_unit: int = 2
    report_to: str = ""
    addressees: str = "各街道，区直各有关部门："
    copy_to: tuple[str, ...] = ()

    def category(self, name: str) -> ProblemCategory | None:
        return next((c for c in self.categories if c.name == name), None)

    def deduction(self, category: str) -> Decimal:
        """The points a problem of ``category`` costs (readers accept configured categories only)."""
        return next(c.deduction for c in self.categories if c.name == category)


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


@dataclass(frozen=True)
class ImageRef:
    """A picture to place in a document: a file, or PNG bytes, at a width in millimetres."""

    width_mm: float
    path: str = ""
    data: bytes = b""


class Highlight(Enum):
    """How a bar of a chart stands out: on the 红榜 (good), on the 黑榜 (bad), or not at all."""

    NONE = "none"
    GOOD = "good"
    BAD = "bad"


@dataclass(frozen=True)
class ChartBar:
    """One bar of a bar chart: its category label, its value (None leaves a gap, as for the
    "……" between the best and the worst of a long list) and how it stands out."""

    label: str
    value: Decimal | None
    highlight: Highlight = Highlight.NONE


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart placed in a document as a native Word chart, drawn by the
    reader's own program (Word, WPS, LibreOffice) and its fonts.

    Bars run from the top in the order given; the value axis spans ``minimum`` to ``maximum``
    with a gridline every ``major_unit``; each bar is labelled with its value in
    ``label_format`` (an Excel number format). Names, values and axis are ``text_pt`` high."""

    title: str
    series: str
    bars: tuple[ChartBar, ...]
    minimum: Decimal
    maximum: Decimal
    major_unit: Decimal
    width_mm: float
    height_mm: float
    text_pt: float = 9.0
    label_format: str = "0.00"
