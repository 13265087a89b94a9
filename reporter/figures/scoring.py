"""Inspection rounds put together: problem histories, scores, rankings and boards.

A unit's score in a round is the base score less the deductions of the problems found in
that round, repeats (a problem found fixed earlier and open again) counted once more.
Places and boards are ``ranking``'s: equal scores share a place (并列).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from decimal import ROUND_HALF_UP, Decimal

from reporter.errors import Problem
from reporter.figures.ranking import Ranking, UnitScore, rank, rankings
from reporter.model import Campaign, Finding, InspectionRound

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ProblemRecord:
    """One problem across rounds: the finding that raised it and every re-check after."""

    first: Finding
    history: tuple[Finding, ...]

    @property
    def latest(self) -> Finding:
        return self.history[-1]

    @property
    def fixed(self) -> bool:
        return self.latest.state == "已整改"

    def repeated_in(self, round_number: int) -> bool:
        """Found fixed before and open again at a re-check in ``round_number``."""
        states = [f for f in self.history if f.round <= round_number]
        for before, after in zip(states, states[1:]):
            if after.round == round_number and before.state == "已整改" and after.state != "已整改":
                return True
        return False


@dataclass(frozen=True)
class RoundResult:
    """Everything a notice says about one round."""

    round: InspectionRound
    problems: list[ProblemRecord]
    new: list[ProblemRecord]
    rechecked: list[ProblemRecord]
    overdue: list[ProblemRecord]
    repeats: list[ProblemRecord]
    scores: list[UnitScore]  # every ranking's, one after the other
    red: list[UnitScore]
    black: list[UnitScore]
    rankings: tuple[Ranking, ...] = ()

    @property
    def fixed_new(self) -> int:
        return sum(1 for p in self.new if p.fixed)

    @property
    def has_ties(self) -> bool:
        return any(s.tied for s in self.scores)

    @cached_property
    def open_by_unit(self) -> dict[str, list[ProblemRecord]]:
        """Each unit's open problems, in the order they were found."""
        grouped: dict[str, list[ProblemRecord]] = {}
        for record in sorted((r for r in self.problems if not r.fixed), key=lambda r: r.first.order):
            grouped.setdefault(record.first.unit_code, []).append(record)
        return grouped

    @cached_property
    def overdue_numbers(self) -> frozenset[str]:
        """The numbers of the overdue problems."""
        return frozenset(r.first.number for r in self.overdue)


def link_rounds(rounds: list[InspectionRound]) -> tuple[dict[str, ProblemRecord], list[Problem]]:
    """Every problem's history across rounds; re-checks of numbers that were never raised
    are problems, addressed to their cells."""
    records: dict[str, ProblemRecord] = {}
    problems: list[Problem] = []
    for round_ in sorted(rounds, key=lambda r: r.number):
        for finding in round_.findings:
            origin = int(finding.number.split("-")[0])
            if origin == round_.number:
                records[finding.number] = ProblemRecord(finding, (finding,))
                continue
            record = records.get(finding.number)
            if record is None:
                ref = finding.source
                problems.append(Problem(ref.path, f"复查的问题编号 {finding.number} 在第{origin}轮中不存在，请核对编号",
                                        sheet=ref.sheet, cell=ref.cell))
                continue
            if finding.unit_code and finding.unit_code != record.first.unit_code:
                ref = finding.unit_source or finding.source
                problems.append(Problem(ref.path, f"问题 {finding.number} 原属其他单位，复查时单位应与原记录一致",
                                        sheet=ref.sheet, cell=ref.cell))
                continue
            merged = replace(finding, unit_code=record.first.unit_code, place=finding.place or record.first.place,
                             category=finding.category or record.first.category,
                             description=finding.description or record.first.description,
                             deadline=finding.deadline or record.first.deadline)
            records[finding.number] = ProblemRecord(record.first, record.history + (merged,))
    return records, problems


def score_round(campaign: Campaign, rounds: list[InspectionRound], number: int,
                records: dict[str, ProblemRecord]) -> RoundResult:
    """The result of round ``number``, with every problem's state as of that round."""
    rules = campaign.rules
    current = next(r for r in rounds if r.number == number)
    as_of = {code: ProblemRecord(rec.first, tuple(f for f in rec.history if f.round <= number))
             for code, rec in records.items() if rec.first.round <= number}
    new = [r for r in as_of.values() if r.first.round == number]
    rechecked = [r for r in as_of.values() if r.first.round < number and r.latest.round == number]
    overdue = [r for r in as_of.values()
               if not r.fixed and r.latest.deadline and r.latest.deadline < current.end]
    repeats = [r for r in as_of.values() if r.repeated_in(number)]
    deductions = {c.name: c.deduction for c in rules.categories}
    index = {u.code: i for i, u in enumerate(campaign.units)}
    inspected = sorted(set(current.units) | {r.first.unit_code for r in new + rechecked}, key=index.__getitem__)
    counted: dict[str, list[ProblemRecord]] = {}  # each unit's problems found and repeated this round
    for record in new + repeats:
        counted.setdefault(record.first.unit_code, []).append(record)
    open_counts = Counter(r.first.unit_code for r in as_of.values() if not r.fixed)
    scores = []
    for code in inspected:
        own = counted.get(code, [])
        lost = sum((deductions[r.first.category] for r in own), Decimal(0))
        score = (rules.base_score - lost).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        scores.append(UnitScore(code, score, len(own), open_counts[code]))
    parts = rankings(campaign, scores)
    ranked = [s for part in parts for s in part.scores]
    red = [s for part in parts for s in part.red]
    black = [s for part in parts for s in part.black]
    return RoundResult(current, list(as_of.values()), new, rechecked, overdue, repeats, ranked, red, black,
                       tuple(parts))


__all__ = ["ProblemRecord", "RoundResult", "Ranking", "UnitScore", "link_rounds", "rank", "score_round"]
