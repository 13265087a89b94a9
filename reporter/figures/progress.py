"""How far each task has got: what units report, judged against the deadline on the period date.

One rule rates both a unit's own part of a task (its 任务清单) and the task as a whole (the
least advanced of its lead units): ``RATING`` below, from the reported progress and where the
day stands against the deadline. A task without a date to miss (长期坚持, 每月, 每季度) is
never late; a unit that did not report is rated as one that has not started.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from reporter.model import (
    Campaign,
    Deadline,
    DeadlineKind,
    Submission,
    Task,
    TaskProgress,
)

DONE, RATED_ON_TIME, RATED_BEHIND, RATED_LATE = "已完成", "按时推进", "滞后", "逾期"
VERDICTS = (DONE, RATED_ON_TIME, RATED_BEHIND, RATED_LATE)
NOT_REPORTED = "未报送"
#: What a unit may report, and 未报送 when it did not; least advanced last.
PROGRESS = ("已完成", "推进中", "未启动", NOT_REPORTED)


class Timing(Enum):
    """Where the day of judging stands against a task's deadline."""

    DUE = "未到时限"  # a dated deadline not yet passed (the deadline day itself included)
    PASSED = "已过时限"
    STANDING = "长期或定期"  # 长期坚持, 持续推进, 每月, 每季度: no date to miss


#: The rating of every combination of reported progress and timing.
RATING: dict[tuple[str, Timing], str] = {
    ("已完成", Timing.DUE): DONE,
    ("已完成", Timing.PASSED): DONE,
    ("已完成", Timing.STANDING): DONE,
    ("推进中", Timing.DUE): RATED_ON_TIME,
    ("推进中", Timing.PASSED): RATED_LATE,
    ("推进中", Timing.STANDING): RATED_ON_TIME,
    ("未启动", Timing.DUE): RATED_BEHIND,
    ("未启动", Timing.PASSED): RATED_LATE,
    ("未启动", Timing.STANDING): RATED_BEHIND,
    (NOT_REPORTED, Timing.DUE): RATED_BEHIND,
    (NOT_REPORTED, Timing.PASSED): RATED_LATE,
    (NOT_REPORTED, Timing.STANDING): RATED_BEHIND,
}

#: One line telling readers what the ratings mean (above a unit's 任务清单: 51 characters, one
#: line of 小四 across the landscape type area).
LEGEND = "评定：已过完成时限仍未完成的为逾期；未过时限或长期、定期任务，推进中为按时推进，未启动或未报送为滞后。"


@dataclass(frozen=True)
class Rating:
    """A rating with the days past the deadline when it is 逾期."""

    verdict: str
    days_late: int | None = None

    @property
    def text(self) -> str:
        """As a table shows it: 已完成, 按时推进, 滞后, 逾期26天."""
        return f"{self.verdict}{self.days_late}天" if self.days_late else self.verdict


def timing(deadline: Deadline, on: dt.date) -> Timing:
    if deadline.kind is not DeadlineKind.DATE or deadline.date is None:
        return Timing.STANDING
    return Timing.PASSED if on > deadline.date else Timing.DUE


def rate(progress: str, deadline: Deadline, on: dt.date) -> Rating:
    """The rating of ``progress`` (one of ``PROGRESS``) on a task with ``deadline``, on ``on``."""
    when = timing(deadline, on)
    verdict = RATING[(progress, when)]
    if verdict == RATED_LATE and deadline.date is not None:
        return Rating(verdict, (on - deadline.date).days)
    return Rating(verdict)


@dataclass(frozen=True)
class TaskState:
    """A task with every unit's report on it, the rating of each involved unit's own part,
    and the task's: that of its least advanced lead unit (``lead_state``)."""

    task: Task
    reports: tuple[TaskProgress, ...]
    lead_state: str
    verdict: str
    days_late: int | None = None
    ratings: tuple[tuple[str, Rating], ...] = ()

    def report_of(self, unit_code: str) -> TaskProgress | None:
        return next((r for r in self.reports if r.unit_code == unit_code), None)

    def progress_of(self, unit_code: str) -> str:
        """What a unit reported on the task, 未报送 when nothing."""
        report = self.report_of(unit_code)
        return report.state if report else NOT_REPORTED

    def rating_of(self, unit_code: str) -> Rating:
        """The rating of an involved unit's own part of the task."""
        return next(r for code, r in self.ratings if code == unit_code)

    @property
    def rating(self) -> Rating:
        return Rating(self.verdict, self.days_late)


def reference_date(campaign: Campaign) -> dt.date:
    """The day tasks are judged on: the report date, or the last day of the period."""
    if campaign.report_date:
        return campaign.report_date
    year, month = campaign.period.year, campaign.period.month
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def lead_state(task: Task, reports: dict[str, TaskProgress]) -> str:
    """The lead units' combined progress: the least advanced of them."""
    states = [reports[code].state if code in reports else NOT_REPORTED for code in task.leads]
    return max(states, key=PROGRESS.index, default=NOT_REPORTED)


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
        overall = rate(combined, task.deadline, on)
        involved = list(dict.fromkeys(task.leads + task.partners))
        ratings = tuple((code, rate(reports[code].state if code in reports else NOT_REPORTED, task.deadline, on))
                        for code in involved)
        ordered = tuple(reports[c] for c in involved if c in reports)
        states.append(TaskState(task, ordered, combined, overall.verdict, overall.days_late, ratings))
    return states


def summary(states: list[TaskState]) -> dict[str, int]:
    """Counts for templates: 总数 and one per verdict."""
    counts = Counter(s.verdict for s in states)
    return {"总数": len(states), **{v: counts.get(v, 0) for v in VERDICTS}}
