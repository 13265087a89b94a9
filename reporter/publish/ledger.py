"""The rectification ledger (督查问题台账.xlsx): every problem across rounds, its history and
current state; user text stored as text."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from reporter.figures.scoring import ProblemRecord, RoundResult
from reporter.model import Campaign
from reporter.publish.xlsx import TableWriter, workbook_bytes, write_header

LEDGER_NAME = "督查问题台账.xlsx"
HEADERS = (("问题编号", 10), ("发现轮次", 9), ("督查日期", 12), ("单位", 16), ("点位/地点", 22), ("问题类别", 12),
           ("问题描述", 36), ("扣分", 7), ("整改时限", 12), ("当前状态", 10), ("逾期", 6), ("反复出现", 9),
           ("历次记录", 44), ("来源", 36))


def _history(record: ProblemRecord) -> str:
    parts = []
    for finding in record.history:
        kind = "发现" if finding is record.first else "复查"
        when = (finding.recheck_date or finding.date).isoformat()
        note = f"（{finding.recheck_result}）" if finding.recheck_result else ""
        parts.append(f"第{finding.round}轮{kind} {when} {finding.state}{note}")
    return "；".join(parts)


def ledger_bytes(campaign: Campaign, result: RoundResult, stamp: dt.datetime) -> bytes:
    """The ledger as of ``result``'s round, as reproducible .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "问题台账"
    write_header(ws, 1, HEADERS)
    overdue = {r.first.number for r in result.overdue}
    repeats = {r.first.number for r in result.repeats}
    table = TableWriter(ws)
    for record in sorted(result.problems, key=lambda r: (r.first.round, r.first.number)):
        first, latest = record.first, record.latest
        values = [first.number, first.round, first.date.isoformat(), campaign.unit(first.unit_code).short,
                  first.place, first.category, first.description,
                  float(campaign.rules.deduction(first.category)),
                  latest.deadline.isoformat() if latest.deadline else "", latest.state,
                  "是" if first.number in overdue else "", "是" if first.number in repeats else "",
                  _history(record), str(latest.source)]
        table.add(values)
    ws.auto_filter.ref = f"A1:N{table.last_row}"
    wb.properties.title = "督查问题台账"
    wb.properties.creator = campaign.office
    return workbook_bytes(wb, stamp)
