"""What the 模板素材 (the palette of a workspace) lists: every variable of the report template and
the common filters, as tags for this workspace's campaign, grouped as the template guide groups
them (活动; each indicator with the formats that suit its measure; 累计, 上期 and 环比; 任务; the
units' counts and lists; the work notes; heading numbers; a per-unit table).

Which formats suit an indicator: every figure takes 确数; a percentage (measure ``%``) takes
百分比 and no 约数; a counted or summed figure takes 约数, and 万 when its measure is one
written in 万 (平方米, 元, 人次 …), it has no decimals and the stand-in figure is large enough to
be written in 万; an indicator with a target takes 对照目标. The comparisons are offered for what
units report, not for figures the office gives: 环比 (and 比上期 for the first indicator) for
counts and amounts, 比上期 (in percentage points) for percentages. The names of the months
(上期.报送期, 同期.报送期, 累计.起始期) lead the group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from reporter import cnfmt
from reporter.model import Aggregation, Campaign, Figure, Indicator, Unit

TITLE = "汇报模板素材"
# Measures a figure is commonly written in 万 with (70.5万平方米, 124万元, 2万人次).
WAN_MEASURES = frozenset({"平方米", "立方米", "米", "延长米", "公里", "千米", "亩", "公顷", "元",
                          "人", "人次", "张", "份", "件", "吨", "千克"})
# The number ``其中`` compares each unit's own figure with in the palette's example.
CHOSEN_FROM = 100
# How many names ``列举`` lists in the palette's examples.
LISTED = 2
# Columns of figures in the per-unit table besides the unit's name.
TABLE_FIGURES = 2
UNIT = "位"  # what a loop over units calls each unit
NOTE = "段"  # what a loop over work notes calls each note


@dataclass(frozen=True)
class TagGroup:
    """A heading of the palette and its tags, each written as the template's paragraphs that
    make it (one paragraph, or the three of a loop)."""

    heading: str
    tags: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class UnitTable:
    """The palette's per-unit table: its heading, the units it loops over (a template
    expression), and its columns: each a header and what a unit's cell writes (``名称``,
    ``指标.代码 | 确数``)."""

    heading: str
    items: str
    columns: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PaletteContent:
    """Everything the palette shows: title, lead paragraphs, tag groups and the per-unit table."""

    title: str
    lead: tuple[str, ...]
    groups: tuple[TagGroup, ...]
    table: UnitTable


def palette_content(campaign: Campaign, figures: Mapping[str, Figure], trial_value: Decimal) -> PaletteContent:
    """The palette of ``campaign``; ``figures`` are the stand-in figures it is shown with (each
    unit reporting ``trial_value`` for every indicator), which decide where 万 can be shown."""
    groups = [
        _campaign_group(campaign),
        _figure_group(campaign, figures),
        _history_group(campaign),
        TagGroup("任务进展", tuple((_tag(f"任务.{key}"),) for key in ("总数", "已完成", "按时推进", "滞后", "逾期"))),
        _unit_group(campaign),
        _note_group(campaign),
        TagGroup("标题序号、序数", tuple((_tag(expression),) for expression in (
            "1 | 标题序号(1)", "1 | 标题序号(2)", "1 | 标题序号(3)", "1 | 标题序号(4)",
            "2 | 序数", "2 | 序数('要')", "12 | 中文数字"))),
    ]
    numbered = tuple(TagGroup(f"{cnfmt.heading(n, 1)}{g.heading}", g.tags) for n, g in enumerate(groups, start=1))
    table = _unit_table(campaign)
    table = UnitTable(f"{cnfmt.heading(len(groups) + 1, 1)}{table.heading}", table.items, table.columns)
    return PaletteContent(TITLE, _lead(trial_value), numbered, table)


def _lead(trial_value: Decimal) -> tuple[str, ...]:
    return (
        "本文件列出本工作目录的汇报模板能用的全部变量和常用写法，按《模板写法》的顺序分组。"
        "“写法”栏中的每个标签都是完整的一段文字：复制后粘贴到汇报模板中，粘贴时选“只保留文本”"
        "或“保留源格式”都可以，标签都不会被拆开。",
        f"“效果”栏是这个写法用试排的虚拟数据（每个单位的每项指标都按{cnfmt.exact(trial_value)}计，"
        "往期也是这样）写出的文字，正式生成汇报时换成各单位报送的数字。循环的写法占三段，"
        "请三段一起复制；表格的写法连同整张表格一起复制。",
        "修改配置文件（inputs/配置.toml）后，运行 reporter palette 重新生成本文件。",
    )


def _tag(expression: str) -> str:
    return f"{{{{ {expression} }}}}"


def _literal(text: str) -> str:
    """``text`` as a string literal of a template."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _campaign_group(campaign: Campaign) -> TagGroup:
    names = ["标题", "名称", "地区", "办公室", *(["署名"] if campaign.author else []), "报送期"]
    tags = [(_tag(f"活动.{name}"),) for name in names]
    if campaign.report_date:
        tags.append((_tag("活动.成文日期 | 日期"),))
    if campaign.sample:
        tags.append(("{% if 活动.示例数据 %}（示例数据，非真实情况）{% endif %}",))
    return TagGroup("活动", tuple(tags))


def _figure_group(campaign: Campaign, figures: Mapping[str, Figure]) -> TagGroup:
    tags: list[tuple[str, ...]] = []
    for index, indicator in enumerate(campaign.indicators):
        code = indicator.code
        tags.append((_tag(f"指标.{code}.名称"),))
        if index == 0:
            tags += [(_tag(f"指标.{code}.计量单位"),), (_tag(f"指标.{code}.合计"),)]
        tags += [(_tag(f"指标.{code} | {name}"),) for name in _formats(indicator, figures.get(code))]
        if indicator.target is not None:
            tags += [(_tag(f"指标.{code}.目标 | 确数"),), (_tag(f"指标.{code} | 对照目标"),)]
    return TagGroup("指标", tuple(tags))


def _formats(indicator: Indicator, figure: Figure | None) -> list[str]:
    """The number formats that suit ``indicator`` (see the module's docstring)."""
    if indicator.measure == "%":
        return ["确数", "百分比"]
    if indicator.aggregation is Aggregation.RATIO:
        return ["确数"]
    formats = ["确数", "约数"]
    if _in_wan(indicator, figure):
        formats.append("万")
    return formats


def _in_wan(indicator: Indicator, figure: Figure | None) -> bool:
    if indicator.measure not in WAN_MEASURES or indicator.decimals or indicator.office_value is not None:
        return False
    if figure is None or figure.total is None:
        return False
    try:
        cnfmt.wan(figure.total)
    except cnfmt.FormatError:  # too small to be written in 万
        return False
    return True


def _history_group(campaign: Campaign) -> TagGroup:
    tags: list[tuple[str, ...]] = [(_tag(name),) for name in ("上期.报送期", "同期.报送期", "累计.起始期")]
    for index, indicator in enumerate(campaign.indicators):
        code = indicator.code
        tags += [(_tag(f"累计.{code} | 确数"),), (_tag(f"上期.{code} | 确数"),)]
        if indicator.office_value is not None:
            continue
        if indicator.measure == "%":
            tags.append((_tag(f"指标.{code} | 比上期"),))  # 提高0.9个百分点
            continue
        tags.append((_tag(f"指标.{code} | 环比"),))
        if index == 0:
            tags.append((_tag(f"指标.{code} | 比上期"),))
    return TagGroup("累计、上期与环比", tuple(tags))


def _kinds(campaign: Campaign) -> list[tuple[str, list[Unit]]]:
    """The unit types that have units, in the order of their first unit, each with its units."""
    kinds: dict[str, list[Unit]] = {}
    for unit in campaign.units:
        kinds.setdefault(unit.kind, []).append(unit)
    return list(kinds.items())


def _group_of(kind: str) -> str:
    """The template expression of the units of type ``kind``: 单位.街道 (单位['…'] for a type
    that is not a name)."""
    return f"单位.{kind}" if kind.isidentifier() else f"单位[{_literal(kind)}]"


def _reported_by_all(campaign: Campaign, units: list[Unit]) -> list[Indicator]:
    """The indicators every one of ``units`` reports, in catalogue order."""
    return [i for i in campaign.indicators
            if not i.is_derived and i.office_value is None and all(u.code in i.reporters for u in units)]


def _unit_group(campaign: Campaign) -> TagGroup:
    tags = [(_tag(f"单位.{name}"),) for name in ("数量", "个数", "名单", f"列举({LISTED})")]
    kinds = _kinds(campaign)
    for kind, units in kinds:
        group = _group_of(kind)
        tags += [(_tag(f"{group}.数量"),), (_tag(f"{group}.名单"),), (_tag(f"{group}.列举({LISTED})"),)]
        reported = [i for i in campaign.indicators if any(u.code in i.reporters for u in units)]
        if reported:
            code = _literal(reported[0].code)
            tags += [(_tag(f"{group}.其中({code}, '>=', {CHOSEN_FROM}).列举({LISTED})"),),
                     (_tag(f"{group}.其中({code}, '已报').数量"),)]
    if kinds:
        kind, _units = min(kinds, key=lambda item: len(item[1]))
        tags.append((f"{{% for {UNIT} in {_group_of(kind)} %}}{{{{ {UNIT}.全称 }}}}（{{{{ {UNIT}.类型 }}}}）"
                     "{% if not loop.last %}、{% endif %}{% endfor %}",))
    return TagGroup("单位：数量与名单", tuple(tags))


def _loop(items: str, body: str, name: str = NOTE) -> tuple[str, ...]:
    """The three paragraphs of a loop: its head, ``body`` once per item, its end."""
    return (f"{{%p for {name} in {items} %}}", body, "{%p endfor %}")


def _note_group(campaign: Campaign) -> TagGroup:
    """The sections' loop, then each way of placing work notes: the first section numbers a
    paragraph of its own (序号), places one note whole and runs the rest on (连写); the next
    one places a note from its parts; every other section places one note whole."""
    tags: list[tuple[str, ...]] = [_loop("各部分", _tag("部分.标题"), "部分")]
    whole = _tag(f"{NOTE}.全文")
    parts = f"{_tag(f'{NOTE}.序号')}{_tag(f'{NOTE}.内容')}（{_tag(f'{NOTE}.单位')}）"
    codes = [_literal(section.code) for section in campaign.sections]
    for index, code in enumerate(codes):
        if index == 0:
            tags += [(_tag(f"序号({code})"),), _loop(f"举措({code}, 1)", whole)]
            if len(codes) == 1:
                tags.append(_loop(f"举措({code}, 1)", parts))
            tags.append((_tag(f"连写({code})"),))
        else:
            tags.append(_loop(f"举措({code}, 1)", parts if index == 1 else whole))
    return TagGroup("工作举措", tuple(tags))


def _unit_table(campaign: Campaign) -> UnitTable:
    """A table of one unit type's units with up to ``TABLE_FIGURES`` figures all of them report
    (all units, named in full, when there are no units)."""
    kinds = _kinds(campaign)
    if not kinds:
        return UnitTable("各单位情况表", "单位", (("单位", "名称"), ("全称", "全称")))
    # The type whose units share the most figures (up to the table's columns), then the largest.
    kind, units = max(kinds, key=lambda item: (len(_reported_by_all(campaign, item[1])[:TABLE_FIGURES]),
                                               len(item[1])))
    shared = _reported_by_all(campaign, units)[:TABLE_FIGURES]
    columns = [(kind, "名称")] + [(i.name, f"指标.{i.code} | 确数") for i in shared]
    if not shared:
        columns.append(("全称", "全称"))
    return UnitTable("各单位情况表", _group_of(kind), tuple(columns))
