"""The 整改通知书 of a scored round: one per unit with open problems, issued as an office issues
it, with a 版头, a 发文字号 of its own series, a title naming its 事由 and a 回执 to return."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from reporter import cnfmt
from reporter.documents.notice import problem_row
from reporter.documents.photos import captioned_photos
from reporter.documents.report import CampaignFacts, campaign_facts
from reporter.documents.spec import DocumentSpec, Rendering, fixed
from reporter.figures.scoring import ProblemRecord, RoundResult, score_round
from reporter.model import Campaign, InspectionRound


class RectificationContext(TypedDict):
    """What the 整改通知书 template can use."""

    活动: CampaignFacts
    发文机关标志: str
    单位: dict[str, str]
    文号: str
    标题: str
    轮次: str
    督查期间: str
    问题: list[dict[str, Any]]
    问题数: str
    整改期限: str
    报送单位: str
    联系人: str
    联系电话: str
    回执: bool
    附件名称: str
    落款: str
    成文日期: str


RECTIFICATION = DocumentSpec("整改通知", "整改通知书.docx", fixed(*RectificationContext.__annotations__),
                             per_unit=True, booklet_group="整改通知书")

RECEIPT_TITLE = "整改情况回执"


def _issue_year(current: InspectionRound) -> int:
    return (current.issued or current.end).year


def units_with_open_problems(campaign: Campaign, result: RoundResult) -> list[str]:
    """Codes of units with open problems, in the order of the unit list."""
    return [u.code for u in campaign.units if u.code in result.open_by_unit]


def first_sequence(campaign: Campaign, rounds: list[InspectionRound], number: int,
                   records: dict[str, ProblemRecord]) -> int:
    """The 序号 of round ``number``'s first 整改通知书: the configured first number of the year,
    after the notices of the year's earlier rounds (one per unit left with open problems), so
    that the series runs on without gaps or repeats through the year."""
    current = next(r for r in rounds if r.number == number)
    earlier = [r for r in rounds if r.number < number and _issue_year(r) == _issue_year(current)]
    issued = sum(len(units_with_open_problems(campaign, score_round(campaign, rounds, r.number, records)))
                 for r in earlier)
    return campaign.rules.notice_first + issued


def rectification_number(campaign: Campaign, result: RoundResult, sequence: int) -> str:
    """A 整改通知书's 发文字号: the configured pattern filled with the 代字 (the 督查通报's by
    default), the year it is issued in and its ``sequence`` number (古创办督改〔2018〕13号)."""
    rules = campaign.rules
    return rules.notice_number.format(
        代字=rules.notice_prefix or rules.doc_prefix, 年=_issue_year(result.round), 序号=sequence)


def _date(day: dt.date | None) -> str:
    return cnfmt.cn_date(day) if day else ""


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
                          sequence: int = 1) -> RectificationContext:
    """One unit's 整改通知书: the office's 版头, the 文号 of ``sequence``, a title naming the
    事由, the unit's open problems with captioned photos and what each one's deadline asks
    (``deadline_note``), the day to report back by and to whom, the office's contact and, when
    configured, the 回执 the unit returns. The round's workbook is checked when read: its
    report-back day comes after every deadline it sets for an open problem, and not before the
    通报 is issued."""
    unit = campaign.unit(unit_code)
    own = result.open_by_unit.get(unit_code, [])
    current = result.round
    rows = []
    for i, record in enumerate(own, start=1):
        row = problem_row(campaign, record, i)
        row["照片"] = captioned_photos(campaign, record)
        row["时限说明"] = deadline_note(record, record.first.number in result.overdue_numbers, current.issued)
        rows.append(row)
    rules = campaign.rules
    round_name = cnfmt.cn_number(current.number)
    issuer = rules.issuer or campaign.office
    return {
        "活动": campaign_facts(campaign),
        "发文机关标志": issuer,
        "单位": {"全称": unit.name, "简称": unit.short},
        "文号": rectification_number(campaign, result, sequence),
        "标题": f"关于“{campaign.name}”第{round_name}轮督查发现问题限期整改的通知",
        "轮次": round_name,
        "督查期间": f"{_date(current.start)}至{_date(current.end)}",
        "问题": rows,
        "问题数": str(len(rows)),
        "整改期限": _date(current.report_by),
        "报送单位": rules.report_to,
        "联系人": rules.contact,
        "联系电话": rules.phone,
        "回执": rules.receipt,
        "附件名称": RECEIPT_TITLE,
        "落款": issuer,
        "成文日期": _date(current.issued),
    }


def rectification_renderings(campaign: Campaign, result: RoundResult, first: int = 1) -> list[Rendering]:
    """One 整改通知书 per unit with open problems, numbered from ``first`` in the order of the
    unit list (``first_sequence`` gives the round's first number)."""
    renderings = []
    for place, code in enumerate(units_with_open_problems(campaign, result)):
        short = campaign.unit(code).short
        context = rectification_context(campaign, result, code, first + place)
        renderings.append(Rendering(context, f"{short}整改通知书", short))
    return renderings
