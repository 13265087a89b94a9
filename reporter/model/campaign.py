"""The campaign as configured: its units, indicators, report sections, period and inspection rules.

Plain, frozen records built from the workspace's configuration (``配置.toml``). The records
that hold configured values have no defaults of their own: what a key left out means is
declared once, in the configuration's schema (``reporter.workspace.config``), and the reader
fills every field from it (``reporter.workspace.defaults`` builds records in code the same way).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from enum import Enum

from reporter.model.due_dates import ReportingDeadline

# How units of a type are counted (3家企业, 4所学校); any other type with 个 (9个街道).
UNIT_COUNTERS = {"企业": "家", "学校": "所", "医院": "家", "公司": "家"}


def unit_counter(kind: str) -> str:
    """The measure word that counts units of ``kind``: 个, 家 or 所."""
    return UNIT_COUNTERS.get(kind, "个")


class Aggregation(Enum):
    """How an indicator adds up across the units that report it."""

    SUM = "合计"
    MAX = "最大值"
    AVERAGE = "平均值"
    RATIO = "比率"


@dataclass(frozen=True)
class Unit:
    """A unit that reports to the office: a department (部门), a street (街道), a village (村) …
    ``kind`` is its type as configured."""

    code: str
    name: str
    short: str
    kind: str
    contact: str = ""  # who fills in the unit's reports (configuration ``contact``)
    phone: str = ""

    @property
    def reached_by(self) -> str:
        """The unit's contact and phone as a reminder names them: 赵丽 0416-2110001 ("" for none)."""
        if self.phone and self.phone not in self.contact:
            return f"{self.contact} {self.phone}".strip()
        return self.contact


@dataclass(frozen=True)
class Section:
    """A part of the report that work notes are filed under (e.g. 卫生城创建)."""

    code: str
    title: str


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """A figure the campaign collects: its name, measure unit, who reports it and how it adds up.

    A ratio indicator is not reported by anyone: it is computed from the totals of its
    ``numerator`` and ``denominator`` indicators (as a percentage when ``measure`` is ``%``).
    """

    code: str
    name: str
    measure: str
    aggregation: Aggregation
    reporters: tuple[str, ...]
    decimals: int
    numerator: str | None
    denominator: str | None
    target: Decimal | None
    # What the form says when the value cell is selected (configuration ``hint``).
    hint: str
    # A figure the office gives itself (configuration ``value``) instead of units reporting it.
    office_value: Decimal | None
    # A stock (常住人口, 医疗机构) rather than a flow: its running total (累计) is the latest figure.
    running_latest: bool

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

    def shifted(self, months: int) -> Period:
        """The period ``months`` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1)

    def through(self, end: Period) -> list[Period]:
        """Every period from this one through ``end``, in order (empty when ``end`` is earlier)."""
        count = (end.year - self.year) * 12 + end.month - self.month + 1
        return [self.shifted(i) for i in range(max(count, 0))]


@dataclass(frozen=True, kw_only=True)
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
    title: str
    author: str
    report_date: dt.date | None
    # What gives each period its 报送截止日期 (configuration ``deadline`` and ``deadlines``).
    deadline_rule: ReportingDeadline | None
    sample: bool
    task_categories: tuple[str, ...]
    task_title: str
    inspection: InspectionRules | None
    booklet_order: tuple[str, ...]
    # Whether each part of the booklet numbers its own pages (the 目录 then says 第N份第M页).
    booklet_per_part: bool
    # What task tables write for all the streets or all the departments ("" lists every name).
    all_streets: str
    all_departments: str
    # The unit types this campaign uses (units' types and report_by names are among them).
    unit_kinds: tuple[str, ...]
    # What one render may take: memory beyond reporter's own (MB) and seconds per document.
    render_memory_mb: int
    render_seconds: int
    # Seconds a LibreOffice call making PDFs may go without producing anything.
    pdf_idle_seconds: int
    # What one unit may file through the intake server ([intake]): versions per hour, MB per
    # period, and whether (and up to what size, MB) the uploads themselves are kept.
    intake_versions_per_hour: int
    intake_period_mb: int
    intake_keep_originals: bool
    intake_original_max_mb: int
    # The campaign's first period: running totals (累计) add up every period from it on.
    start: Period | None
    # Words no table cell breaks besides the unit names ([layout] terms).
    terms: tuple[str, ...]

    @property
    def unbroken_words(self) -> tuple[str, ...]:
        """What table cells never break across lines: every unit's name and short name, and
        the campaign's terms."""
        return tuple(dict.fromkeys([*(u.short for u in self.units), *(u.name for u in self.units), *self.terms]))

    @property
    def deadline(self) -> dt.date | None:
        """The period's 报送截止日期, or None when none is configured."""
        return self.deadline_of(self.period)

    def deadline_of(self, period: Period) -> dt.date | None:
        """The 报送截止日期 of ``period`` under the configured rule, or None."""
        return self.deadline_rule.of(period) if self.deadline_rule else None

    def unit(self, code: str) -> Unit:
        return self._units_by_code[code]

    @cached_property
    def _units_by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    @property
    def rules(self) -> InspectionRules:
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
        """The indicators units report: neither ratios nor figures the office gives."""
        return tuple(i for i in self.indicators if not i.is_derived and i.office_value is None)

    @property
    def base_indicators(self) -> tuple[Indicator, ...]:
        """Every indicator that is not a ratio: those units report and those the office gives."""
        return tuple(i for i in self.indicators if not i.is_derived)

    @property
    def first_period(self) -> Period:
        """Where running totals begin: ``start``, or the period itself when none is configured."""
        return self.start or self.period


@dataclass(frozen=True)
class ProblemCategory:
    """A kind of problem inspectors record, and the points it costs (千分制 in spirit)."""

    name: str
    deduction: Decimal


@dataclass(frozen=True, kw_only=True)
class InspectionRules:
    """How inspection rounds are scored and announced (the [inspection] configuration)."""

    doc_prefix: str
    base_score: Decimal
    categories: tuple[ProblemCategory, ...]
    # The issuing office's full name: 发文机关标志, 落款 and 印发机关 ("" : the campaign's office).
    issuer: str
    board_names: tuple[str, str]
    board_size: int
    # Boards by score instead of by place: 红榜 from this score up, 黑榜 below this score.
    red_min_score: Decimal | None
    black_below_score: Decimal | None
    # The office's words after each board's names (予以通报表扬 …); "" writes the names alone.
    praise: str
    criticism: str
    # One ranking (and boards) per unit type (街道, 部门 …) instead of one for all units.
    rank_by_type: bool
    # Problems the attachment lists one by one; more: a summary per unit, the full list in the ledger.
    list_limit: int
    photos_per_unit: int
    report_to: str
    addressees: str
    copy_to: tuple[str, ...]
    # The 整改通知书: its 发文机关代字 ("" means doc_prefix), the office's contact person and phone.
    notice_prefix: str
    contact: str
    phone: str
    # Its 发文字号: a pattern of {代字}, {年} and {序号}, the first 序号 of a year; and whether it
    # ends with a 回执 for the unit to return.
    notice_number: str
    notice_first: int
    receipt: bool

    def category(self, name: str) -> ProblemCategory | None:
        return next((c for c in self.categories if c.name == name), None)

    def deduction(self, category: str) -> Decimal:
        """The points a problem of ``category`` costs (readers accept configured categories only)."""
        return next(c.deduction for c in self.categories if c.name == category)
