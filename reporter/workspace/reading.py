"""The Campaign read from ``inputs/配置.toml``: the file parsed, every table checked against its
declaration (``config``), then the checks that need more than one key (unique unit names,
ratio indicators built from reported indicators, ``report_by`` naming configured units). Every
problem is reported with its key path (``units[3].type``) before anything is built.

Every field of the Campaign comes from a validated table: a key the file leaves out stands at
the default its field declares, and a table it leaves out at ``Table.defaults``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from reporter.errors import InputError, Problem
from reporter.model import (
    Aggregation,
    Campaign,
    Indicator,
    InspectionRules,
    ProblemCategory,
    Section,
    Unit,
)
from reporter.workspace.config import (
    ALL_UNITS,
    RATIO_DECIMALS,
    BookletTable,
    CampaignTable,
    ConfigFile,
    IndicatorTable,
    InspectionTable,
    IntakeTable,
    LayoutTable,
    LimitsTable,
    SectionTable,
    TasksTable,
    UnitTable,
)
from reporter.workspace.due_dates import reporting_deadline
from reporter.workspace.names import folded
from reporter.workspace.schema import Report
from reporter.workspace.tomlerrors import toml_error_message


def read_campaign(path: Path, display: str) -> Campaign:
    """The campaign configured in the file at ``path`` (``display``: its name in messages);
    an InputError listing every problem otherwise."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError([Problem(display, "文件不是 UTF-8 编码，请用记事本“另存为 UTF-8”后重试")]) from None
    except tomllib.TOMLDecodeError as e:
        raise InputError([Problem(display, toml_error_message(e))]) from e
    except RecursionError:
        raise InputError([Problem(display, "方括号或花括号嵌套的层数过多，请检查配置文件")]) from None
    except OSError as e:
        raise InputError([Problem(display, f"无法读取：{e.strerror or e}")]) from e
    return campaign_from(raw, display)


def campaign_from(raw: dict[str, Any], display: str) -> Campaign:
    """The campaign of a parsed configuration; an InputError listing every problem otherwise."""
    report = Report(display)
    config = ConfigFile.read(raw, "", report)
    kinds = _unit_kinds(config.campaign, report)
    units = _units(config.units, kinds, report)
    sections = _sections(config.sections, report)
    indicators = _indicators(config.indicators, units, kinds, report)
    head = config.campaign
    period_ok = not any(p.where == "campaign.period" for p in report.problems)
    if head is not None and head.start is not None and period_ok and (head.start.year, head.start.month) > (
            head.period.year, head.period.month):
        report.fail("campaign.start", f"起始期 {head.start.key} 晚于报送期 {head.period.key}，"
                    "请把 start 改为活动开始的月份（不晚于 period）")
    if head is None or report.problems:
        raise InputError(_in_file_order(report.problems, raw), f"配置文件有 {len(report.problems)} 处需要修改")
    return campaign_of(config, head, units, indicators, sections)


def campaign_of(config: ConfigFile, head: CampaignTable, units: list[Unit], indicators: list[Indicator],
                sections: list[Section]) -> Campaign:
    """The Campaign of a configuration's validated tables (``head``: its [campaign]) and the
    records built from its arrays; each table the file leaves out stands at its defaults."""
    tasks = config.tasks or TasksTable.defaults("tasks")
    booklet = config.booklet or BookletTable.defaults("booklet")
    limits = config.limits or LimitsTable.defaults("limits")
    intake = config.intake or IntakeTable.defaults("intake")
    layout = config.layout or LayoutTable.defaults("layout")
    return Campaign(
        code=head.code,
        name=head.name,
        region=head.region,
        office=head.office,
        period=head.period,
        units=tuple(units),
        indicators=tuple(indicators),
        sections=tuple(sections),
        title=head.title,
        author=head.author,
        report_date=head.report_date,
        deadline_rule=reporting_deadline(head.deadline, head.period, head.deadlines),
        sample=head.sample,
        task_categories=tasks.categories,
        task_title=tasks.title,
        all_streets=tasks.all_streets,
        all_departments=tasks.all_departments,
        inspection=rules_of(config.inspection) if config.inspection else None,
        unit_kinds=head.unit_types,
        start=head.start,
        booklet_order=booklet.order,
        booklet_per_part=booklet.numbering,
        render_memory_mb=limits.render_memory_mb,
        render_seconds=limits.render_seconds,
        pdf_idle_seconds=limits.pdf_idle_seconds,
        intake_versions_per_hour=intake.versions_per_hour,
        intake_period_mb=intake.period_mb,
        intake_keep_originals=intake.keep_originals,
        intake_original_max_mb=intake.original_max_mb,
        terms=layout.terms,
    )


def _in_file_order(problems: list[Problem], raw: dict[str, Any]) -> list[Problem]:
    """The problems grouped by the top-level table they are in, tables in the file's order."""
    rank = {key: i for i, key in enumerate(raw)}
    return sorted(problems, key=lambda p: rank.get(re.split(r"[.\[]", p.where or "", maxsplit=1)[0], len(rank)))


def _unit_kinds(head: CampaignTable | None, report: Report) -> tuple[str, ...]:
    """The unit types the campaign uses: [campaign] unit_types, or the usual ones."""
    kinds = head.unit_types if head else CampaignTable.unit_types.default
    for i, kind in enumerate(kinds):
        if kind == ALL_UNITS:
            report.fail(f"campaign.unit_types[{i}]", f"“{ALL_UNITS}” 表示全部单位，不能用作单位类型")
    return kinds


def _units(tables: tuple[UnitTable, ...], kinds: tuple[str, ...], report: Report) -> list[Unit]:
    """The units; a code, full or short name used by two units is a problem (report_by names
    units by any of them), and so is a type the campaign does not use."""
    units: list[Unit] = []
    seen: dict[str, tuple[str, str]] = {}  # folded name -> (where, the name as written there)
    allowed = "、".join(kinds)
    for table in tables:
        if table.type and table.type not in kinds:
            report.fail(table.at("type"), f"“{table.type}” 不是有效的单位类型，应为 {allowed} 之一"
                        "（其他类型请先在 [campaign] 的 unit_types 中声明，如 unit_types = [\"镇\", \"村\"]）")
        if table.short in kinds:
            report.fail(table.at("short"), f"“{table.short}” 是单位类型的名称，简称请写具体单位（如 东北村）")
        own: dict[str, tuple[str, str]] = {}
        for key, value in (("code", table.code), ("name", table.name), ("short", table.short)):
            where, written = seen.get(folded(value), ("", ""))
            if where and written == value:
                report.fail(table.at(key), f"“{value}” 与 {where} 重复，每个单位的代码、全称、简称都应唯一")
            elif where:
                report.fail(table.at(key), f"“{value}” 与 {where} 的“{written}”只差全角半角、大小写或看不见的字符，"
                            "看起来是同一个名称，请改成明显不同的名称")
            elif value:
                own.setdefault(folded(value), (table.at(key), value))
        seen.update(own)
        units.append(Unit(table.code, table.name, table.short, table.type, table.contact, table.phone))
    return units


def _sections(tables: tuple[SectionTable, ...], report: Report) -> list[Section]:
    sections: list[Section] = []
    for table in tables:
        if table.code and table.code in {s.code for s in sections}:
            report.fail(table.at("code"), f"“{table.code}” 重复")
        sections.append(Section(table.code, table.title))
    return sections


def _indicators(tables: tuple[IndicatorTable, ...], units: list[Unit], kinds: tuple[str, ...],
                report: Report) -> list[Indicator]:
    """The indicators; codes are unique and a ratio's numerator and denominator name reported ones."""
    indicators = [_indicator(table, units, kinds, report) for table in tables]
    codes = [ind.code for ind in indicators]
    derived = {ind.code for ind in indicators if ind.is_derived}
    keys = [folded(code) for code in codes]
    for i, (table, ind) in enumerate(zip(tables, indicators)):
        if ind.code and ind.code in codes[:i]:
            report.fail(table.at("code"), f"“{ind.code}” 重复，每个指标代码应唯一")
        elif ind.code and keys[i] in keys[:i]:
            report.fail(table.at("code"), f"“{ind.code}” 与“{codes[keys.index(keys[i])]}”只差全角半角或大小写，"
                        "容易混淆，请改成明显不同的代码")
        if not ind.is_derived:
            for key in ("numerator", "denominator"):
                if key in table.given:
                    report.fail(table.at(key), f"只有比率指标（aggregate = \"比率\"）才写 {key}（"
                                f"{'分子' if key == 'numerator' else '分母'}），请删去此项或把 aggregate 改为 \"比率\"")
            continue
        if "report_by" in table.given:
            report.fail(table.at("report_by"), "比率由 numerator（分子）、denominator（分母）两个指标算出，"
                        "不由单位填报，请删去此项")
        for key, ref in (("numerator", ind.numerator), ("denominator", ind.denominator)):
            if not ref:
                report.fail(table.at(key), f"比率指标缺少此项，请填写{'分子' if key == 'numerator' else '分母'}"
                            "的指标代码，如 numerator = \"注册志愿者\"、denominator = \"常住人口\"")
            elif ref not in codes:
                report.fail(table.at(key), f"“{ref}” 不是已配置的指标代码")
            elif ref in derived:
                report.fail(table.at(key), f"“{ref}” 本身是比率，比率的分子、分母应为各单位填报的指标")
    return indicators


def _indicator(table: IndicatorTable, units: list[Unit], kinds: tuple[str, ...], report: Report) -> Indicator:
    ratio = table.aggregate is Aggregation.RATIO
    office = table.value is not None
    if office and (ratio or "report_by" in table.given):
        report.fail(table.at("value"), "value 是办公室直接给出的数，不能同时写 report_by 或设为比率，请删去其一")
    return indicator_of(table, () if ratio or office else _reporters(table, units, kinds, report))


def indicator_of(table: IndicatorTable, reporters: tuple[str, ...]) -> Indicator:
    """The Indicator of a validated [[indicators]] entry, reported by the units ``reporters``."""
    ratio = table.aggregate is Aggregation.RATIO
    return Indicator(
        code=table.code,
        name=table.name,
        measure=table.measure,
        aggregation=table.aggregate,
        reporters=reporters,
        decimals=table.decimals if not ratio or "decimals" in table.given else RATIO_DECIMALS,
        numerator=table.numerator if ratio else None,
        denominator=table.denominator if ratio else None,
        target=table.target,
        hint=table.hint,
        office_value=table.value,
        running_latest=table.running,
    )


def _reporters(table: IndicatorTable, units: list[Unit], kinds: tuple[str, ...], report: Report) -> tuple[str, ...]:
    """Unit codes named by ``report_by``: 全部, a unit type, or unit codes/short/full names."""
    where = table.at("report_by")
    if "report_by" not in table.given:
        report.fail(where, "缺少此项：请写明由哪些单位填报，如 [\"街道\"]、[\"全部\"] 或单位简称列表")
        return ()
    codes: list[str] = []
    for name in table.report_by:
        if name == ALL_UNITS:
            matched = [u.code for u in units]
        elif name in kinds:
            matched = [u.code for u in units if u.kind == name]
        else:
            matched = [u.code for u in units if name in (u.code, u.short, u.name)]
        if not matched:
            report.fail(where, f"“{name}” 不是已配置的单位或单位类型")
        codes.extend(c for c in matched if c not in codes)
    order = [u.code for u in units]
    return tuple(sorted(codes, key=order.index))


def rules_of(table: InspectionTable) -> InspectionRules:
    """The InspectionRules of a validated [inspection]."""
    return InspectionRules(
        doc_prefix=table.doc_prefix,
        base_score=table.base_score,
        categories=tuple(ProblemCategory(c.name, c.deduction) for c in table.categories),
        issuer=table.issuer,
        board_names=(table.board_names[0], table.board_names[1]),
        board_size=table.board_size,
        red_min_score=table.red_min_score,
        black_below_score=table.black_below_score,
        praise=table.praise,
        criticism=table.criticism,
        rank_by_type=table.rank_by_type,
        list_limit=table.list_limit,
        photos_per_unit=table.photos_per_unit,
        report_to=table.report_to,
        addressees=table.addressees,
        copy_to=table.copy_to,
        notice_prefix=table.notice_prefix,
        notice_number=table.notice_number,
        notice_first=table.notice_first,
        receipt=table.receipt,
        contact=table.contact,
        phone=table.phone,
    )
