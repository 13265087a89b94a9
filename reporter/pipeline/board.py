"""What the office's board asks of the pipeline besides the commands: the 汇总表.xlsx of the
period's figures, the 催报 text to copy into a work chat, and whether a report came in late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from reporter.documents.remind import ReportingStatus, reminder_text
from reporter.errors import InputError
from reporter.figures.punctuality import late_report
from reporter.intake.collect import read_unit_forms
from reporter.model import Campaign, Unit
from reporter.pipeline.check import load_tasks
from reporter.pipeline.output import document_stamp
from reporter.publish.summary_book import SummaryRow, summary_workbook_bytes
from reporter.workspace import Workspace

__all__ = ["late_label", "reminder_chat_text", "summary_table_bytes"]

SUMMARY_NAME = "汇总表.xlsx"


def summary_table_bytes(ws: Workspace, states: Mapping[str, str]) -> bytes:
    """汇总表.xlsx of the period: one row per unit in the configured order, with its state as
    the board shows it (``states``: unit code -> state) and the figures of its workbook in
    inputs/<period>/ when that reads without problems (as ``reporter check`` reads it)."""
    campaign = ws.campaign
    try:
        tasks = tuple(load_tasks(ws, campaign))
    except InputError:
        tasks = ()
    found = read_unit_forms(ws, campaign, tasks)
    by_unit = {s.unit_code: s for s in found.submissions}
    rows = [SummaryRow(u.short, states.get(u.code, ""), by_unit.get(u.code)) for u in campaign.units]
    return summary_workbook_bytes(campaign, rows, document_stamp(campaign))


def reminder_chat_text(campaign: Campaign, as_of: dt.date, missing: list[Unit],
                       faulty: list[tuple[Unit, int]]) -> str:
    """The 催报 text of ``reporter remind`` for a work chat (each unit with its contact), for
    the units the board shows 未报 (``missing``) and 有误待改 (``faulty``, with their problems);
    "" when nobody is to be chased."""
    status = ReportingStatus(campaign, as_of, tuple(missing), tuple(faulty))
    return reminder_text(status) if status.chased else ""


def late_label(campaign: Campaign, unit: Unit, submitted_on: dt.date) -> str:
    """逾期报送（2018年11月22日报送，逾期2天） when ``submitted_on`` is after the period's
    deadline; "" otherwise."""
    late = late_report(campaign, unit, submitted_on)
    return late.label if late else ""
