"""Unit types declared in the configuration, and the keys of a ratio indicator."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.workspace import CONFIG_NAME, read_campaign
from reporter.workspace.config import CampaignTable
from tests.workspace.configs import (
    PREFIX,
    config_path,
    problems_of,
    replace_in_config,
)

VILLAGE = '''
[[units]]
code = "C01"
name = "古塔区东北村村民委员会"
short = "东北村"
type = "村"
'''


def add_village(ws: Path, kind: str = "村", short: str = "东北村") -> None:
    text = config_path(ws).read_text(encoding="utf-8")
    village = VILLAGE.replace('type = "村"', f'type = "{kind}"').replace('short = "东北村"', f'short = "{short}"')
    config_path(ws).write_text(text.replace("\n[[units]]", village + "\n[[units]]", 1), encoding="utf-8")


def test_the_usual_types_need_no_declaration_and_name_units_in_report_by(example_ws: Path):
    add_village(example_ws)
    replace_in_config(example_ws, 'code = "毒饵盒"\nname = "投放安装毒饵盒"\nmeasure = "个"\nreport_by = ["区卫健局", "街道"]',
                      'code = "毒饵盒"\nname = "投放安装毒饵盒"\nmeasure = "个"\nreport_by = ["村"]')
    campaign = read_campaign(config_path(example_ws), CONFIG_NAME)
    assert campaign.unit_kinds == CampaignTable.unit_types.default
    assert campaign.unit("C01").kind == "村"
    assert campaign.indicator("毒饵盒").reporters == ("C01",)


def test_declared_types_are_the_only_ones(example_ws: Path):
    replace_in_config(example_ws, "sample = true", 'sample = true\nunit_types = ["街道", "社区"]')
    problems = problems_of(example_ws)
    assert problems[0] == (PREFIX + "units[10].type: “部门” 不是有效的单位类型，应为 街道、社区 之一"
                           "（其他类型请先在 [campaign] 的 unit_types 中声明，如 unit_types = [\"镇\", \"村\"]）")


def test_a_declared_type_may_be_any_word(example_ws: Path):
    replace_in_config(example_ws, "sample = true", 'sample = true\nunit_types = ["街道", "部门", "园区"]')
    add_village(example_ws, "园区", "高新园区")
    campaign = read_campaign(config_path(example_ws), CONFIG_NAME)
    assert campaign.unit_kinds == ("街道", "部门", "园区") and campaign.unit("C01").kind == "园区"


@pytest.mark.parametrize(("declaration", "problem"), [
    ('unit_types = ["街道", "部门", "全部"]', "campaign.unit_types[2]: “全部” 表示全部单位，不能用作单位类型"),
    ('unit_types = ["街道", "部门", "街道"]', "campaign.unit_types: 单位类型有重复"),
    ("unit_types = []", "campaign.unit_types: “[]” 应为单位类型列表，如 [\"镇\", \"村\"]"),
])
def test_wrong_declarations_are_named_by_their_key(example_ws: Path, declaration: str, problem: str):
    replace_in_config(example_ws, "sample = true", f"sample = true\n{declaration}")
    assert PREFIX + problem in problems_of(example_ws)


def test_a_short_name_may_not_be_a_type(example_ws: Path):
    add_village(example_ws, short="村")
    assert problems_of(example_ws)[0] == PREFIX + "units[1].short: “村” 是单位类型的名称，简称请写具体单位（如 东北村）"


def test_ratio_keys_are_checked_once_each_with_what_to_write(example_ws: Path):
    replace_in_config(example_ws, 'numerator = "健康教育专栏"\n', "")
    replace_in_config(example_ws, 'code = "电厂改造"', 'code = "电厂改造"\ndenominator = "常住人口"')
    replace_in_config(example_ws, 'aggregate = "比率"\nnumerator = "注册志愿者"',
                      'aggregate = "比率"\nreport_by = ["街道"]\nnumerator = "注册志愿者"')
    problems = problems_of(example_ws)
    assert [p for p in problems if "None" in p] == []
    assert problems[:3] == [PREFIX + line for line in [
        ("indicators[29].numerator: 比率指标缺少此项，请填写分子的指标代码，如 numerator = \"注册志愿者\"、"
         "denominator = \"常住人口\""),
        ("indicators[30].denominator: 只有比率指标（aggregate = \"比率\"）才写 denominator（分母），"
         "请删去此项或把 aggregate 改为 \"比率\""),
        "indicators[50].report_by: 比率由 numerator（分子）、denominator（分母）两个指标算出，不由单位填报，请删去此项",
    ]]


def test_a_ratio_is_written_with_two_decimals_unless_told():
    from tests.conftest import ROOT

    campaign = read_campaign(ROOT / "inputs" / CONFIG_NAME, CONFIG_NAME)
    assert campaign.indicator("志愿者占比").decimals == 2
