"""The workspace configuration: loading the example and reporting every bad key with its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.errors import InputError, UsageError
from reporter.model import Aggregation
from reporter.workspace import CONFIG_NAME, load_campaign, open_workspace, safe_file_stem
from tests.workspace.configs import replace_in_config


def test_example_configuration_loads(example_ws: Path):
    campaign = load_campaign(open_workspace(example_ws))
    assert campaign.period.label == "2018年11月"
    assert campaign.sample is True
    kinds = [u.kind for u in campaign.units]
    assert kinds.count("街道") == 9 and kinds.count("部门") == 10
    ratio = campaign.indicator("志愿者占比")
    assert ratio.aggregation is Aggregation.RATIO and ratio.numerator == "注册志愿者"
    streets = {u.code for u in campaign.units if u.kind == "街道"}
    assert set(campaign.indicator("社区出动人员").reporters) == streets


def test_missing_workspace_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="不是 reporter 工作目录"):
        open_workspace(tmp_path)


def write_config(ws: Path, text: str) -> None:
    (ws / "inputs" / CONFIG_NAME).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("old, new, where, words", [
    ('type = "街道"', 'type = "乡镇"', "units[1].type", "乡镇"),
    ('short = "西城街道"', 'short = "东城街道"', "units[2].short", "重复"),
    ('short = "南湖街道"', 'short = "../南湖"', "units[3].short", "文件名"),
    ('period = "2018-11"', 'period = "2018年11月"', "campaign.period", "2018年11月"),
    ('aggregate = "比率"', 'aggregate = "相加"', "indicators[29].aggregate", "相加"),
    ('numerator = "注册志愿者"', 'numerator = "志愿者"', "indicators[50].numerator", "志愿者"),
    ('report_by = ["部门"]', 'report_by = ["区环保局"]', "indicators[1].report_by", "区环保局"),
    ('code = "调度督查"', 'code = "1调度"', "indicators[1].code", "模板变量名"),
    ('decimals = 2', 'decimals = "两位"', "indicators[26].decimals", "两位"),
    ("report_date = 2018-11-26", 'report_date = "11月26日"', "campaign.report_date", "11月26日"),
])
def test_bad_values_name_key_path_and_value(example_ws: Path, old, new, where, words):
    replace_in_config(example_ws, old, new)
    with pytest.raises(InputError) as caught:
        load_campaign(open_workspace(example_ws))
    lines = caught.value.lines()
    assert any(line.startswith(f"inputs/{CONFIG_NAME}: {where}: ") and words in line for line in lines), lines


def test_every_problem_is_reported_at_once(example_ws: Path):
    replace_in_config(example_ws, 'type = "街道"', 'type = "乡镇"')
    replace_in_config(example_ws, 'period = "2018-11"', 'period = "11月"')
    with pytest.raises(InputError) as caught:
        load_campaign(open_workspace(example_ws))
    assert len(caught.value.problems) == 2


def test_syntax_error_is_explained(example_ws: Path):
    write_config(example_ws, "[campaign]\nname = 三城联创\n")
    with pytest.raises(InputError, match="格式错误"):
        load_campaign(open_workspace(example_ws))


@pytest.mark.parametrize("name", ["../x", "/x", "a/b", "a\\b", "．．／x", "x\x00", "CON", "nul.txt",
                                  "名称.", "名称 ", "长" * 100, ""])
def test_unsafe_file_names_are_refused(name):
    assert safe_file_stem(name) is not None


@pytest.mark.parametrize("name", ["东城街道", "区城管局", "古塔生态环境分局", "A-1 单位"])
def test_ordinary_names_are_accepted(name):
    assert safe_file_stem(name) is None


@pytest.mark.parametrize("old, new, where, words", [
    ('numerator = "注册志愿者"', 'numerator = "专栏投放率"', "indicators[50].numerator", "本身是比率"),
    ('categories = ["文明城", "卫生城", "食安城"]', 'categories = ["文明城", "卫生/城", "食安城"]',
     "tasks.categories[2]", "不能含"),
    ("[inspection]\n", '[inspection]\ncategories = ["脏乱差"]\n', "inspection.categories[1]",
     "应写成 [[inspection.categories]] 表"),
])
def test_more_configuration_mistakes(example_ws: Path, old, new, where, words):
    replace_in_config(example_ws, old, new)
    if "脏乱差" in new:  # the inline list replaces the [[inspection.categories]] tables
        replace_all = (example_ws / "inputs" / CONFIG_NAME).read_text(encoding="utf-8")
        (example_ws / "inputs" / CONFIG_NAME).write_text(
            replace_all.replace("[[inspection.categories]]", "[[other]]"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_campaign(open_workspace(example_ws))
    assert any(line.startswith(f"inputs/{CONFIG_NAME}: {where}: ") and words in line
               for line in caught.value.lines()), caught.value.lines()
