"""What the palette lists for a configuration: the formats that suit each indicator's measure,
aggregation and decimals, the unit types present, the sections' codes as template strings."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from reporter.documents.palette import palette_content
from reporter.model import Campaign
from reporter.pipeline.palette import trial_context
from reporter.workspace.reading import campaign_from
from tests.documents.villages import VILLAGES_CONFIG



@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return campaign_from(tomllib.loads(VILLAGES_CONFIG), "inputs/配置.toml")


@pytest.fixture(scope="module")
def tags(campaign: Campaign) -> dict[str, list[str]]:
    """Each group's tags (a loop's paragraphs joined by line breaks), by heading without its number."""
    figures = {code: view.figure for code, view in trial_context(campaign)["指标"].items()}
    content = palette_content(campaign, figures, Decimal(120))
    return {group.heading.split("、", 1)[1]: ["\n".join(tag) for tag in group.tags] for group in content.groups}


def test_formats_suit_measure_aggregation_and_decimals(tags: dict[str, list[str]]):
    figures = [t for t in tags["指标"] if "|" in t]
    assert figures == [
        "{{ 指标.绿化 | 确数 }}", "{{ 指标.绿化 | 约数 }}", "{{ 指标.绿化 | 万 }}",  # 5 × 120 平方米
        "{{ 指标.资金 | 确数 }}", "{{ 指标.资金 | 约数 }}",  # one unit's 120 元: too small for 万
        "{{ 指标.垃圾 | 确数 }}", "{{ 指标.垃圾 | 约数 }}",  # decimals: no 万
        "{{ 指标.人均 | 确数 }}",  # a ratio that is no percentage
        "{{ 指标.完成率 | 确数 }}", "{{ 指标.完成率 | 百分比 }}",
        "{{ 指标.完成率.目标 | 确数 }}", "{{ 指标.完成率 | 对照目标 }}",
        "{{ 指标.成员 | 确数 }}", "{{ 指标.成员 | 约数 }}",
    ]


def test_comparisons_only_for_what_units_report(tags: dict[str, list[str]]):
    compared = [t for t in tags["累计、上期与环比"] if "环比" in t or "比上期" in t]
    assert compared == ["{{ 指标.绿化 | 环比 }}", "{{ 指标.绿化 | 比上期 }}", "{{ 指标.资金 | 环比 }}",
                        "{{ 指标.垃圾 | 环比 }}", "{{ 指标.人均 | 环比 }}",
                        "{{ 指标.完成率 | 比上期 }}"]  # a percentage: in percentage points


def test_the_months_are_named_first(tags: dict[str, list[str]]):
    assert tags["累计、上期与环比"][:3] == ["{{ 上期.报送期 }}", "{{ 同期.报送期 }}", "{{ 累计.起始期 }}"]


def test_units_by_the_types_present(tags: dict[str, list[str]]):
    units = tags["单位：数量与名单"]
    assert "{{ 单位.村.数量 }}" in units and "{{ 单位.部门.数量 }}" in units
    assert not any("单位.街道" in t for t in units)
    assert "{{ 单位.村.其中('绿化', '>=', 100).列举(2) }}" in units


def test_a_section_code_is_written_as_a_template_string(tags: dict[str, list[str]]):
    assert "{%p for 段 in 举措('做法\\'一', 1) %}\n{{ 段.全文 }}\n{%p endfor %}" in tags["工作举措"]
