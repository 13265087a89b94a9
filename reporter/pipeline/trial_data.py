"""Stand-in submissions for units that have not reported (or whose workbook is not valid), so that
``reporter lint`` can render a template with a complete set of figures before every unit has
reported: each figure a round number allowed by its indicator, one work note per section.

The stand-ins are marked as such (their cells point at no real workbook) and are never written
anywhere: they only let a template be tried.
"""

from __future__ import annotations

from decimal import Decimal

from reporter.model import Campaign, CellRef, IndicatorValue, Submission, Unit, WorkNote

# A figure of everyday size, so that the usual formats (确数, 约数, 万 …) have something to work on.
TRIAL_VALUE = Decimal(120)
TRIAL_PLACE = "（试排用的虚拟数据）"


def trial_submission(campaign: Campaign, unit: Unit) -> Submission:
    """A complete stand-in submission for ``unit``."""
    cell = CellRef(TRIAL_PLACE, unit.short, "A1")
    values = tuple(IndicatorValue(unit.code, i.code, TRIAL_VALUE, cell) for i in campaign.indicators_for(unit))
    notes = tuple(WorkNote(unit.code, s.code, f"{unit.short}{s.title}工作举措（试排用）。", cell)
                  for s in campaign.sections)
    return Submission(unit.code, TRIAL_PLACE, "", "", None, values, notes)


def completed(campaign: Campaign, submissions: list[Submission]) -> tuple[list[Submission], list[Unit]]:
    """``submissions`` with a stand-in for every unit that has none, and the units stood in for."""
    have = {s.unit_code for s in submissions}
    missing = [u for u in campaign.units if u.code not in have]
    return list(submissions) + [trial_submission(campaign, u) for u in missing], missing
