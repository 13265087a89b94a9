"""Every default is declared once, by its schema field: the campaign read from a configuration
that leaves a key (or its whole table) out holds that field's declared default, the records of
the model have no defaults of their own, and records built in code take the same ones."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from reporter.model import Aggregation, Campaign, Indicator, InspectionRules, ProblemCategory
from reporter.pipeline.output import render_limits
from reporter.workspace import open_workspace
from reporter.workspace.config import (
    BookletTable,
    CampaignTable,
    ConfigFile,
    IndicatorTable,
    InspectionTable,
    IntakeTable,
    LayoutTable,
    LimitsTable,
    TasksTable,
)
from reporter.workspace.defaults import campaign_with_defaults, indicator_with_defaults, rules_with_defaults
from reporter.workspace.reading import campaign_from
from reporter.workspace.schema import Report, Sub, Table

MINIMAL: dict[str, Any] = {
    "campaign": {"code": "c", "name": "活动", "region": "某区", "office": "某办", "period": "2018-11"},
    "units": [{"code": "JD01", "name": "某某街道办事处", "short": "某某街道", "type": "街道"}],
    "sections": [{"code": "主要做法", "title": "主要做法"}],
    "indicators": [{"code": "活动", "name": "开展活动", "report_by": ["全部"]},
                   {"code": "占比", "name": "占比", "aggregate": "比率", "numerator": "活动", "denominator": "活动"}],
}
INSPECTION = {"doc_prefix": "某办发", "report_to": "某办", "categories": [{"name": "暴露垃圾", "deduction": 2}]}

# Each Campaign field that a key of an optional table (or an optional key of [campaign]) gives.
CAMPAIGN_KEYS = [
    ("title", CampaignTable, "title"), ("author", CampaignTable, "author"),
    ("report_date", CampaignTable, "report_date"), ("sample", CampaignTable, "sample"),
    ("unit_kinds", CampaignTable, "unit_types"), ("start", CampaignTable, "start"),
    ("task_categories", TasksTable, "categories"), ("task_title", TasksTable, "title"),
    ("all_streets", TasksTable, "all_streets"), ("all_departments", TasksTable, "all_departments"),
    ("booklet_order", BookletTable, "order"), ("booklet_per_part", BookletTable, "numbering"),
    ("terms", LayoutTable, "terms"),
    ("render_memory_mb", LimitsTable, "render_memory_mb"), ("render_seconds", LimitsTable, "render_seconds"),
    ("pdf_idle_seconds", LimitsTable, "pdf_idle_seconds"),
    ("intake_versions_per_hour", IntakeTable, "versions_per_hour"), ("intake_period_mb", IntakeTable, "period_mb"),
    ("intake_keep_originals", IntakeTable, "keep_originals"),
    ("intake_original_max_mb", IntakeTable, "original_max_mb"),
]
# Each InspectionRules field an optional key of [inspection] gives (the field's name but board
# names, which the rules hold as a pair).
RULES_KEYS = [key for key, field in InspectionTable.fields.items()
              if not field.required and key != "categories"]
INDICATOR_KEYS = [("aggregation", "aggregate"), ("decimals", "decimals"), ("target", "target"),
                  ("hint", "hint"), ("office_value", "value"), ("running_latest", "running")]


def settings_tables() -> dict[str, type[Table]]:
    """The optional tables of settings the Campaign holds field by field ([inspection] aside)."""
    return {name: field.table for name, field in ConfigFile.fields.items()
            if isinstance(field, Sub) and not field.required and name != "inspection"}


def minimal(**tables: Any) -> Campaign:
    return campaign_from({**MINIMAL, **tables}, "inputs/配置.toml")


@pytest.mark.parametrize(("attribute", "table", "key"), CAMPAIGN_KEYS, ids=[a for a, _, _ in CAMPAIGN_KEYS])
def test_a_key_left_out_is_its_declared_default(attribute: str, table: type[Table], key: str):
    assert getattr(minimal(), attribute) == table.fields[key].default


def test_every_optional_table_and_key_of_the_campaign_is_covered():
    covered = {(table, key) for _, table, key in CAMPAIGN_KEYS}
    assert len(settings_tables()) == 5
    for table in settings_tables().values():
        assert {(table, key) for key in table.fields} <= covered, table.__name__
    assert {(CampaignTable, key) for key, f in CampaignTable.fields.items()
            if not f.required and key not in ("deadline", "deadlines")} <= covered


def test_the_defaults_are_meaningful_where_documented():
    campaign = minimal()
    assert campaign.booklet_order == BookletTable.order.default != ()
    assert campaign.all_streets and campaign.all_departments and campaign.terms and campaign.unit_kinds
    assert campaign.render_memory_mb > 0 and campaign.render_seconds > 0 and campaign.pdf_idle_seconds > 0


def test_a_table_given_empty_is_its_defaults_too():
    assert minimal(limits={}, intake={}, layout={}) == minimal()


@pytest.mark.parametrize("key", RULES_KEYS)
def test_an_inspection_key_left_out_is_its_declared_default(key: str):
    rules = minimal(inspection=INSPECTION).rules
    expected = InspectionTable.fields[key].default
    assert getattr(rules, key) == (tuple(expected) if key == "board_names" else expected)


def test_the_rules_keep_the_declared_notice_number_pattern():
    rules = minimal(inspection=INSPECTION).rules
    assert rules.notice_number == InspectionTable.notice_number.default
    assert "{序号}" in rules.notice_number


@pytest.mark.parametrize(("attribute", "key"), INDICATOR_KEYS)
def test_an_indicator_key_left_out_is_its_declared_default(attribute: str, key: str):
    assert getattr(minimal().indicator("活动"), attribute) == IndicatorTable.fields[key].default


def test_a_ratio_without_decimals_keeps_two():
    assert minimal().indicator("占比").decimals == 2 != IndicatorTable.decimals.default


@pytest.mark.parametrize("record", [Campaign, InspectionRules, Indicator])
def test_the_model_declares_no_defaults_of_its_own(record: type):
    with_defaults = [f.name for f in dataclasses.fields(record)
                     if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING]
    assert with_defaults == []


def test_a_table_left_out_reads_as_a_table_with_no_keys():
    tables = settings_tables()
    assert len(tables) >= 4, tables
    for name, table in tables.items():
        left_out = table.defaults(name)
        report = Report("inputs/配置.toml")
        read = table.read({}, name, report)
        optional = [key for key, field in table.fields.items() if not field.required]
        assert optional and all(left_out.values[key] == read.values[key] for key in optional)
        assert left_out.given == frozenset()


def test_records_built_in_code_have_the_read_defaults():
    read = minimal()
    built = campaign_with_defaults(read.code, read.name, read.region, read.office, read.period,
                                   read.units, read.indicators, read.sections)
    assert built == read


def test_indicators_and_rules_built_in_code_have_the_read_defaults():
    read = minimal(inspection=INSPECTION)
    assert indicator_with_defaults("活动", "开展活动", "", reporters=("JD01",)) == read.indicator("活动")
    ratio = indicator_with_defaults("占比", "占比", "", Aggregation.RATIO, numerator="活动", denominator="活动")
    assert ratio == read.indicator("占比")
    built = rules_with_defaults("某办发", read.rules.categories, report_to="某办")
    assert built == read.rules
    assert built.categories == (ProblemCategory("暴露垃圾", read.rules.categories[0].deduction),)


def test_render_limits_are_the_configured_ones(example_ws):
    ws = open_workspace(example_ws)
    limits = render_limits(ws)
    assert (limits.memory_mb, limits.seconds) == (ws.campaign.render_memory_mb, ws.campaign.render_seconds)
