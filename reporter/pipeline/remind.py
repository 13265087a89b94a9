"""``reporter remind``: the 催报通知 for the units that have not reported or must correct their
workbooks, written to ``outputs/催报通知.docx`` and returned as plain text for a chat group."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reporter.documents.remind import (
    REMINDER,
    ReportingStatus,
    reminder_context,
    reminder_text,
)
from reporter.documents.spec import Rendering
from reporter.feedback import Progress, no_progress
from reporter.pipeline.check import CheckResult, read_checked
from reporter.pipeline.output import Publication, checked_templates
from reporter.workspace import open_workspace
from reporter.workspace.periods import campaign_for


@dataclass(frozen=True)
class Reminder:
    """What ``reporter remind`` found and made: the units' status, the notice (``None`` when no
    unit has to be chased) and the plain text."""

    status: ReportingStatus
    document: Path | None
    text: str


def reporting_status(checked: CheckResult, as_of: dt.date,
                     rejected: Mapping[str, int] | None = None) -> ReportingStatus:
    """Who has not reported, and whose workbook has problems (counted per unit). ``rejected``:
    units whose latest upload to the intake server was refused (code -> its problems); such a
    unit has no workbook in inputs/ and is chased to correct it, not as not reported."""
    rejected = rejected or {}
    valid = {s.unit_code for s in checked.submissions}
    problems_in = Counter(p.path for p in checked.problems)
    faulty, missing = [], []
    for unit in checked.campaign.units:
        if unit.code in checked.unit_files:
            if unit.code not in valid:
                faulty.append((unit, problems_in[checked.unit_files[unit.code]]))
        elif unit.code in rejected:
            faulty.append((unit, rejected[unit.code]))
        else:
            missing.append(unit)
    return ReportingStatus(checked.campaign, as_of, tuple(missing), tuple(faulty))


def build_reminder(root: str | Path, as_of: dt.date | None = None, progress: Progress = no_progress,
                   rejected: Mapping[str, int] | None = None, period: str | None = None) -> Reminder:
    """Check the workbooks of ``period`` ("2018-10"; the configured one by default) and, when any
    unit has to be chased, write the 催报通知 dated ``as_of`` (today by default). ``rejected``:
    see ``reporting_status``."""
    ws = open_workspace(root)
    checked = read_checked(ws, campaign_for(ws.campaign, period), progress, forms=True, rounds=False)
    status = reporting_status(checked, as_of or dt.date.today(), rejected)
    if not status.chased:
        return Reminder(status, None, "")
    checked_templates(ws, [REMINDER])
    stamp = dt.datetime.combine(status.as_of, dt.time())
    with Publication(ws, stamp, progress) as out:
        document = out.document(REMINDER, Rendering(reminder_context(status), "催报通知", REMINDER.name))
    return Reminder(status, document, reminder_text(status))
