"""Tests of reporter.figures.ranking: shared places (并列), the boards by place and by score, and
one ranking per unit type."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from reporter.figures.ranking import UnitScore, boards, rank, rankings
from tests.figures.sample_campaign import UNITS, campaign


def scores(*pairs: tuple[str, str]) -> list[UnitScore]:
    """(unit code, score) pairs, no open problems: ties are ordered by short name."""
    return [UnitScore(code, Decimal(score), 1, 0) for code, score in pairs]


def places(ranked: list[UnitScore]) -> list[tuple[str, int, bool]]:
    return [(s.unit_code, s.rank, s.tied) for s in ranked]


def rules(**changes):
    base = campaign()
    return dataclasses.replace(base, inspection=dataclasses.replace(base.rules, **changes))


def test_equal_scores_share_a_place_and_the_next_place_skips():
    """Two units at 100.00 are both 第1名; the next is 第3名, not 第2名."""
    ranked = rank(campaign(), scores(("JD02", "100"), ("JD01", "100.00"), ("JD03", "99"), ("JD04", "99"),
                                     ("BM01", "97")))
    assert places(ranked) == [("JD01", 1, True), ("JD02", 1, True),  # 东城 before 西城 by name
                              ("JD04", 3, True), ("JD03", 3, True),  # 北山 before 南湖
                              ("BM01", 5, False)]


def test_boards_by_place_take_a_shared_place_whole():
    """前3名 with 并列: the units sharing the third place all go on the 红榜."""
    campaign_ = campaign(board_size=3)
    ranked = rank(campaign_, scores(("JD01", "100"), ("JD02", "99"), ("JD03", "98"), ("JD04", "98"),
                                    ("BM01", "97"), ("BM02", "96"), ("BM03", "95"), ("BM04", "94")))
    red, black = boards(campaign_.rules, ranked)
    assert [s.unit_code for s in red] == ["JD01", "JD02", "JD04", "JD03"]
    assert [s.unit_code for s in black] == ["BM04", "BM03", "BM02"]


def test_a_shared_place_that_would_fill_more_than_half_stays_off_the_board():
    """Eight units, five of them at 98.00 just above the last (the example's second round has
    this shape): each board holds at most four units, so the 黑榜 takes the last unit and
    leaves the five at 98.00 out rather than cut their shared place."""
    campaign_ = campaign(board_size=3)
    ranked = rank(campaign_, scores(("JD01", "100"), ("JD02", "99"), ("JD03", "98"), ("JD04", "98"),
                                    ("BM01", "98"), ("BM02", "98"), ("BM03", "98"), ("BM04", "97")))
    assert [s.rank for s in ranked] == [1, 2, 3, 3, 3, 3, 3, 8]
    red, black = boards(campaign_.rules, ranked)
    assert [s.unit_code for s in red] == ["JD01", "JD02"]  # the 98.00 place would make six of eight
    assert [s.unit_code for s in black] == ["BM04"]


def test_a_unit_that_lost_no_points_is_never_on_the_black_board():
    campaign_ = campaign(board_size=3)
    ranked = rank(campaign_, scores(("JD01", "100"), ("JD02", "100"), ("JD03", "100"), ("JD04", "99"),
                                    ("BM01", "100"), ("BM02", "100")))
    red, black = boards(campaign_.rules, ranked)
    assert [s.unit_code for s in black] == ["JD04"]
    everyone = rank(campaign_, scores(("JD01", "100"), ("JD02", "100"), ("JD03", "100"), ("JD04", "100")))
    assert boards(campaign_.rules, everyone) == ([], [])  # one shared place of four: on neither board


@pytest.mark.parametrize("red_min, black_below, red, black", [
    ("99", "98", ["JD01", "JD02"], ["BM02"]),
    ("100", None, ["JD01"], ["BM02", "BM01", "JD04"]),  # 黑榜 by place: the last three
    (None, "96", ["JD01", "JD02", "JD03"], []),           # nobody below 96
    ("101", "100", [], ["BM02", "BM01", "JD04", "JD03", "JD02"]),  # everyone who lost points
])
def test_boards_by_score(red_min, black_below, red, black):
    campaign_ = rules(red_min_score=None if red_min is None else Decimal(red_min),
                      black_below_score=None if black_below is None else Decimal(black_below))
    ranked = rank(campaign_, scores(("JD01", "100"), ("JD02", "99"), ("JD03", "98.5"), ("JD04", "98"),
                                    ("BM01", "98"), ("BM02", "97")))
    got_red, got_black = boards(campaign_.rules, ranked)
    assert [s.unit_code for s in got_red] == red
    assert [s.unit_code for s in got_black] == black
    assert not {s.unit_code for s in got_red} & {s.unit_code for s in got_black}


def test_a_threshold_keeps_a_unit_at_98_off_the_black_board():
    """The case of issue 25: a unit at 98 of 100 is on the 黑榜 only when the rule puts it there."""
    campaign_ = rules(black_below_score=Decimal(95))
    ranked = rank(campaign_, scores(("JD01", "100"), ("JD02", "99"), ("JD03", "98")))
    assert boards(campaign_.rules, ranked)[1] == []


def test_one_ranking_per_unit_type():
    campaign_ = rules(rank_by_type=True, board_size=1)
    given = scores(("BM01", "100"), ("JD01", "99"), ("BM02", "98"), ("JD02", "97"), ("JD03", "99"))
    parts = rankings(campaign_, given)
    assert [p.group for p in parts] == ["街道", "部门"]  # the order the types first appear in the unit list
    streets, departments = parts
    assert places(list(streets.scores)) == [("JD01", 1, True), ("JD03", 1, True), ("JD02", 3, False)]
    assert places(list(departments.scores)) == [("BM01", 1, False), ("BM02", 2, False)]
    assert all(s.group == "街道" for s in streets.scores)
    # each type has its own boards: the shared first place of the streets would be two of three
    assert [s.unit_code for s in streets.red] == [] and [s.unit_code for s in streets.black] == ["JD02"]
    assert [s.unit_code for s in departments.red] == ["BM01"]
    assert [s.unit_code for s in departments.black] == ["BM02"]
    assert [t for t in streets.ties] == [(streets.scores[0], streets.scores[1])]


def test_one_ranking_for_all_units_by_default():
    parts = rankings(campaign(), scores(("BM01", "100"), ("JD01", "99")))
    assert [p.group for p in parts] == [""]
    assert [s.unit_code for s in parts[0].scores] == ["BM01", "JD01"]
    assert {u.kind for u in UNITS} == {"街道", "部门"}
