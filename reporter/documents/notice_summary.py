"""A 督查通报 of a large round (more problems than ``list_limit``): the attachment sums the
problems up per unit and per category instead of listing each one, and section 三 names the
problems of the units with the most of them; every problem stays in the ledger (督查问题台账),
which the 附件说明 names. A city round of 5,000 problems so prints in tens of pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from reporter.figures.scoring import ProblemRecord, RoundResult
from reporter.model import Campaign

#: Units whose problems section 三 names when the round is summed up.
SECTION_UNITS = 10
#: The categories the lead of section 三 names, the most frequent first.
NAMED_CATEGORIES = 5
#: The categories a unit's row of the summary names (all of them: the ledger and the category table).
MAIN_CATEGORIES = 2


def summarised(campaign: Campaign, result: RoundResult) -> bool:
    """Whether the round has more problems to list than the attachment lists one by one."""
    return len(result.new) + len(result.rechecked) > campaign.rules.list_limit


def listed(result: RoundResult) -> list[ProblemRecord]:
    """The problems the attachment covers: found in the round, and re-checked in it."""
    return sorted(result.new, key=lambda r: r.first.order) + sorted(result.rechecked, key=lambda r: r.first.order)


def _categories(campaign: Campaign, records: list[ProblemRecord]) -> str:
    """暴露垃圾3、占道经营2: the unit's most frequent categories (configured order among equals)
    with their counts, MAIN_CATEGORIES of them, so that a row stays one line (the column says
    主要; a trailing 等 would wrap alone)."""
    counts = Counter(r.first.category for r in records)
    order = [c.name for c in campaign.rules.categories]
    ranked = sorted(counts, key=lambda c: (-counts[c], order.index(c)))
    return "、".join(f"{c}{counts[c]}" for c in ranked[:MAIN_CATEGORIES])


def unit_rows(campaign: Campaign, result: RoundResult) -> list[dict[str, str]]:
    """One row per unit with problems, in the order of the unit list: found this round,
    re-checked, still open, and its main categories with their counts."""
    by_unit: dict[str, list[ProblemRecord]] = {}
    for record in listed(result):
        by_unit.setdefault(record.first.unit_code, []).append(record)
    rows: list[dict[str, str]] = []
    for unit in (u for u in campaign.units if u.code in by_unit):
        own = by_unit[unit.code]
        new = sum(1 for r in own if r.first.round == result.round.number)
        rows.append({"序号": str(len(rows) + 1), "单位": unit.short, "发现": str(new), "复查": str(len(own) - new),
                     "未整改": str(sum(1 for r in own if not r.fixed)), "类别": _categories(campaign, own)})
    return rows


def category_rows(campaign: Campaign, result: RoundResult) -> list[dict[str, str]]:
    """One row per configured category with problems: how many, still open, units concerned."""
    records = listed(result)
    rows = []
    for category in campaign.rules.categories:
        own = [r for r in records if r.first.category == category.name]
        if own:
            rows.append({"类别": category.name, "问题数": str(len(own)),
                         "未整改": str(sum(1 for r in own if not r.fixed)),
                         "单位数": str(len({r.first.unit_code for r in own}))})
    return rows


def ledger_title(ledger: str) -> str:
    """督查问题台账（督查问题台账.xlsx）: how the text names the ledger file."""
    return f"{Path(ledger).stem}（{ledger}）" if ledger else "督查问题台账"


def summary_note(result: RoundResult, ledger: str) -> str:
    """The sentence above the summary tables: what they sum up and where each problem is."""
    found, rechecked = len(result.new), len(result.rechecked)
    counted = f"本轮督查发现问题{found}个" + (f"、复查以往问题{rechecked}个，共{found + rechecked}个" if rechecked else "")
    return f"{counted}，按单位和问题类别汇总如下；逐项问题清单（点位、描述、整改时限和状态）见{ledger_title(ledger)}。"


def annex_note(title: str, ledger: str) -> list[str]:
    """The lines of the 附件说明: the attachment alone, or, summed up, numbered, with the
    ledger as the second attachment."""
    return [f"1. {title}", f"2. {ledger_title(ledger)}"] if ledger else [title]


def section_units(result: RoundResult, by_unit: dict[str, list[ProblemRecord]]) -> set[str]:
    """The units section 三 names in a summed-up round: those on a 黑榜, then those with the
    most problems, SECTION_UNITS in all."""
    chosen = list(dict.fromkeys(s.unit_code for s in result.black if s.unit_code in by_unit))
    for code in sorted(by_unit, key=lambda c: -len(by_unit[c])):
        if len(chosen) >= SECTION_UNITS:
            break
        if code not in chosen:
            chosen.append(code)
    return set(chosen[:SECTION_UNITS])


def section_lead(campaign: Campaign, result: RoundResult, shown: list[ProblemRecord], named: int) -> str:
    """The lead of section 三 in a summed-up round: the problems by category, and which units
    the section goes on to name."""
    counts = Counter(r.first.category for r in shown)
    order = [c.name for c in campaign.rules.categories]
    top = sorted(counts, key=lambda c: (-counts[c], order.index(c)))[:NAMED_CATEGORIES]
    more = "等" if len(counts) > len(top) else ""
    kinds = "、".join(f"{c}{counts[c]}个" for c in top)
    units = len({r.first.unit_code for r in shown})
    return (f"本轮通报的问题共{len(shown)}个，涉及{units}个单位，其中{kinds}{more}（各单位问题数见附件）。"
            f"以下列出问题较多的{named}个单位的问题：")

