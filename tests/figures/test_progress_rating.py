"""Ratings of task progress: one table for every combination of what a unit reports and where
the day stands against the deadline, used alike for a unit's part and for the whole task."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from reporter.figures.progress import (
    LEGEND,
    NOT_REPORTED,
    PROGRESS,
    RATING,
    VERDICTS,
    Timing,
    evaluate,
    rate,
    summary,
)
from reporter.model import CellRef, Deadline, DeadlineKind, Submission, Task, TaskProgress

ON = dt.date(2018, 11, 26)
DEADLINES = {
    Timing.DUE: Deadline(DeadlineKind.DATE, "2018年11月30日前", dt.date(2018, 11, 30)),
    Timing.PASSED: Deadline(DeadlineKind.DATE, "2018年10月底前", dt.date(2018, 10, 31)),
    Timing.STANDING: Deadline(DeadlineKind.ONGOING, "长期坚持"),
}
EXPECTED = {
    # progress:    (未到时限, 已过时限, 长期或定期)
    "已完成": ("已完成", "已完成", "已完成"),
    "推进中": ("按时推进", "逾期26天", "按时推进"),
    "未启动": ("滞后", "逾期26天", "滞后"),
    NOT_REPORTED: ("滞后", "逾期26天", "滞后"),
}


def test_the_table_covers_every_combination_once():
    assert set(RATING) == {(p, t) for p in PROGRESS for t in Timing}
    assert set(RATING.values()) == set(VERDICTS)


@pytest.mark.parametrize("progress", PROGRESS)
@pytest.mark.parametrize("timing", list(Timing))
def test_every_combination_is_rated_as_the_table_says(progress, timing):
    rating = rate(progress, DEADLINES[timing], ON)
    assert rating.text == EXPECTED[progress][list(Timing).index(timing)]


@pytest.mark.parametrize("progress", PROGRESS)
@pytest.mark.parametrize("timing", list(Timing))
def test_ratings_never_contradict_the_progress(progress, timing):
    text = rate(progress, DEADLINES[timing], ON).text
    assert (text == "已完成") == (progress == "已完成")  # only what is done is rated done
    assert not text.startswith("逾期") or timing is Timing.PASSED  # late only past a date
    assert text.count("逾期") <= 1  # never "逾期（逾期26天）"


@pytest.mark.parametrize("kind", [DeadlineKind.ONGOING, DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY])
def test_a_task_without_a_date_is_never_late(kind):
    for progress in PROGRESS:
        assert rate(progress, Deadline(kind, "每月"), ON).verdict != "逾期"


def test_the_deadline_day_itself_is_not_late():
    deadline = Deadline(DeadlineKind.DATE, "2018年11月26日前", ON)
    assert rate("推进中", deadline, ON).text == "按时推进"
    assert rate("推进中", deadline, ON + dt.timedelta(days=1)).text == "逾期1天"


def task(deadline: Deadline, leads: tuple[str, ...], partners: tuple[str, ...] = ()) -> Task:
    return Task("T1", "文明城", 1, "任务", "措施", leads, partners, "", deadline, None, "", CellRef("f", "s", "A1"))


def submission(unit: str, state: str, task_id: str = "T1") -> Submission:
    report = TaskProgress(unit, task_id, state, "", CellRef("f", "s", "A1"))
    return Submission(unit, "x", "", "", None, (), (), (report,))


def test_a_task_is_rated_by_its_least_advanced_lead_and_each_unit_by_its_own_report():
    the_task = task(DEADLINES[Timing.PASSED], ("A", "B"), ("C", "D"))
    states = evaluate([the_task], [submission("A", "已完成"), submission("B", "推进中"), submission("C", "已完成")], ON)
    state = states[0]
    assert state.lead_state == "推进中" and state.rating.text == "逾期26天"
    assert [state.rating_of(u).text for u in "ABCD"] == ["已完成", "逾期26天", "已完成", "逾期26天"]
    assert [state.progress_of(u) for u in "ABCD"] == ["已完成", "推进中", "已完成", NOT_REPORTED]
    assert summary(states) == {"总数": 1, "已完成": 0, "按时推进": 0, "滞后": 0, "逾期": 1}


def test_two_tasks_alike_are_rated_alike():
    first = task(DEADLINES[Timing.DUE], ("A",))
    second = dataclasses.replace(task(DEADLINES[Timing.DUE], ("B",)), id="T2", seq=2)
    states = evaluate([first, second], [submission("A", "未启动"), submission("B", "未启动", "T2")], ON)
    assert [s.rating.text for s in states] == ["滞后", "滞后"]


def test_the_legend_names_every_rating_on_one_line():
    assert all(v in LEGEND for v in VERDICTS if v != "已完成") and len(LEGEND) <= 53
