"""Contexts of the 督查通报 and of each unit's 整改通知书, built from a scored round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypedDict

from reporter import cnfmt
from reporter.documents.chart import CHART_MARKER
from reporter.documents.report import CampaignFacts, campaign_facts
from reporter.documents.spec import DocumentSpec, Rendering, fixed
from reporter.figures.scoring import ProblemRecord, RoundResult
from reporter.model import Campaign, ImageRef


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
    逾期单位: str
    反复单位: str
    图表: str
    各单位问题: list[dict[str, Any]]
    整改期限: str
    报送单位: str
    附件名称: str
    清单标题: str
    问题清单: list[dict[str, Any]]
    复查标题: str
    复查清单: list[dict[str, Any]]
    落款: str
    成文日期: str
    抄送: str
    印发机关: str
    印发日期: str


class RectificationContext(TypedDict):
    """What the 整改通知书 template can use."""

    活动: CampaignFacts
    单位: dict[str, str]
    文号: str
    轮次: str
    督查期间: str
    问题: list[dict[str, Any]]
    问题数: str
    整改期限: str
    报送单位: str
    联系人: str
    联系电话: str
    落款: str
    成文日期: str


NOTICE = DocumentSpec("督查通报", "督查通报.docx", fixed(*NoticeContext.__annotations__))
RECTIFICATION = DocumentSpec("整改通知", "整改通知书.docx", fixed(*RectificationContext.__annotations__),
                             per_unit=True, booklet_group="整改通知书")

PHOTO_WIDTH_MM = 75


def _date(day: dt.date | None) -> str:
    return cnfmt.cn_date(day) if day else ""


def _rate(part: int, whole: int) -> str:
    return cnfmt.percent(Decimal(part) * 100 / whole, 1) if whole else "0%"


def photo_refs(record: ProblemRecord, limit: int | None = None) -> list[ImageRef]:
    """The photos of a problem (from every finding of it), at most ``limit``."""
    refs = []
    for finding in record.history:
        for name in finding.photos:
            refs.append(ImageRef(PHOTO_WIDTH_MM, path=str(Path(finding.photo_dir) / name)))
    return refs if limit is None else refs[:limit]


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


def notice_context(campaign: Campaign, result: RoundResult) -> NoticeContext:
    """Everything the 督查通报 template can use. ``图表`` renders a marker that the score chart
    (``chart.score_chart``) replaces after rendering."""
    rules = campaign.rules
    current = result.round
    short = {u.code: u.short for u in campaign.units}
    ranking = [{"名次": str(s.rank), "单位": short[s.unit_code], "得分": cnfmt.points(s.score),
                "问题数": str(s.found), "未整改": str(s.open)} for s in result.scores]
    by_unit: list[dict[str, Any]] = []
    index = {u.code: i for i, u in enumerate(campaign.units)}
    shown = shown_problems(result)
    shown_by_unit: dict[str, list[ProblemRecord]] = {}
    for record in shown:
        shown_by_unit.setdefault(record.first.unit_code, []).append(record)
    for code in sorted(shown_by_unit, key=index.__getitem__):
        own = shown_by_unit[code]
        texts = [_problem_text(campaign, result, r, i) for i, r in enumerate(own, start=1)]
        items = [f"{cnfmt.ordinal(i)}{t}" for i, t in enumerate(texts, start=1)] if len(texts) > 1 else texts
        photos = [p for r in own for p in photo_refs(r)][:rules.photos_per_unit]
        by_unit.append({"单位": short[code], "问题": cnfmt.join_items(items), "照片": photos,
                        "序号": cnfmt.heading(len(by_unit) + 1, 2)})
    found = len(result.new)
    new = [_listing_row(campaign, result, r, i)
           for i, r in enumerate(sorted(result.new, key=lambda r: r.first.order), start=1)]
    rechecked = [_listing_row(campaign, result, r, i)
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
        "并列说明": "得分相同的，按未整改问题少者在前；仍相同的，按单位简称排序。" if result.has_ties else "",
        "逾期单位": "、".join(dict.fromkeys(short[r.first.unit_code] for r in result.overdue)),
        "反复单位": "、".join(dict.fromkeys(short[r.first.unit_code] for r in result.repeats)),
        "图表": CHART_MARKER,
        "各单位问题": by_unit,
        "整改期限": _date(current.report_by),
        "报送单位": rules.report_to,
        "附件名称": f"{title_place}第{round_name}轮督查问题清单",
        "清单标题": new_heading,
        "问题清单": new,
        "复查标题": recheck_heading,
        "复查清单": rechecked,
        "落款": issuer,
        "成文日期": _date(current.issued),
        "抄送": "，".join(rules.copy_to) + "。" if rules.copy_to else "",
        "印发机关": issuer,
        "印发日期": _date(current.issued),
    }


def rectification_number(campaign: Campaign, result: RoundResult, unit_code: str, place: int | None = None) -> str:
    """A unit's 整改通知书 number: the configured 代字 (the 督查通报's by default), the year, the
    通报's number and the unit's ``place`` among the units receiving one (古创办督改〔2018〕12-3号;
    looked up when not given)."""
    rules, current = campaign.rules, result.round
    place = place or units_with_open_problems(campaign, result).index(unit_code) + 1
    year = (current.issued or current.end).year
    return f"{rules.notice_prefix or rules.doc_prefix}〔{year}〕{current.doc_seq}-{place}号"


def deadline_note(record: ProblemRecord, overdue: bool, issued: dt.date | None) -> str:
    """What a 整改通知书 says of a problem's deadline, seen from the day it is issued: past
    (已逾期, as the 督查通报 counts it), reached (on or before that day), or still ahead."""
    deadline = record.latest.deadline
    if deadline is None:
        return "请立即整改。"
    if overdue:
        return f"原定整改时限为{_date(deadline)}，已逾期，请立即整改。"
    if issued is not None and deadline <= issued:
        return f"整改时限为{_date(deadline)}，已到期，请立即整改。"
    return f"请于{_date(deadline)}前整改到位。"


def rectification_context(campaign: Campaign, result: RoundResult, unit_code: str,
                          place: int | None = None) -> RectificationContext:
    """One unit's 整改通知书: its open problems with photos and what each one's deadline asks
    (``deadline_note``), the day to report back by and to whom, and the office's contact. The
    round's workbook is checked when read: its report-back day comes after every deadline it
    sets for an open problem, and not before the 通报 is issued."""
    unit = campaign.unit(unit_code)
    own = result.open_by_unit.get(unit_code, [])
    current = result.round
    rows = []
    for i, record in enumerate(own, start=1):
        row = problem_row(campaign, record, i)
        row["照片"] = photo_refs(record)
        row["时限说明"] = deadline_note(record, record.first.number in result.overdue_numbers, current.issued)
        row["末项"] = i == len(own)
        rows.append(row)
    rules = campaign.rules
    return {
        "活动": campaign_facts(campaign),
        "单位": {"全称": unit.name, "简称": unit.short},
        "文号": rectification_number(campaign, result, unit_code, place),
        "轮次": cnfmt.cn_number(current.number),
        "督查期间": f"{_date(current.start)}至{_date(current.end)}",
        "问题": rows,
        "问题数": str(len(rows)),
        "整改期限": _date(current.report_by),
        "报送单位": rules.report_to,
        "联系人": rules.contact,
        "联系电话": rules.phone,
        "落款": campaign.office,
        "成文日期": _date(current.issued),
    }


def units_with_open_problems(campaign: Campaign, result: RoundResult) -> list[str]:
    """Codes of units with open problems, in the order of the unit list."""
    return [u.code for u in campaign.units if u.code in result.open_by_unit]


def rectification_renderings(campaign: Campaign, result: RoundResult) -> list[Rendering]:
    """One 整改通知书 per unit with open problems."""
    renderings = []
    for place, code in enumerate(units_with_open_problems(campaign, result), start=1):
        short = campaign.unit(code).short
        renderings.append(Rendering(rectification_context(campaign, result, code, place), f"{short}整改通知书", short))
    return renderings
