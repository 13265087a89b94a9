"""Rankings and boards of an inspection round, as offices write them.

Equal scores share a place (并列): two units at 100.00 are both 第1名 and the next is 第3名.
Within a shared place the unit with fewer open problems is listed first, then by short name.
The 红榜 and 黑榜 follow the configured rule: by place (the first and the last ``board_size``
places, a shared place whole or not at all, each board at most half of the units ranked) or by
score (红榜 from ``red_min_score`` up, 黑榜 below ``black_below_score``). A unit that lost no
points is never on the 黑榜, and no unit is on both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import groupby

from reporter.model import Campaign, InspectionRules


@dataclass(frozen=True)
class UnitScore:
    """A unit's result in a round: its score, problems, place (shared places are equal and
    marked ``tied``) and the ranking it belongs to (a unit type, or "" for one ranking)."""

    unit_code: str
    score: Decimal
    found: int  # problems found in the round, repeats included
    open: int
    rank: int = 0
    tied: bool = False
    group: str = ""


@dataclass(frozen=True)
class Ranking:
    """One ranking of a round (all units, or the units of one type) and its two boards:
    ``red`` best first, ``black`` worst first."""

    group: str
    scores: tuple[UnitScore, ...]
    red: tuple[UnitScore, ...]
    black: tuple[UnitScore, ...]

    @property
    def ties(self) -> list[tuple[UnitScore, ...]]:
        """The groups of units sharing a place, in ranking order."""
        shared = [tuple(same) for _, same in groupby(self.scores, key=lambda s: s.rank)]
        return [group for group in shared if len(group) > 1]


def rank(campaign: Campaign, scores: list[UnitScore]) -> list[UnitScore]:
    """Scores ordered best first (higher score, then fewer open problems, then short name),
    each with its place: one more than the number of units scoring higher, so equal scores
    share a place and are marked ``tied``."""
    short = {u.code: u.short for u in campaign.units}
    ordered = sorted(scores, key=lambda s: (-s.score, s.open, short[s.unit_code]))
    ranked: list[UnitScore] = []
    for score, same in groupby(ordered, key=lambda s: s.score):
        members = list(same)
        place = len(ranked) + 1
        ranked += [replace(s, rank=place, tied=len(members) > 1) for s in members]
    return ranked


def _by_place(ordered: list[UnitScore], size: int, limit: int) -> list[UnitScore]:
    """The units in the first ``size`` places of ``ordered`` (places counted from its start,
    shared places whole), as long as the board stays within ``limit`` units."""
    board: list[UnitScore] = []
    for _, same in groupby(ordered, key=lambda s: s.score):
        members = list(same)
        if len(board) >= size or len(board) + len(members) > limit:
            break
        board += members
    return board


def boards(rules: InspectionRules, ranked: list[UnitScore]) -> tuple[list[UnitScore], list[UnitScore]]:
    """The 红榜 (best first) and the 黑榜 (worst first) of one ranking, by the configured rule."""
    half = len(ranked) // 2
    if rules.red_min_score is not None:
        red = [s for s in ranked if s.score >= rules.red_min_score]
    else:
        red = _by_place(ranked, rules.board_size, half)
    on_red = {s.unit_code for s in red}
    # Only units that lost points can be criticised, and never one that is praised.
    candidates = [s for s in reversed(ranked) if s.unit_code not in on_red and s.score < rules.base_score]
    if rules.black_below_score is not None:
        black = [s for s in candidates if s.score < rules.black_below_score]
    else:
        worst = [s for s in reversed(ranked)]
        black = [s for s in _by_place(worst, rules.board_size, half) if s in candidates]
    return red, black


def rankings(campaign: Campaign, scores: list[UnitScore]) -> list[Ranking]:
    """The round's rankings: one of all units, or with ``rank_by_type`` one per unit type in
    the order the types first appear in the unit list; each with its boards."""
    rules = campaign.rules
    if not rules.rank_by_type:
        parts = {"": scores}
    else:
        kinds = list(dict.fromkeys(u.kind for u in campaign.units))
        kind_of = {u.code: u.kind for u in campaign.units}
        parts = {kind: [replace(s, group=kind) for s in scores if kind_of[s.unit_code] == kind] for kind in kinds}
    result = []
    for group, members in parts.items():
        if not members:
            continue
        ranked = rank(campaign, members)
        red, black = boards(rules, ranked)
        result.append(Ranking(group, tuple(ranked), tuple(red), tuple(black)))
    return result
