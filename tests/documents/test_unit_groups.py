"""Groups of units chosen by their own figures (``.其中``): a unit that has not reported the
figure is left out and named in a draft, refused outside one; a unit whose figure has no value
for another reason (a ratio over 0) simply does not meet the condition."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporter.cnfmt import FormatError
from reporter.documents.units import UnitGroup, UnitView
from reporter.figures.traced import ShownFigures
from reporter.model import Aggregation, Figure, Unit
from reporter.workspace.defaults import indicator_with_defaults

RATE = indicator_with_defaults("占比", "占比", "%", Aggregation.RATIO, decimals=1)
UNITS = {"甲街道": Decimal(20), "乙街道": Decimal(5), "丙街道": None, "丁街道": "0"}


def group(draft: bool) -> UnitGroup:
    def figures(unit: Unit) -> dict[str, Figure]:
        value = UNITS[unit.short]
        if value is None:  # not reported
            return {"占比": Figure(RATE, None, missing=(unit.code,))}
        if value == "0":  # reported, over a denominator of 0
            return {"占比": Figure(RATE, None)}
        return {"占比": Figure(RATE, value)}

    recorder = ShownFigures(draft)
    members = [UnitView(Unit(f"U{i}", name, name, "街道"), figures, recorder) for i, name in enumerate(UNITS)]
    return UnitGroup(members, ("街道",), frozenset({"占比"}), draft=draft)


def test_a_draft_names_whom_a_choice_leaves_out():
    chosen = group(draft=True)["街道"].其中("占比", ">", 10)
    assert (chosen.名单, chosen.数量, chosen.个数) == ("甲街道〔另有1个单位未报〕", "1个街道〔另有1个单位未报〕", 1)
    again = chosen.其中("占比", ">", 30)  # still unknown for 丙街道: said once
    assert again.数量 == "0个街道〔另有1个单位未报〕"
    assert group(draft=True).其中("占比", "未报").名单 == "丙街道、丁街道"


def test_outside_a_draft_the_choice_is_refused():
    with pytest.raises(FormatError, match="丙街道未报送指标“占比”"):
        group(draft=False).其中("占比", ">", 10)


def test_a_value_missing_for_another_reason_meets_no_condition():
    assert group(draft=True).其中("占比", "<", 10).名单 == "乙街道〔另有1个单位未报〕"
