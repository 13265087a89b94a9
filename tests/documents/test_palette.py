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

CONFIG = """
[campaign]
code = "test"
name = "测试工作"
region = "某区"
office = "某区办公室"
period = "2019-06"

[[units]]
code = "V1"
name = "某镇甲村村民委员会"
short = "甲村"
type = "村"

[[units]]
code = "V2"
name = "某镇乙村村民委员会"
short = "乙村"
type = "村"

[[units]]
code = "V3"
name = "某镇丙村村民委员会"
short = "丙村"
type = "村"

[[units]]
code = "V4"
name = "某镇丁村村民委员会"
short = "丁村"
type = "村"

[[units]]
code = "V5"
name = "某镇戊村村民委员会"
short = "戊村"
type = "村"

[[units]]
code = "B1"
name = "某镇环卫所"
short = "环卫所"
type = "部门"

[[sections]]
code = "做法'一"
title = "主要做法"

[[indicators]]
code = "绿化"
name = "新增绿化面积"
measure = "平方米"
report_by = ["村"]

[[indicators]]
code = "资金"
name = "投入资金"
measure = "元"
report_by = ["环卫所"]

[[indicators]]
code = "垃圾"
name = "清运垃圾"
measure = "吨"
decimals = 1
report_by = ["全部"]

[[indicators]]
code = "人均"
name = "人均绿化面积"
measure = "平方米/人"
aggregate = "比率"
numerator = "绿化"
denominator = "垃圾"
decimals = 1

[[indicators]]
code = "完成率"
name = "改厕完成率"
measure = "%"
aggregate = "平均值"
report_by = ["村"]
target = 90

[[indicators]]
code = "成员"
name = "领导小组成员单位"
measure = "个"
value = 12
"""


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return campaign_from(tomllib.loads(CONFIG), "inputs/配置.toml")


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
