"""Units as templates see them: counted, listed and chosen by type or by a figure.

``单位`` is every unit in the configured order; ``单位.村`` the units of one type. A group
counts itself (``.个数`` → 5, ``.数量`` → 5个村), lists its names (``.名单`` → 东北村、韩家村;
``.列举(2)`` → 东北村、韩家村等5个村) and chooses units by their own figure
(``.其中('清运量', '>=', 100)``). Looping over a group gives each unit, whose ``指标`` are
its own figures, traced to its cells like the totals (a per-unit table in the report).

In a draft (``--allow-missing``) a unit that has not reported the figure ``.其中`` chooses by
cannot be placed: it is left out, and the group's names and count say so, as a figure does
(``.名单`` → 东北村、韩家村〔另有1个单位未报〕). Outside a draft such a choice is refused.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from decimal import Decimal

from reporter import cnfmt
from reporter.cnfmt.values import shown
from reporter.figures.traced import FigureView, ShownFigures
from reporter.figures.units import by_unit, unit_figures
from reporter.model import Campaign, Figure, Unit, unit_counter

# The conditions ``其中`` takes: comparisons of a unit's figure with a number, and whether it reported.
COMPARISONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
    "大于": operator.gt, "不少于": operator.ge, "小于": operator.lt, "不超过": operator.le, "等于": operator.eq,
}
REPORTED, NOT_REPORTED = "已报", "未报"


class UnitView:
    """One unit in a template: 名称 (its short name), 全称, 类型, and 指标, its own figures."""

    def __init__(self, unit: Unit, figures: Callable[[Unit], dict[str, Figure]], recorder: ShownFigures):
        self.unit = unit
        self._figures_of = figures
        self._recorder = recorder

    @functools.cached_property
    def figures(self) -> dict[str, Figure]:
        """The unit's own figures, computed when a template first asks for them."""
        return self._figures_of(self.unit)

    @property
    def 指标(self) -> dict[str, FigureView]:
        return {code: FigureView(figure, self._recorder) for code, figure in self.figures.items()}

    @property
    def 名称(self) -> str:
        return self.unit.short

    @property
    def 全称(self) -> str:
        return self.unit.name

    @property
    def 类型(self) -> str:
        return self.unit.kind

    def __str__(self) -> str:
        return self.unit.short


class UnitGroup:
    """Units in the configured order, all of one type (``kind``) or of several (``None``)."""

    # ``unknown``: units left out because they have not reported a figure the group was chosen
    # by (a draft only: ``draft``), named in the group's names and count.
    def __init__(self, members: list[UnitView], kinds: tuple[str, ...], codes: frozenset[str],
                 kind: str | None = None, draft: bool = False, unknown: tuple[UnitView, ...] = ()):
        self.members = members
        self.kinds = kinds
        self.codes = codes
        self.kind = kind
        self.draft = draft
        self.unknown = unknown

    def __iter__(self) -> Iterator[UnitView]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __str__(self) -> str:
        """Printed as it is, a group is its names: 东北村、韩家村."""
        return self.名单

    def __getitem__(self, kind: str) -> UnitGroup:
        """The units of one type (``单位.村``); a name that is no unit type is not there."""
        if kind not in self.kinds:
            raise KeyError(kind)
        return UnitGroup([m for m in self.members if m.unit.kind == kind], self.kinds, self.codes, kind,
                         self.draft, tuple(m for m in self.unknown if m.unit.kind == kind))

    @property
    def 个数(self) -> int:
        return len(self.members)

    @property
    def 数量(self) -> str:
        """How many, with the measure word and the type: 5个村, 3家企业 (mixed types: 5个单位)."""
        kind = self.kind or _common_kind(self.members)
        count = f"{len(self.members)}{unit_counter(kind)}{kind}" if kind else f"{len(self.members)}个单位"
        return count + self.gap_mark()

    @property
    def 名单(self) -> str:
        """Every name, joined with 、."""
        return "、".join(m.名称 for m in self.members) + self.gap_mark()

    def gap_mark(self) -> str:
        """〔另有N个单位未报〕 after the names or count of a group that leaves out units which
        have not reported what it was chosen by (a draft); "" otherwise."""
        return f"〔另有{len(self.unknown)}个单位未报〕" if self.unknown else ""

    def 列举(self, names: object = 3) -> str:
        """The first ``names`` names, then 等 and how many there are: 东北村、韩家村等5个村;
        all names and the count without 等 when there are no more (东北村、韩家村2个村)."""
        shown = _count(names, "列举的单位名称个数")
        if not self.members:
            return self.数量
        listed = "、".join(m.名称 for m in self.members[:shown])
        more = "等" if len(self.members) > shown and listed else ""
        return f"{listed}{more}{self.数量}"

    def 其中(self, code: object, condition: object = REPORTED, value: object = None) -> UnitGroup:
        """The units whose own figure ``code`` meets ``condition`` (>, >=, <, <=, ==, != or
        大于, 不少于, 小于, 不超过, 等于, compared with ``value``; or 已报 / 未报)."""
        if code not in self.codes:
            raise cnfmt.FormatError(f"其中() 的第一项应为配置中的指标代码（如 '清运量'），而不是 {shown(code)}")
        verdicts = [(m, _meets(m, str(code), condition, value)) for m in self.members]
        chosen = [m for m, meets in verdicts if meets]
        unknown = [m for m, meets in verdicts if meets is None]
        if unknown and not self.draft:
            names = "、".join(m.名称 for m in unknown)
            raise cnfmt.FormatError(f"{names}未报送指标“{code}”，无法判断是否符合 其中('{code}', '{condition}', …)，"
                                    "请补齐；如需先出草稿，请加 --allow-missing")
        return UnitGroup(chosen, self.kinds, self.codes, self.kind or _common_kind(chosen), self.draft,
                         self.unknown + tuple(unknown))


def _common_kind(members: list[UnitView]) -> str | None:
    kinds = {m.unit.kind for m in members}
    return kinds.pop() if len(kinds) == 1 else None


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise cnfmt.FormatError(f"{what}应为不小于 0 的整数，而不是 {shown(value)}")
    return value


def _meets(member: UnitView, code: str, condition: object, value: object) -> bool | None:
    """Whether ``member`` meets the condition; None when that cannot be told: it has not
    reported the figure compared (a figure without a value for another reason, such as a
    ratio over 0, meets no comparison)."""
    if condition not in COMPARISONS and condition not in (REPORTED, NOT_REPORTED):
        raise cnfmt.FormatError(f"其中() 的条件“{condition}”无法识别，可用：{'、'.join(COMPARISONS)}、"
                                f"{REPORTED}、{NOT_REPORTED}")
    figure = member.figures.get(code)
    if figure is None:
        return False  # the unit does not report this indicator
    if condition in (REPORTED, NOT_REPORTED):
        return (figure.total is not None) == (condition == REPORTED)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise cnfmt.FormatError(f"其中('{code}', '{condition}', …) 要与一个数字比较，而不是 {shown(value)}")
    if figure.total is None:
        return None if figure.missing else False
    return COMPARISONS[str(condition)](figure.total, cnfmt.to_decimal(value))


def all_units(campaign: Campaign, figures: dict[str, Figure], recorder: ShownFigures) -> UnitGroup:
    """The ``单位`` variable: every unit in the configured order, with its own figures."""
    contributions = by_unit(figures)

    def figures_of(unit: Unit) -> dict[str, Figure]:
        return unit_figures(figures, unit, contributions)

    members = [UnitView(unit, figures_of, recorder) for unit in campaign.units]
    return UnitGroup(members, campaign.unit_kinds, frozenset(figures), draft=recorder.allow_missing)
