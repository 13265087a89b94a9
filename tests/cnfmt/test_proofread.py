"""Tests of reporter.cnfmt.proofread: a table of slips each rule finds, a table of correct
text no rule may touch, and the example's reference text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.cnfmt.proofread import (
    RULES,
    digits_with_small_units,
    doubled_characters,
    enumeration_marks,
    full_width_digits,
    jiezhi,
    latin_punctuation,
    proofread,
    unbalanced_brackets,
    unbalanced_quotes,
)

REFERENCE = Path(__file__).resolve().parent.parent / "fixtures" / "reference_report.txt"

# rule, text, the span each finding covers, words its message must hold
SLIPS = [
    (unbalanced_quotes, "全区上下始终坚持“以“同心圆·连心桥”党建工程为引领", ["“以“"],
     ["前引号“之后又出现前引号“", "单引号‘’", "原文：全区上下始终坚持“以“同心圆·连心桥”……"]),
    (unbalanced_quotes, "网格化微宣讲推出三城联创”微讲堂主题宣讲活动", ["”"], ["后引号”前面没有对应的前引号“", "补上前引号"]),
    (unbalanced_quotes, "开展“文明交通志愿服务活动", ["“"], ["前引号“没有对应的后引号”"]),
    (unbalanced_quotes, "“甲“乙”丙”", ["“甲“"], ["又出现前引号"]),  # one slip, one finding
    (unbalanced_quotes, "所谓‘门前三包", ["‘"], ["前单引号‘没有对应的后单引号’"]),
    (unbalanced_brackets, "责任单位（配合单位", ["（"], ["前括号（没有对应的后括号）"]),
    (unbalanced_brackets, "印发古塔区创建方案》", ["》"], ["后书名号》前面没有对应的前书名号《"]),
    (unbalanced_brackets, "古创办发〔2018", ["〔"], ["前六角括号〔没有对应的后六角括号〕"]),
    (unbalanced_brackets, "（一）以文明城创建为引领）", ["）"], ["后括号）前面没有对应的前括号（"]),
    (latin_punctuation, "推进文明城创建,推进卫生城创建", [","], ["半角（英文）逗号“,”", "全角（中文）逗号“，”"]),
    (latin_punctuation, "一是加强领导工作;二是落实责任", [";"], ["分号“；”"]),
    (latin_punctuation, "联系人:王晓峰", [":"], ["冒号“：”"]),
    (latin_punctuation, "完成全年任务.下一步", ["."], ["句点“。”"]),
    (latin_punctuation, "区联创办(牵头)负责", ["("], ["括号“( )”", "括号“（）”"]),
    (latin_punctuation, "“三城联创”, “四城同创”", [","], ["逗号“，”"]),
    (jiezhi, "截止目前，已完成2家燃煤电厂改造", ["截止目前"], ["“截止目前”应为“截至目前”"]),
    (jiezhi, "截止2018年11月底，共清运垃圾", ["截止2018年"], ["“截止2018年”应为“截至2018年”"]),
    (jiezhi, "截止十一月底", ["截止十一月"], ["应为“截至十一月”"]),
    (doubled_characters, "认真抓好工作的的落实", ["的的"], ["“的的”疑为重复输入，请删去一个“的”"]),
    (doubled_characters, "完成了了全部任务", ["了了"], ["“了了”"]),
    (doubled_characters, "各单位要在在规定时间内完成", ["在在"], ["“在在”"]),
    (doubled_characters, "同志们们", ["们们"], ["“们们”"]),
    (doubled_characters, "清理小广告，，拆除违建。。", ["，，", "。。"], ["删去一个“，”"]),
    (digits_with_small_units, "组织3千人参加", ["3千"], ["“3千”：阿拉伯数字后不用“千”“百”“十”作单位", "应写作“3000”"]),
    (digits_with_small_units, "投入1.5千万元", ["1.5千"], ["应写作“1500”"]),
    (digits_with_small_units, "出动5百人次", ["5百"], ["应写作“500”"]),
    (full_width_digits, "依法拆除私搭乱建２７７０处", ["２７７０"], ["“２７７０”是全角数字", "半角数字“2770”"]),
    (full_width_digits, "占比１５．５８%", ["１５．５８"], ["半角数字“15.58”"]),
    (enumeration_marks, "1、加强组织领导", ["1、"], ["序号“1、”应写作“1.”"]),
    (enumeration_marks, "要求如下：1、加强领导；2、落实责任。", ["1、", "2、"], ["序号“2、”应写作“2.”"]),
]


@pytest.mark.parametrize(("rule", "text", "spans", "words"), SLIPS,
                         ids=[f"{rule.__name__}-{i}" for i, (rule, *_) in enumerate(SLIPS)])
def test_each_slip_is_found_by_its_rule(rule, text: str, spans: list[str], words: list[str]):
    findings = list(rule(text))
    assert [text[f.start:f.end] for f in findings] == spans
    messages = "".join(f.message for f in findings)
    for word in words:
        assert word in messages
    assert [f for f in proofread(text) if (f.start, f.end) in {(g.start, g.end) for g in findings}] == findings


# Correct text of real reports that no rule may touch.
CORRECT = [
    "激发人人知晓、人人支持、人人参与的热情",
    "常常、天天、个个、层层、处处、点点滴滴、家家户户、时时有人管、事事有人管",
    "11条督导战线带队领导先后7-8次到督导点位进行现场督导",
    "每天早上7:30上岗，占比已达15.58%，比上月提高1.6个百分点",
    "依法拆除各种私搭乱建 2770 处，清运垃圾约2800吨",
    "斥资120余万元，清理小广告80余万张，清理小田园和杂草70.5万平方米，10万余元",
    "组织千人文明劝导员，对照创卫“千分制”标准，清理流动商贩两万人次，“十乱”现象得到有效治理",
    "新建10千伏线路3千米，采购1千克样品，第1百货商店",
    "为了了解情况，不了了之，达到目的的手段，有的的确不错，实实在在，现在在社区开展，正在在社区开展",
    "（一）以文明城创建为引领，《古塔区落实全国文明城市创建工作督查实施方案》，古创办发〔2018〕12号",
    "“古塔区微宣讲@新声音·新力量”，他说：“要把‘门前三包’落到实处。”",
    "Xi’an and the Children’s Day",
    "1、2号楼，第1、2项，3、4月份",
    "报送截止日期为2018年11月25日，报名截止后不再受理，截止时间",
    "〔缺数〕〔2个单位未报〕〔缺2018年10月〕",
    "联系电话：0416-1234567，PM2.5(细颗粒物)，version 1.2",
    "关于古塔区“三城联创”\n第二轮督查情况的通报",
    "",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_left_alone(text: str):
    assert proofread(text) == []


def test_findings_come_in_the_order_of_the_text():
    text = "截止目前,已完成的的任务"
    assert [text[f.start:f.end] for f in proofread(text)] == ["截止目前", ",", "的的"]


def test_the_passage_is_cut_with_ellipses_only_where_the_paragraph_goes_on():
    (short,) = proofread("的的")
    assert short.message.endswith("原文：的的")
    (long,) = proofread("一二三四五六七八九十的的一二三四五六七八九十")
    assert long.message.endswith("原文：……三四五六七八九十的的一二三四五六七八……")


def test_the_reference_report_has_exactly_its_five_slips():
    found = [(number, text[f.start:f.end])
             for number, text in enumerate(REFERENCE.read_text(encoding="utf-8").splitlines(), start=1)
             for f in proofread(text)]
    assert found == [(9, "“以“"), (37, "截止目前"), (39, "截止目前"), (47, "截止目前"), (57, "”")]


def test_every_rule_is_run():
    assert {rule.__name__ for rule in RULES} == {r.__name__ for r, *_ in SLIPS}
