"""Campaign records built in code rather than read from ``配置.toml`` (tests, tools).

Each field not given is what a configuration leaving its key out is read as: the default its
schema field declares (``config``), taken through the same builders as the reader's
(``reading``), so that no default is written a second time here.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from reporter.model import Aggregation, Campaign, Indicator, InspectionRules, Period, ProblemCategory, Section, Unit
from reporter.workspace.config import CampaignTable, ConfigFile, IndicatorTable, InspectionTable
from reporter.workspace.reading import campaign_of, indicator_of, rules_of


def campaign_with_defaults(code: str, name: str, region: str, office: str, period: Period,
                           units: tuple[Unit, ...] = (), indicators: tuple[Indicator, ...] = (),
                           sections: tuple[Section, ...] = (), **fields: Any) -> Campaign:
    """The campaign of a configuration giving these values (``fields``: other Campaign fields)
    and leaving every other key and optional table out."""
    built = campaign_of(ConfigFile.defaults(""), CampaignTable.defaults("campaign"),
                        list(units), list(indicators), list(sections))
    return replace(built, code=code, name=name, region=region, office=office, period=period, **fields)


def indicator_with_defaults(code: str, name: str, measure: str,
                            aggregation: Aggregation | None = None, **fields: Any) -> Indicator:
    """The indicator of an [[indicators]] entry giving these values (``aggregation`` when given;
    ``fields``: other Indicator fields) and leaving every other key out."""
    table = IndicatorTable.defaults("indicators")
    if aggregation is not None:
        table.values["aggregate"] = aggregation
    return replace(indicator_of(table, ()), code=code, name=name, measure=measure, **fields)


def rules_with_defaults(doc_prefix: str, categories: tuple[ProblemCategory, ...],
                        base_score: Decimal | None = None, **fields: Any) -> InspectionRules:
    """The rules of an [inspection] giving these values (``base_score`` when given; ``fields``:
    other InspectionRules fields) and leaving every other key out."""
    rules = replace(rules_of(InspectionTable.defaults("inspection")), doc_prefix=doc_prefix,
                    categories=categories, **fields)
    return rules if base_score is None else replace(rules, base_score=base_score)
