"""How far each task has got: the lead units' reports judged against the period date.

已完成 when every lead unit reports it done; otherwise 逾期 once a dated deadline has
passed, 滞后 when a lead unit has not started (or not reported), else 按时推进.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from reporter.model import Campaign, DeadlineKind, Submission, Task, TaskProgress

VERDICTS = ("已完成", "按时推进", "滞后", "逾期")
NOT_REPORTED = "未报送"


@dataclass(frozen=True)
class TaskState:
    """A task with every unit's report on it and the verdict for the period."""

    task: Task
    reports: tuple[TaskProgress, ...]
    lead_state: str
    verdict: str
    days_late: int | None = None

    def report_of(self, unit_code: str) -> TaskProgress | None:
        return next((r for r in self.reports if r.unit_code == unit_code), None)


def reference_date(campaign: Campaign) -> dt.date:
    """The day tasks are judged on: the report date, or the last day of the period."""
    if campaign.report_date:
        return campaign.report_date
    year, month = campaign.period.year, campaign.period.month
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def lead_state(task: Task, reports: dict[str, TaskProgress]) -> str:
    """The lead units' combined state: the least advanced of them."""
    states = [reports[code].state if code in reports else NOT_REPORTED for code in task.leads]
    for state in (NOT_REPORTED, "未启动", "推进中"):
        if state in states:
            return state
    return "已完成"


def evaluate(tasks: list[Task], submissions: list[Submission], on: dt.date) -> list[TaskState]:
    """Every task's state on the day ``on``, in table order."""
    by_task: dict[str, dict[str, TaskProgress]] = {t.id: {} for t in tasks}
    for submission in submissions:
        for report in submission.progress:
            if report.task_id in by_task:
                by_task[report.task_id][report.unit_code] = report
    states = []
    for task in tasks:
        reports = by_task[task.id]
        combined = lead_state(task, reports)
        deadline = task.deadline
        days_late = None
        if combined == "已完成":
            verdict = "已完成"
        elif deadline.kind is DeadlineKind.DATE and deadline.date is not None and on > deadline.date:
            verdict, days_late = "逾期", (on - deadline.date).days
        elif combined in ("未启动", NOT_REPORTED):
            verdict = "滞后"
        else:
            verdict = "按时推进"
        ordered = tuple(reports[c] for c in task.leads + task.partners if c in reports)
        states.append(TaskState(task, ordered, combined, verdict, days_late))
    return states


def summary(states: list[TaskState]) -> dict[str, int]:
    """Counts for templates: 总数 and one per verdict."""
    counts = Counter(s.verdict for s in states)
    return {"总数": len(states), **{v: counts.get(v, 0) for v in VERDICTS}}
