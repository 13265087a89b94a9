"""The declared configuration: unknown keys refused at every level, every problem reported at once,
the example and starter configurations read into the same Campaign as ever."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from click.testing import CliRunner

from reporter.cli import cli
from reporter.errors import InputError
from reporter.model import Aggregation, Period
from reporter.workspace import CONFIG_NAME, load_campaign, open_workspace, read_campaign
from reporter.workspace.skeleton import config_text
from tests.conftest import ROOT
from tests.workspace.configs import PREFIX, config_path, problems_of, replace_in_config


# ── the example and the starter configuration ─────────────────────────────────────────────

def test_example_reads_into_the_expected_campaign():
    campaign = read_campaign(ROOT / "inputs" / CONFIG_NAME, CONFIG_NAME)
    assert (campaign.code, campaign.name, campaign.region, campaign.office) == (
        "gutaqu-sanchenglianchuang", "三城联创", "古塔区", "古塔区联创办")
    assert campaign.period == Period(2018, 11)
    assert (campaign.title, campaign.author) == ("古塔区“三城联创”工作情况汇报", "王晓峰")
    assert (campaign.report_date, campaign.deadline) == (dt.date(2018, 11, 26), dt.date(2018, 11, 20))
    assert (len(campaign.units), len(campaign.sections), len(campaign.indicators)) == (19, 5, 51)
    assert campaign.units[0].contact == "赵丽 0416-2110001" and campaign.units[-1].short == "区商务局"
    assert [s.code for s in campaign.sections] == ["党建", "文明城", "卫生城", "食安城", "志愿者"]
    assert campaign.task_categories == ("文明城", "卫生城", "食安城")
    assert campaign.task_title == "古塔区“三城联创”标准与责任分解表"
    assert campaign.booklet_order == ("工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知")
    streets = tuple(f"JD0{i}" for i in range(1, 10))
    assert campaign.indicator("市民公开信").reporters == streets + ("BM02",)
    assert campaign.indicator("调度督查").reporters == tuple(f"BM{i:02d}" for i in range(1, 11))
    rats = campaign.indicator("鼠药")
    assert (rats.decimals, rats.measure, rats.aggregation, rats.target) == (2, "吨", Aggregation.SUM, None)
    ratio = campaign.indicator("志愿者占比")
    assert (ratio.numerator, ratio.denominator, ratio.reporters, ratio.target) == (
        "注册志愿者", "常住人口", (), Decimal(13))
    assert [i.code for i in campaign.indicators if i.is_derived] == ["专栏投放率", "志愿者占比"]
    rules = campaign.inspection
    assert rules is not None
    assert (rules.doc_prefix, rules.base_score, rules.board_names) == ("古创办发", Decimal(100), ("红榜", "黑榜"))
    assert (rules.board_size, rules.photos_per_unit, rules.report_to) == (3, 2, "区联创办")
    assert rules.addressees == "各街道，区直各有关部门："
    assert rules.issuer == "古塔区“三城联创”工作领导小组办公室"
    assert rules.copy_to == ("区委办公室", "区政府办公室", "区人大办公室", "区政协办公室")
    assert [(c.name, c.deduction) for c in rules.categories][-1] == ("病媒防制不到位", Decimal("1.5"))
    assert len(rules.categories) == 7


def test_starter_configuration_has_only_known_keys(tmp_path: Path):
    path = tmp_path / CONFIG_NAME
    path.write_text(config_text(dt.date(2024, 3, 5)), encoding="utf-8")
    campaign = read_campaign(path, CONFIG_NAME)
    assert campaign.period == Period(2024, 3) and campaign.report_date == dt.date(2024, 3, 5)
    assert [u.short for u in campaign.units] == ["某某街道", "区某某局"]
    assert campaign.inspection is None and campaign.task_categories == ()


def test_the_campaign_is_read_once_per_workspace(example_ws: Path):
    ws = open_workspace(example_ws)
    first = ws.campaign
    config_path(example_ws).write_text("broken = ", encoding="utf-8")
    assert ws.campaign is first and load_campaign(ws) is first
    with pytest.raises(InputError, match="格式错误"):
        load_campaign(open_workspace(example_ws))


# ── unknown keys ───────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("old, new, line", [
    ("report_date = 2018-11-26", "report_dat = 2018-11-26", "campaign.report_dat: 未知的配置项，是否应为 report_date？"),
    ('type = "部门"\ncontact = "陈晨', 'typ = "部门"\ncontact = "陈晨', "units[10].typ: 未知的配置项，是否应为 type？"),
    ('title = "二（二）卫生城创建"', 'titel = "二（二）卫生城创建"', "sections[3].titel: 未知的配置项，是否应为 title？"),
    ('measure = "次"', 'Measure = "次"', "indicators[1].Measure: 未知的配置项，是否应为 measure？"),
    ("target = 13", "targt = 13", "indicators[50].targt: 未知的配置项，是否应为 target？"),
    ("[tasks]\ncategories", "[tasks]\ncategory", "tasks.category: 未知的配置项，是否应为 categories？"),
    ("board_size = 3", "board_sise = 3", "inspection.board_sise: 未知的配置项，是否应为 board_size？"),
    ("deduction = 1.5", "deducton = 1.5", "inspection.categories[7].deducton: 未知的配置项，是否应为 deduction？"),
    ("[booklet]\norder", "[booklet]\noder", "booklet.oder: 未知的配置项，是否应为 order？"),
    ("[booklet]", "[bookle]", "bookle: 未知的配置项，是否应为 booklet？"),
    ("[inspection]\n", "[inspections]\n", "inspections: 未知的配置项，是否应为 inspection？"),
])
def test_unknown_keys_are_refused_with_the_nearest_known_key(example_ws: Path, old, new, line):
    replace_in_config(example_ws, old, new)
    assert PREFIX + line in problems_of(example_ws)


def test_check_fails_on_a_misspelt_key(example_ws: Path):
    replace_in_config(example_ws, "report_date = 2018-11-26", "report_dat = 2018-11-26")
    result = CliRunner().invoke(cli, ["check", "-w", str(example_ws)])
    assert result.exit_code == 1
    assert PREFIX + "campaign.report_dat: 未知的配置项，是否应为 report_date？" in result.output


def test_unknown_key_with_nothing_near_lists_the_known_keys(example_ws: Path):
    replace_in_config(example_ws, 'author = "王晓峰"', 'author = "王晓峰"\n"署名" = "王晓峰"')
    line = PREFIX + "campaign.署名: 未知的配置项，此处可用的有：code、name、region、office、period、title、author、"
    assert any(p.startswith(line) for p in problems_of(example_ws))


def test_an_odd_unknown_key_is_quoted_in_its_path(example_ws: Path):
    replace_in_config(example_ws, "[campaign]\n", '[campaign]\n"report date" = 2018-11-26\n')
    assert PREFIX + 'campaign."report date": 未知的配置项，是否应为 report_date？' in problems_of(example_ws)


def test_a_misspelt_array_of_tables_is_refused(example_ws: Path):
    text = config_path(example_ws).read_text(encoding="utf-8").replace("[[sections]]", "[[section]]")
    config_path(example_ws).write_text(text, encoding="utf-8")
    lines = problems_of(example_ws)
    assert PREFIX + "section: 未知的配置项，是否应为 sections？" in lines
    assert PREFIX + "sections: 缺少 [[sections]] 条目，至少需要一条" in lines


# ── every problem at once ─────────────────────────────────────────────────────────────────

def test_several_problems_are_all_reported(example_ws: Path):
    replace_in_config(example_ws, "report_date = 2018-11-26", "report_dat = 2018-11-26")
    replace_in_config(example_ws, 'type = "街道"', 'type = "乡镇"')
    replace_in_config(example_ws, 'code = "党建"', 'code = "文明城"')
    replace_in_config(example_ws, 'numerator = "注册志愿者"', 'numerator = "志愿者"')
    replace_in_config(example_ws, "board_size = 3", "board_size = 100")
    replace_in_config(example_ws, "deduction = 2", "deduction = -2")
    replace_in_config(example_ws, "[booklet]\norder", "[booklet]\norders")
    assert problems_of(example_ws) == [PREFIX + line for line in [
        "campaign.report_dat: 未知的配置项，是否应为 report_date？",
        ("units[1].type: “乡镇” 不是有效的单位类型，应为 街道、部门、镇、乡、村、社区、企业、学校 之一"
         "（其他类型请先在 [campaign] 的 unit_types 中声明，如 unit_types = [\"镇\", \"村\"]）"),
        "sections[2].code: “文明城” 重复",
        "indicators[50].numerator: “志愿者” 不是已配置的指标代码",
        "booklet.orders: 未知的配置项，是否应为 order？",
        "booklet.order: 缺少此项，请填写",
        "inspection.board_size: “100” 应为 0 到 50 的整数",
        "inspection.categories[1].deduction: “-2” 应为不小于 0 的扣分数",
    ]] + ["配置文件有 8 处需要修改"]


@pytest.mark.parametrize("old, new, line", [
    ("sample = true", 'sample = "是"', "campaign.sample: “是” 应为 true 或 false（不加引号）"),
    ('board_names = ["红榜", "黑榜"]', 'board_names = ["红榜"]',
     "inspection.board_names: “[\"红榜\"]” 应为两个名称，如 [\"红榜\", \"黑榜\"]"),
    ('copy_to = ["区委办公室"', 'copy_to = [1, "区委办公室"', "inspection.copy_to: “[1, \"区委办公室\", "),
    ("deduction = 1.5", 'deduction = "nan"', "inspection.categories[7].deduction: “nan” 应为不小于 0 的扣分数"),
    ("deduction = 1.5\n", "\n", "inspection.categories[7].deduction: 缺少此项，请填写"),
    ("target = 13", "target = true", "indicators[50].target: “true” 不是数字"),
    ('"整改通知"]', '"通知"]', "booklet.order[5]: “通知” 不是可合订的文件，可用：工作情况汇报、责任分解表、督查通报、任务清单、整改通知"),
    ('categories = ["文明城", "卫生城", "食安城"]', 'categories = ["文明城", "文明城"]', "tasks.categories: 任务类别有重复"),
    ('name = "三城联创"', "name = { text = 1 }", "campaign.name: “{text = 1}” 应为非空文字（用英文双引号括起）"),
])
def test_value_problems_name_their_key(example_ws: Path, old, new, line):
    replace_in_config(example_ws, old, new)
    assert any(p.startswith(PREFIX + line) for p in problems_of(example_ws)), problems_of(example_ws)


def test_a_table_written_as_a_value_is_refused(example_ws: Path):
    text = config_path(example_ws).read_text(encoding="utf-8").replace("inspection", "spare")
    config_path(example_ws).write_text("inspection = 1\n" + text, encoding="utf-8")
    assert PREFIX + "inspection: 应为 [inspection] 表" in problems_of(example_ws)


def test_missing_campaign_is_one_problem(example_ws: Path):
    replace_in_config(example_ws, "[campaign]\n", "[other]\n")
    lines = problems_of(example_ws)
    assert PREFIX + "campaign: 缺少 [campaign] 部分" in lines
    assert not any(line.startswith(PREFIX + "campaign.") for line in lines)


def test_a_unit_may_have_the_same_full_and_short_name(example_ws: Path):
    replace_in_config(example_ws, 'name = "共青团古塔区委员会"', 'name = "团区委"')
    assert len(read_campaign(config_path(example_ws), CONFIG_NAME).units) == 19


# ── hostile files ────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text", [
    "x = " + "[" * 100_000 + "]" * 100_000,
    "x = " + "{a = " * 5000 + "1" + "}" * 5000,
])
def test_deep_nesting_is_a_configuration_error(example_ws: Path, text):
    config_path(example_ws).write_text(text, encoding="utf-8")
    assert problems_of(example_ws) == [PREFIX.rstrip(": ") + ": 方括号或花括号嵌套的层数过多，请检查配置文件"]


def test_deep_tables_are_shown_short(example_ws: Path):
    replace_in_config(example_ws, 'title = "古塔区', "title" + ".a" * 1000 + ' = 1\nx = "古塔区')
    lines = problems_of(example_ws)
    assert PREFIX + "campaign.title: “{a = {a = {a = …}}}” 应为非空文字（用英文双引号括起）" in lines
    assert all(len(line) < 200 for line in lines)
