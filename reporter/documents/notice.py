"""The context of the 督查通报, built from a scored round (the 整改通知书: ``rectification``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypedDict

from reporter import cnfmt
from reporter.documents import notice_summary, standings
from reporter.documents.chart import CHART_MARKER
from reporter.documents.report import CampaignFacts, campaign_facts
from reporter.documents.photos import captioned_photos
from reporter.documents.spec import DocumentSpec, fixed
from reporter.figures.scoring import ProblemRecord, RoundResult
from reporter.model import Campaign


class NoticeContext(TypedDict):
    """What the 督查通报 template can use."""

    活动: CampaignFacts
    发文机关标志: str
    文号: str
    标题: str
    轮次: str
    主送: str
    督查期间: str
    基本情况: dict[str, str]
    排名: list[dict[str, str]]
    榜名: dict[str, str]
    红榜: str
    黑榜: str
    并列说明: str
    排名分组: list[dict[str, Any]]
    榜单说明: str
    逾期单位: str
    反复单位: str
    图表: str
    各单位问题: list[dict[str, Any]]
    问题概述: str
    整改期限: str
    报送单位: str
    附件名称: str
    附件说明: list[str]
    清单标题: str
    问题清单: list[dict[str, Any]]
    复查标题: str
    复查清单: list[dict[str, Any]]
    问题汇总: list[dict[str, str]]
    类别汇总: list[dict[str, str]]
    汇总说明: str
    落款: str
    成文日期: str
    抄送: str
    印发机关: str
    印发日期: str


NOTICE = DocumentSpec("督查通报", "督查通报.docx", fixed(*NoticeContext.__annotations__))


def _date(day: dt.date | None) -> str:
    return cnfmt.cn_date(day) if day else ""


def _rate(part: int, whole: int) -> str:
    return cnfmt.percent(Decimal(part) * 100 / whole, 1) if whole else "0%"


def problem_row(campaign: Campaign, record: ProblemRecord, number: int) -> dict[str, Any]:
    """One problem as the notice and the rectification notice show it."""
    first, latest = record.first, record.latest
    deduction = campaign.rules.deduction(first.category)
    return {
        "序号": str(number), "编号": first.number, "单位": campaign.unit(first.unit_code).short,
        "地点": first.place, "类别": first.category, "描述": first.description,
        "扣分": cnfmt.exact(deduction), "时限": _date(latest.deadline), "状态": latest.state,
        "文字": f"{first.place}{first.description}".rstrip("。；;，,"),
    }


def _short_date(day: dt.date | None, year: int) -> str:
    """A date in a table: 11月26日, with the year only when it is not ``year``."""
    if day is None:
        return ""
    return f"{day.month}月{day.day}日" if day.year == year else cnfmt.cn_date(day)


def _rounds(numbers: Iterable[int]) -> str:
    """第一轮, 第一、二轮: the rounds problems were found in."""
    return "第" + "、".join(cnfmt.cn_number(n) for n in sorted(set(numbers))) + "轮"


def _problem_text(campaign: Campaign, result: RoundResult, record: ProblemRecord, number: int) -> str:
    """One problem as section 三 names it: place and description, and for a problem of an
    earlier round where it comes from and why it is listed again."""
    text = problem_row(campaign, record, number)["文字"]
    if record.first.round == result.round.number:
        return f"{text}（已整改）" if record.fixed else text
    notes = [f"{_rounds([record.first.round])}督查发现"]
    if record in result.repeats:
        notes.append("整改后再次出现")
    if record in result.overdue:
        notes.append("逾期未整改")
    elif not record.fixed:
        notes.append("尚未整改到位")
    return f"{text}（{'，'.join(notes)}）"


def shown_problems(result: RoundResult) -> list[ProblemRecord]:
    """The problems section 三 of the notice names: every problem found in the round, and
    every problem of an earlier round that section 一 counts as open (re-checked and not
    fixed, overdue, or repeated), each once."""
    number = result.round.number
    earlier = [r for r in result.problems if r.first.round < number and not r.fixed
               and (r in result.overdue or r in result.repeats or r.latest.round == number)]
    found = sorted(result.new, key=lambda r: r.first.order)
    return found + sorted(earlier, key=lambda r: r.first.order)


def _listing_row(campaign: Campaign, result: RoundResult, record: ProblemRecord, number: int) -> dict[str, Any]:
    """A row of the attachment: the problem, its deadline without the year of the round, its
    state (marked when overdue), the points it cost in this round and the re-check's result."""
    row = problem_row(campaign, record, number)
    year = result.round.end.year
    counted = record.first.round == result.round.number or record in result.repeats
    state = record.latest.state + ("（逾期）" if record in result.overdue else "")
    row.update({"时限": _short_date(record.latest.deadline, year), "状态": state,
                "扣分": row["扣分"] if counted else "0",
                "复查结果": record.latest.recheck_result if record.latest.round == result.round.number else ""})
    return row


def notice_context(campaign: Campaign, result: RoundResult, ledger: str = "") -> NoticeContext:
    """Everything the 督查通报 template can use. ``图表`` renders a marker that the score chart
    (``chart.score_chart``) replaces after rendering. A round with more problems than the
    attachment lists one by one is summed up (``notice_summary``); ``ledger`` is the file
    name of the ledger that then holds the full list."""
    rules = campaign.rules
    current = result.round
    short = {u.code: u.short for u in campaign.units}
    ranking = standings.ranking_rows(campaign, result.scores)
    summed_up = notice_summary.summarised(campaign, result)
    by_unit: list[dict[str, Any]] = []
    index = {u.code: i for i, u in enumerate(campaign.units)}
    shown = shown_problems(result)
    shown_by_unit: dict[str, list[ProblemRecord]] = {}
    for record in shown:
        shown_by_unit.setdefault(record.first.unit_code, []).append(record)
    named = notice_summary.section_units(result, shown_by_unit) if summed_up else set(shown_by_unit)
    for code in sorted(named, key=index.__getitem__):
        own = shown_by_unit[code]
        texts = [_problem_text(campaign, result, r, i) for i, r in enumerate(own, start=1)]
        items = [f"{cnfmt.ordinal(i)}{t}" for i, t in enumerate(texts, start=1)] if len(texts) > 1 else texts
        photos = [p for r in own for p in captioned_photos(campaign, r)][:rules.photos_per_unit]
        by_unit.append({"单位": short[code], "问题": cnfmt.join_items(items), "照片": photos,
                        "序号": cnfmt.heading(len(by_unit) + 1, 2)})
    found = len(result.new)
    new = [] if summed_up else [_listing_row(campaign, result, r, i)
                                for i, r in enumerate(sorted(result.new, key=lambda r: r.first.order), start=1)]
    rechecked = [] if summed_up else [
        _listing_row(campaign, result, r, i)
        for i, r in enumerate(sorted(result.rechecked, key=lambda r: r.first.order), start=1)]
    headings = iter(cnfmt.heading(i, 1) for i in range(1, 3))
    new_heading = f"{next(headings)}第{cnfmt.cn_number(current.number)}轮督查发现的问题" if new else ""
    origins = [r.first.round for r in result.rechecked]
    recheck_heading = ""
    if rechecked:
        several = "（编号首位数字为发现问题的轮次）" if len(set(origins)) > 1 else ""
        recheck_heading = f"{next(headings)}{_rounds(origins)}督查发现问题的复查情况{several}"
    title_place = f"{campaign.region}“{campaign.name}”"
    round_name = cnfmt.cn_number(current.number)
    annex_title = f"{title_place}第{round_name}轮督查问题{'汇总表' if summed_up else '清单'}"
    issuer = rules.issuer or campaign.office
    return {
        "活动": campaign_facts(campaign),
        "发文机关标志": issuer,
        "文号": cnfmt.doc_number(rules.doc_prefix, (current.issued or current.end).year, current.doc_seq),
        "标题": f"关于{title_place}第{round_name}轮督查情况的通报",
        "轮次": round_name,
        "主送": rules.addressees,
        "督查期间": f"{_date(current.start)}至{_date(current.end)}",
        "基本情况": {
            "单位数": str(len(result.scores)), "点位数": str(current.points), "问题数": str(found),
            "已整改": str(result.fixed_new), "整改率": _rate(result.fixed_new, found),
            "复查数": str(len(result.rechecked)),
            "复查已整改": str(sum(1 for r in result.rechecked if r.fixed)),
            "逾期数": str(len(result.overdue)), "反复数": str(len(result.repeats)),
        },
        "排名": ranking,
        "榜名": {"好": rules.board_names[0], "差": rules.board_names[1]},
        "红榜": "、".join(short[s.unit_code] for s in result.red),
        "黑榜": "、".join(short[s.unit_code] for s in result.black),
        "并列说明": standings.tie_sentence(campaign, result.rankings),
        "排名分组": standings.ranking_groups(campaign, result.rankings),
        "榜单说明": "".join(standings.board_sentence(campaign, part) for part in result.rankings),
        "逾期单位": "、".join(dict.fromkeys(short[r.first.unit_code] for r in result.overdue)),
        "反复单位": "、".join(dict.fromkeys(short[r.first.unit_code] for r in result.repeats)),
        "图表": CHART_MARKER,
        "各单位问题": by_unit,
        "问题概述": notice_summary.section_lead(campaign, result, shown, len(by_unit)) if summed_up else "",
        "整改期限": _date(current.report_by),
        "报送单位": rules.report_to,
        "附件名称": annex_title,
        "附件说明": notice_summary.annex_note(annex_title, ledger if summed_up else ""),
        "清单标题": new_heading,
        "问题清单": new,
        "复查标题": recheck_heading,
        "复查清单": rechecked,
        "问题汇总": notice_summary.unit_rows(campaign, result) if summed_up else [],
        "类别汇总": notice_summary.category_rows(campaign, result) if summed_up else [],
        "汇总说明": notice_summary.summary_note(result, ledger) if summed_up else "",
        "落款": issuer,
        "成文日期": _date(current.issued),
        "抄送": "，".join(rules.copy_to) + "。" if rules.copy_to else "",
        "印发机关": issuer,
        "印发日期": _date(current.issued),
    }
