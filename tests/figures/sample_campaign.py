"""A small campaign for the scoring and ranking tests: four streets and four departments
(short names sorting in a known order), three problem categories, and its inspection rules."""

from __future__ import annotations

from decimal import Decimal

from reporter.model import Campaign, Period, ProblemCategory, Unit
from reporter.workspace.defaults import campaign_with_defaults, rules_with_defaults

# Short names sort by code point: 东城街道 < 北山街道 < 区… < 南湖街道 < 西城街道
# (东 U+4E1C, 北 U+5317, 区 U+533A, 南 U+5357, 西 U+897F).
UNITS = (
    Unit("JD01", "古塔区东城街道办事处", "东城街道", "街道"),
    Unit("JD02", "古塔区西城街道办事处", "西城街道", "街道"),
    Unit("JD03", "古塔区南湖街道办事处", "南湖街道", "街道"),
    Unit("JD04", "古塔区北山街道办事处", "北山街道", "街道"),
    Unit("BM01", "古塔区城市管理局", "区城管局", "部门"),
    Unit("BM02", "古塔区住房和城乡建设局", "区住建局", "部门"),
    Unit("BM03", "古塔区卫生健康局", "区卫健局", "部门"),
    Unit("BM04", "古塔区市场监督管理局", "区市场监管局", "部门"),
)
CATEGORIES = (ProblemCategory("暴露垃圾", Decimal(2)), ProblemCategory("占道经营", Decimal("1.5")),
              ProblemCategory("乱贴乱画", Decimal("0.125")))


def campaign(board_size: int = 3, base: str = "100") -> Campaign:
    """The campaign of UNITS with a red and a black board of ``board_size`` and ``base`` points."""
    rules = rules_with_defaults("古创办发", CATEGORIES, Decimal(base), board_size=board_size)
    return campaign_with_defaults("c", "三城联创", "古塔区", "古塔区联创办", Period(2018, 11), UNITS, inspection=rules)
