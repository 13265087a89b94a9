"""Tests of reporter.figures.progress: the lead units' combined state, the day tasks are judged
on, and each task's verdict (已完成, 按时推进, 滞后, 逾期) from the units' reports and its deadline."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reporter import pipeline
from reporter.figures.progress import (
    NOT_REPORTED,
    VERDICTS,
    TaskState,
    evaluate,
    lead_state,
    reference_date,
    summary,
)
from reporter.model import (
    Campaign,
    CellRef,
    Deadline,
    DeadlineKind,
    Period,
    Submission,
    Task,
    TaskProgress,
)
from reporter.workspace.defaults import campaign_with_defaults
from tests.conftest import ROOT

ON = dt.date(2018, 11, 26)
DEADLINES = {
    "before": Deadline(DeadlineKind.DATE, "2018年11月20日前", dt.date(2018, 11, 20)),
    "on the day": Deadline(DeadlineKind.DATE, "2018年11月26日前", ON),
    "after": Deadline(DeadlineKind.DATE, "2018年12月底前", dt.date(2018, 12, 31)),
    "ongoing": Deadline(DeadlineKind.ONGOING, "长期坚持"),
    "monthly": Deadline(DeadlineKind.MONTHLY, "每月"),
    "quarterly": Deadline(DeadlineKind.QUARTERLY, "每季度"),
}
STATES = ("已完成", "推进中", "未启动", NOT_REPORTED)


def task(deadline: Deadline, leads=("BM01",), partners=(), id_: str = "T1") -> Task:
    return Task(id_, "文明城", 1, "任务", "措施", tuple(leads), tuple(partners), "", deadline, None, "",
                CellRef("inputs/责任分解表.xlsx", "责任分解表", "C3"))


def report(unit: str, state: str, task_id: str = "T1") -> TaskProgress:
    return TaskProgress(unit, task_id, state, "", CellRef(f"inputs/2018-11/{unit}.xlsx", "任务进展", "F3"))


def submissions(*reports: TaskProgress) -> list[Submission]:
    """One submission per unit holding its reports (a state of 未报送 means no report)."""
    by_unit: dict[str, list[TaskProgress]] = {}
    for r in reports:
        if r.state != NOT_REPORTED:
            by_unit.setdefault(r.unit_code, []).append(r)
    return [Submission(unit, f"{unit}.xlsx", "人", "1", None, progress=tuple(rs)) for unit, rs in by_unit.items()]


def verdict_of(state: str, deadline: str, on: dt.date = ON) -> TaskState:
    [result] = evaluate([task(DEADLINES[deadline])], submissions(report("BM01", state)), on)
    return result


# --- one lead unit: every state against every kind of deadline ----------------------------------

EXPECTED = {
    # (the lead unit's state, the deadline against ON): (verdict, days late)
    ("已完成", "before"): ("已完成", None),  # done counts even when late
    ("已完成", "on the day"): ("已完成", None),
    ("已完成", "after"): ("已完成", None),
    ("推进中", "before"): ("逾期", 6),
    ("推进中", "on the day"): ("按时推进", None),  # the deadline day itself is not late
    ("推进中", "after"): ("按时推进", None),
    ("未启动", "before"): ("逾期", 6),
    ("未启动", "on the day"): ("滞后", None),
    ("未启动", "after"): ("滞后", None),
    (NOT_REPORTED, "before"): ("逾期", 6),
    (NOT_REPORTED, "on the day"): ("滞后", None),
    (NOT_REPORTED, "after"): ("滞后", None),
} | {
    # Deadlines that are not dates are never overdue.
    (state, kind): ({"已完成": "已完成", "推进中": "按时推进"}.get(state, "滞后"), None)
    for state in STATES for kind in ("ongoing", "monthly", "quarterly")
}


def test_the_table_covers_every_combination():
    assert set(EXPECTED) == set(itertools.product(STATES, DEADLINES))


@pytest.mark.parametrize("state, deadline", sorted(EXPECTED), ids=[f"{s}-{d}" for s, d in sorted(EXPECTED)])
def test_verdict_of_a_state_against_a_deadline(state, deadline):
    result = verdict_of(state, deadline)
    assert (result.verdict, result.days_late) == EXPECTED[state, deadline]
    assert result.lead_state == state
    assert result.verdict in VERDICTS


@pytest.mark.parametrize("on, verdict, days", [
    (dt.date(2018, 12, 30), "按时推进", None),
    (dt.date(2018, 12, 31), "按时推进", None),
    (dt.date(2019, 1, 1), "逾期", 1),
    (dt.date(2019, 3, 1), "逾期", 60),
])
def test_days_late_count_from_the_deadline(on, verdict, days):
    result = verdict_of("推进中", "after", on=on)
    assert (result.verdict, result.days_late) == (verdict, days)


# --- several lead units, and partners ------------------------------------------------------------


@pytest.mark.parametrize("states, combined", [
    (["已完成", "已完成"], "已完成"),
    (["已完成", "推进中"], "推进中"),
    (["推进中", "已完成"], "推进中"),
    (["已完成", "未启动"], "未启动"),
    (["推进中", "未启动"], "未启动"),
    (["未启动", NOT_REPORTED], NOT_REPORTED),
    (["已完成", NOT_REPORTED], NOT_REPORTED),
    ([NOT_REPORTED, NOT_REPORTED], NOT_REPORTED),
    (["已完成", "已完成", "推进中"], "推进中"),
])
def test_lead_state_is_the_least_advanced_lead(states, combined):
    leads = tuple(f"BM0{i}" for i in range(1, len(states) + 1))
    reports = {code: report(code, state) for code, state in zip(leads, states) if state != NOT_REPORTED}
    assert lead_state(task(DEADLINES["after"], leads=leads), reports) == combined


@pytest.mark.parametrize("partner_state", ["已完成", "推进中", "未启动", NOT_REPORTED])
def test_partners_do_not_change_the_verdict(partner_state):
    deadline = DEADLINES["after"]
    reports = [report("BM01", "已完成"), report("JD01", partner_state)]
    [state] = evaluate([task(deadline, partners=("JD01",))], submissions(*reports), ON)
    assert (state.lead_state, state.verdict) == ("已完成", "已完成")
    [state] = evaluate([task(deadline, partners=("JD01",))], submissions(report("JD01", partner_state)), ON)
    assert (state.lead_state, state.verdict) == (NOT_REPORTED, "滞后")


def test_reports_are_kept_leads_first_and_unknown_tasks_ignored():
    the_task = task(DEADLINES["after"], leads=("BM02", "BM01"), partners=("JD01",))
    reports = [report("JD01", "推进中"), report("BM01", "已完成"), report("BM02", "推进中"),
               report("BM01", "已完成", task_id="T9")]
    [state] = evaluate([the_task], submissions(*reports), ON)
    assert [r.unit_code for r in state.reports] == ["BM02", "BM01", "JD01"]
    assert state.report_of("JD01").state == "推进中"
    assert state.report_of("BM03") is None
    assert (state.lead_state, state.verdict) == ("推进中", "按时推进")


def test_tasks_keep_their_table_order():
    tasks = [task(DEADLINES["before"], id_="T2"), task(DEADLINES["after"], id_="T1"),
             task(DEADLINES["ongoing"], id_="T3")]
    states = evaluate(tasks, submissions(report("BM01", "推进中", "T1"), report("BM01", "已完成", "T3")), ON)
    assert [(s.task.id, s.verdict) for s in states] == [("T2", "逾期"), ("T1", "按时推进"), ("T3", "已完成")]
    assert evaluate([], submissions(report("BM01", "推进中")), ON) == []


# --- the day of judgement, and the summary --------------------------------------------------------


def campaign(period: Period, report_date: dt.date | None) -> Campaign:
    return campaign_with_defaults("c", "活动", "区", "办", period, report_date=report_date)


@pytest.mark.parametrize("period, report_date, expected", [
    (Period(2018, 11), dt.date(2018, 11, 26), dt.date(2018, 11, 26)),
    (Period(2018, 11), dt.date(2018, 12, 3), dt.date(2018, 12, 3)),
    (Period(2018, 11), None, dt.date(2018, 11, 30)),
    (Period(2018, 12), None, dt.date(2018, 12, 31)),
    (Period(2019, 2), None, dt.date(2019, 2, 28)),
    (Period(2020, 2), None, dt.date(2020, 2, 29)),
])
def test_reference_date(period, report_date, expected):
    assert reference_date(campaign(period, report_date)) == expected


def test_summary_counts_every_verdict():
    tasks = [task(DEADLINES[d], id_=f"T{i}") for i, d in enumerate(["before", "after", "after", "ongoing"])]
    reports = [report("BM01", "推进中", "T0"), report("BM01", "推进中", "T1"), report("BM01", "已完成", "T3")]
    counts = summary(evaluate(tasks, submissions(*reports), ON))
    assert counts == {"总数": 4, "已完成": 1, "按时推进": 1, "滞后": 1, "逾期": 1}
    assert list(counts) == ["总数", *VERDICTS]
    assert summary([]) == {"总数": 0, "已完成": 0, "按时推进": 0, "滞后": 0, "逾期": 0}


def test_task_summary_is_available_to_the_report():
    """On the example workspace: every task gets exactly one verdict."""
    checked = pipeline.collect(ROOT)
    counts = summary(evaluate(checked.tasks, checked.submissions, reference_date(checked.campaign)))
    assert counts["总数"] == len(checked.tasks)
    assert sum(counts[k] for k in ("已完成", "按时推进", "滞后", "逾期")) == counts["总数"]
