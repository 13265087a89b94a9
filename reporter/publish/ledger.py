"""The rectification ledger (督查问题台账.xlsx): every problem across rounds, its history and
current state; user text stored as text, dates shown as the documents write them
(2018年11月5日). Printed, it is one A4 landscape page wide without the 来源 column."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from reporter.cnfmt import cn_date
from reporter.figures.scoring import ProblemRecord, RoundResult
from reporter.model import Campaign
from reporter.publish.streamed import StreamedTable
from reporter.publish.xlsx import DATE_WIDTH, workbook_bytes

LEDGER_NAME = "督查问题台账.xlsx"
HEADERS = (("问题编号", 7), ("发现轮次", 6), ("督查日期", DATE_WIDTH), ("单位", 11), ("点位/地点", 15),
           ("问题类别", 9), ("问题描述", 24), ("扣分", 5), ("整改时限", DATE_WIDTH), ("当前状态", 7), ("逾期", 5),
           ("反复出现", 6), ("历次记录", 34), ("来源", 22))


def _history(record: ProblemRecord) -> str:
    parts = []
    for finding in record.history:
        kind = "发现" if finding is record.first else "复查"
        when = cn_date(finding.recheck_date or finding.date)
        note = f"（{finding.recheck_result}）" if finding.recheck_result else ""
        parts.append(f"第{finding.round}轮{kind} {when} {finding.state}{note}")
    return "；".join(parts)


def ledger_bytes(campaign: Campaign, result: RoundResult, stamp: dt.datetime) -> bytes:
    """The ledger as of ``result``'s round, as reproducible .xlsx bytes; written row by row,
    so that a round of tens of thousands of problems takes no more memory than a small one."""
    wb = Workbook(write_only=True)
    overdue = {r.first.number for r in result.overdue}
    repeats = {r.first.number for r in result.repeats}
    table = StreamedTable(wb, "问题台账", HEADERS, len(result.problems), print_columns=len(HEADERS) - 1)
    for record in sorted(result.problems, key=lambda r: (r.first.round, r.first.order)):
        first, latest = record.first, record.latest
        values = [first.number, first.round, first.date, campaign.unit(first.unit_code).short,
                  first.place, first.category, first.description,
                  float(campaign.rules.deduction(first.category)),
                  latest.deadline, latest.state,
                  "是" if first.number in overdue else "", "是" if first.number in repeats else "",
                  _history(record), str(latest.source)]
        table.add(values)
    wb.properties.title = "督查问题台账"
    wb.properties.creator = campaign.office
    return workbook_bytes(wb, stamp)
