"""Tests of reporter.figures.scoring: problem histories across rounds, scores (base less
deductions, repeats counted again), rankings with their tie rule, and the red and black boards
(the board rules themselves: figures/test_ranking_ties.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reporter.figures.scoring import (
    ProblemRecord,
    UnitScore,
    link_rounds,
    rank,
    score_round,
)
from reporter.model import CellRef, Finding, InspectionRound
from reporter.workspace import load_campaign, open_workspace
from tests.conftest import ROOT
from tests.figures.sample_campaign import UNITS, campaign

def finding(number: str, round_: int, unit: str = "JD01", state: str = "未整改", category: str = "暴露垃圾",
            deadline: dt.date | None = None, row: int = 3, **blank) -> Finding:
    """A row of round ``round_``'s record: a new problem when ``number`` starts with the round,
    else a re-check."""
    fields = {"place": "某地", "category": category, "description": "问题", **blank}
    return Finding(number, round_, dt.date(2018, 11, round_ * 7), "第1组", unit, fields["place"],
                   fields["category"], fields["description"], (),
                   deadline if deadline is not None else dt.date(2018, 11, round_ * 7 + 3), state, None, "",
                   CellRef(f"inputs/督查/第{round_}轮督查.xlsx", "督查记录", f"A{row}"),
                   unit_source=CellRef(f"inputs/督查/第{round_}轮督查.xlsx", "督查记录", f"D{row}"))


def inspection(number: int, *findings: Finding, units: tuple[str, ...] = ()) -> InspectionRound:
    start = dt.date(2018, 11, number * 7)
    return InspectionRound(number, start, start + dt.timedelta(days=1), number, f"r{number}", findings, units=units)


def scored(rounds: list[InspectionRound], number: int, **rules):
    records, problems = link_rounds(rounds)
    assert problems == []
    return score_round(campaign(**rules), rounds, number, records)


def scores_of(result) -> dict[str, Decimal]:
    return {s.unit_code: s.score for s in result.scores}


# --- problem histories ------------------------------------------------------------------------


@pytest.mark.parametrize("states, round_number, repeated", [
    (["已整改", "未整改"], 2, True),
    (["已整改", "整改中"], 2, True),
    (["已整改", "未整改"], 1, False),
    (["未整改", "未整改"], 2, False),
    (["整改中", "已整改"], 2, False),
    (["已整改", "已整改"], 2, False),
    (["已整改", "已整改", "未整改"], 3, True),
    (["已整改", "已整改", "未整改"], 2, False),
    (["已整改", "未整改", "已整改"], 2, True),
    (["已整改", "未整改", "已整改"], 3, False),
    (["已整改", "未整改", "未整改"], 3, False),  # still open, not open *again*
    (["已整改"], 1, False),
])
def test_repeated_in(states, round_number, repeated):
    history = tuple(finding("1-01", i, state=s) for i, s in enumerate(states, start=1))
    record = ProblemRecord(history[0], history)
    assert record.repeated_in(round_number) is repeated


@pytest.mark.parametrize("states, fixed", [(["已整改"], True), (["未整改"], False), (["整改中"], False),
                                           (["未整改", "已整改"], True), (["已整改", "未整改"], False)])
def test_a_problem_is_fixed_when_its_latest_state_is(states, fixed):
    history = tuple(finding("1-01", i, state=s) for i, s in enumerate(states, start=1))
    record = ProblemRecord(history[0], history)
    assert record.fixed is fixed and record.latest is history[-1]


def test_rechecks_join_the_history_and_inherit_blank_fields():
    one = inspection(1, finding("1-01", 1, place="东门", description="垃圾外溢"), finding("1-02", 1, unit="JD02"))
    two = inspection(2, finding("1-01", 2, unit="", state="已整改", place="", category="", description=""),
                     finding("2-01", 2, unit="JD03"))
    records, problems = link_rounds([two, one])  # in any order
    assert problems == []
    assert sorted(records) == ["1-01", "1-02", "2-01"]
    history = records["1-01"].history
    assert [f.round for f in history] == [1, 2]
    assert history[1].state == "已整改" and records["1-01"].fixed
    assert (history[1].unit_code, history[1].place, history[1].category, history[1].description) == \
        ("JD01", "东门", "暴露垃圾", "垃圾外溢")
    assert records["1-02"].history == (records["1-02"].first,)


@pytest.mark.parametrize("recheck, cell, words", [
    (finding("1-09", 2, row=5), "A5", "复查的问题编号 1-09 在第1轮中不存在"),
    (finding("1-01", 2, unit="JD02", row=6), "D6", "问题 1-01 原属其他单位"),
])
def test_bad_rechecks_are_problems_at_their_cell(recheck, cell, words):
    records, problems = link_rounds([inspection(1, finding("1-01", 1)), inspection(2, recheck)])
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.sheet, problem.cell) == ("督查记录", cell) and words in str(problem)
    assert records["1-01"].history == (records["1-01"].first,)


# --- scores -----------------------------------------------------------------------------------


@pytest.mark.parametrize("categories, base, expected", [
    ([], "100", "100.00"),
    (["暴露垃圾"], "100", "98.00"),
    (["暴露垃圾", "占道经营"], "100", "96.50"),
    (["暴露垃圾", "暴露垃圾", "暴露垃圾"], "100", "94.00"),
    (["乱贴乱画"], "100", "99.88"),  # 99.875 rounded half up
    (["乱贴乱画", "乱贴乱画"], "100", "99.75"),
    (["占道经营"], "10", "8.50"),
    (["暴露垃圾"] * 6, "10", "-2.00"),  # no floor at zero
])
def test_score_is_the_base_less_the_deductions(categories, base, expected):
    rows = [finding(f"1-{i:02d}", 1, category=c) for i, c in enumerate(categories, start=1)]
    result = scored([inspection(1, *rows, units=("JD01",))], 1, base=base)
    assert scores_of(result) == {"JD01": Decimal(expected)}
    assert str(result.scores[0].score) == expected
    assert result.scores[0].found == len(categories)


def test_only_the_round_asked_for_is_scored():
    one = inspection(1, finding("1-01", 1), finding("1-02", 1, category="占道经营"), units=("JD01",))
    two = inspection(2, finding("1-01", 2, state="已整改"), finding("2-01", 2, category="乱贴乱画"), units=("JD01",))
    assert scores_of(scored([one, two], 1)) == {"JD01": Decimal("96.50")}
    result = scored([one, two], 2)
    assert scores_of(result) == {"JD01": Decimal("99.88")}  # re-checks cost nothing, new problems do
    assert [r.first.number for r in result.new] == ["2-01"]
    assert [r.first.number for r in result.rechecked] == ["1-01"]
    # 1-02 was not re-checked: still open, not re-checked in round 2
    assert {r.first.number for r in result.problems} == {"1-01", "1-02", "2-01"}
    assert result.scores[0].open == 2 and result.scores[0].found == 1


def test_round_one_sees_nothing_of_round_two():
    one = inspection(1, finding("1-01", 1), units=("JD01",))
    two = inspection(2, finding("1-01", 2, state="已整改"), finding("2-01", 2), units=("JD01",))
    result = scored([one, two], 1)
    assert [r.first.number for r in result.problems] == ["1-01"]
    assert not result.problems[0].fixed and result.problems[0].history == (result.problems[0].first,)


@pytest.mark.parametrize("first_state, later, repeats, score", [
    ("已整改", "未整改", 1, "98.00"),   # fixed, then open again: costs again
    ("已整改", "整改中", 1, "98.00"),
    ("未整改", "未整改", 0, "100.00"),  # never fixed: counted once, in round 1
    ("未整改", "已整改", 0, "100.00"),
    ("已整改", "已整改", 0, "100.00"),
])
def test_repeat_costs_points_again(first_state, later, repeats, score):
    one = inspection(1, finding("1-01", 1, state=first_state), units=("JD01",))
    two = inspection(2, finding("1-01", 2, state=later), units=("JD01",))
    result = scored([one, two], 2)
    assert len(result.repeats) == repeats
    assert result.scores[0].score == Decimal(score)
    assert result.scores[0].found == repeats
    assert result.scores[0].open == (0 if later == "已整改" else 1)


def test_repeat_in_the_example_campaign():
    """With the example's configuration (暴露垃圾 costs 2 of 100), as in the notices."""
    example = load_campaign(open_workspace(ROOT))
    one = inspection(1, finding("1-01", 1, state="已整改"), units=("JD01",))
    two = inspection(2, finding("1-01", 2), units=("JD01",))
    records, problems = link_rounds([one, two])
    assert problems == []
    result = score_round(example, [one, two], 2, records)
    assert len(result.repeats) == 1 and result.scores[0].score == Decimal("98.00")


@pytest.mark.parametrize("state, deadline, overdue", [
    ("未整改", dt.date(2018, 11, 14), True),    # before the round's last day (11-15)
    ("整改中", dt.date(2018, 11, 1), True),
    ("未整改", dt.date(2018, 11, 15), False),   # on the last day: not yet
    ("未整改", dt.date(2018, 11, 30), False),
    ("已整改", dt.date(2018, 11, 1), False),
])
def test_overdue_problems(state, deadline, overdue):
    one = inspection(1, finding("1-01", 1, deadline=deadline), units=("JD01",))
    two = inspection(2, finding("1-01", 2, state=state, deadline=deadline), units=("JD01",))
    result = scored([one, two], 2)
    assert [r.first.number for r in result.overdue] == (["1-01"] if overdue else [])


def test_units_scored_are_the_inspected_and_those_with_findings():
    one = inspection(1, finding("1-01", 1, unit="BM02"), units=("JD01", "JD02"))
    result = scored([one], 1)
    assert sorted(scores_of(result)) == ["BM02", "JD01", "JD02"]
    assert scores_of(result)["JD01"] == Decimal("100.00")
    assert result.fixed_new == 0 and len(result.new) == 1


# --- ranking, ties, boards ---------------------------------------------------------------------


@pytest.mark.parametrize("scores, order, tied", [
    # (unit, score, open problems) -> best first
    ([("JD01", "98", 0), ("JD02", "99", 0)], ["JD02", "JD01"], [False, False]),
    ([("JD02", "98", 2), ("JD01", "98", 2)], ["JD01", "JD02"], [True, True]),          # 东城 before 西城
    ([("JD01", "98", 3), ("JD02", "98", 1)], ["JD02", "JD01"], [True, True]),          # fewer open first
    ([("JD02", "98.00", 1), ("JD01", "98", 1)], ["JD01", "JD02"], [True, True]),       # 98 == 98.00
    ([("JD02", "98", 2), ("JD01", "98", 2), ("JD03", "98", 0), ("JD04", "99.5", 5)],
     ["JD04", "JD03", "JD01", "JD02"], [False, True, True, True]),
    ([("BM01", "97", 0), ("JD03", "97", 0), ("JD04", "97", 0), ("JD01", "97", 0)],
     ["JD01", "JD04", "BM01", "JD03"], [True] * 4),                                   # 东 北 区 南
    ([("JD01", "90", 0), ("JD02", "95", 0), ("JD03", "95", 0), ("JD04", "80", 0)],
     ["JD03", "JD02", "JD01", "JD04"], [True, True, False, False]),                  # 南 before 西
])
def test_rank_orders_by_score_then_open_problems_then_short_name(scores, order, tied):
    given = [UnitScore(code, Decimal(score), 1, open_) for code, score, open_ in scores]
    ranked = rank(campaign(), given)
    assert [s.unit_code for s in ranked] == order
    assert [s.tied for s in ranked] == tied
    # a place is one more than the number of units scoring higher: equal scores share it
    assert [s.rank for s in ranked] == [1 + sum(o.score > s.score for o in ranked) for s in ranked]


def test_rank_breaks_ties_by_open_problems_then_name():
    """The same with the example's units."""
    example = load_campaign(open_workspace(ROOT))
    scores = [UnitScore("JD02", Decimal("98.00"), 1, 2), UnitScore("JD01", Decimal("98.00"), 1, 2),
              UnitScore("JD03", Decimal("98.00"), 1, 0), UnitScore("JD04", Decimal("99.50"), 1, 5)]
    ranked = rank(example, scores)
    assert [s.unit_code for s in ranked] == ["JD04", "JD03", "JD01", "JD02"]  # 东城 before 西城 by name
    assert [s.tied for s in ranked] == [False, True, True, True]


def test_ties_in_a_scored_round():
    one = inspection(1, finding("1-01", 1, unit="JD02"), finding("1-02", 1, unit="JD01", state="已整改"),
                     finding("1-03", 1, unit="JD03", category="占道经营"), units=("JD04",))
    result = scored([one], 1)
    assert [(s.unit_code, str(s.score), s.open, s.rank, s.tied) for s in result.scores] == [
        ("JD04", "100.00", 0, 1, False),
        ("JD03", "98.50", 1, 2, False),
        ("JD01", "98.00", 0, 3, True),   # fixed its problem: fewer open, ahead of 西城
        ("JD02", "98.00", 1, 3, True),   # 并列第3名
    ]
    assert result.has_ties and result.fixed_new == 1


@pytest.mark.parametrize("units, board_size, size", [
    (1, 3, 0), (2, 3, 1), (3, 3, 1), (4, 3, 2), (5, 3, 2), (6, 3, 3), (8, 3, 3),
    (8, 5, 4), (8, 1, 1), (8, 0, 0),
])
def test_board_sizes(units, board_size, size):
    """Each board lists board_size units, but never more than half of those scored."""
    codes = [u.code for u in UNITS[:units]]
    rows: list[Finding] = []
    for index, code in enumerate(codes):  # the n-th unit has n-1 problems
        for _ in range(index):
            rows.append(finding(f"1-{len(rows) + 1:02d}", 1, unit=code, row=3 + len(rows)))
    result = scored([inspection(1, *rows, units=tuple(codes))], 1, board_size=board_size)
    ranked = [s.unit_code for s in result.scores]
    assert ranked == codes  # best first
    assert [s.unit_code for s in result.red] == ranked[:size]
    assert [s.unit_code for s in result.black] == (list(reversed(ranked[-size:])) if size else [])
    assert len(result.red) == len(result.black) == size
    if size:
        assert result.black[0].unit_code == ranked[-1]  # the black board starts with the last
