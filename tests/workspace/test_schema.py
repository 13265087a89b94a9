"""The schema machinery on its own: fields, tables, key paths and how values are shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reporter.workspace.schema import (
    Choice,
    Date,
    Flag,
    Integer,
    Number,
    Report,
    Strings,
    Sub,
    Table,
    TableList,
    Text,
    key_path,
    shown,
    unknown_key,
)


class Item(Table):
    name = Text()
    size = Integer(1, 0, 9, "0 到 9 的整数")


class Inner(Table):
    flag = Flag(False)
    items = TableList(Item)


class Outer(Table):
    title = Text(required=False, default="无题")
    when = Date()
    amount = Number(None)
    score = Number(Decimal(100), minimum=Decimal(0), expect="应为不小于 0 的分数")
    kind = Choice({"甲": 1, "a": 1, "乙": 2}, 0, expect="应为 甲 或 乙")
    tags = Strings("应为文字列表", single=True, item=Text(rule=lambda t: None if t != "坏" else f"“{t}” 不行"),
                   repeated="有重复")
    inner = Sub(Inner)


def read(raw: dict) -> tuple[Outer, list[str]]:
    report = Report("f.toml")
    table = Outer.read(raw, "", report)
    return table, [str(p) for p in report.problems]


def test_defaults_when_absent():
    table, problems = read({})
    assert problems == []
    assert (table.title, table.when, table.amount, table.score, table.kind, table.tags, table.inner) == (
        "无题", None, None, Decimal(100), 0, (), None)
    assert table.given == frozenset()


def test_values_are_converted():
    table, problems = read({"title": " 标题 ", "when": dt.date(2020, 1, 2), "amount": 1.5, "score": "90",
                            "kind": "a", "tags": "甲", "inner": {"flag": True, "items": [{"name": "x", "size": 3}]}})
    assert problems == []
    assert (table.title, table.when, table.amount, table.score, table.kind, table.tags) == (
        "标题", dt.date(2020, 1, 2), Decimal("1.5"), Decimal(90), 1, ("甲",))
    assert table.inner is not None and table.inner.flag is True
    assert [(i.name, i.size, i.where) for i in table.inner.items] == [("x", 3, "inner.items[1]")]
    assert table.at("tags") == "tags" and table.inner.at("flag") == "inner.flag"


def test_every_problem_has_its_key_path():
    table, problems = read({"title": 3, "when": "2020-01-02", "amount": float("nan"), "score": -1, "kind": "丙",
                            "tags": ["坏", "好", "好"], "extra": 1,
                            "inner": {"flag": "yes", "items": [{"name": "", "size": 10, "nmae": "x"}, 5]}})
    assert problems == [
        "f.toml: title: “3” 应为非空文字（用英文双引号括起）",
        "f.toml: when: “2020-01-02” 不是日期，请写成 2018-11-26 的形式（不加引号）",
        "f.toml: amount: “nan” 不是数字",
        "f.toml: score: “-1” 应为不小于 0 的分数",
        "f.toml: kind: “丙” 应为 甲 或 乙",
        "f.toml: tags[1]: “坏” 不行",
        "f.toml: tags: 有重复",
        "f.toml: extra: 未知的配置项，此处可用的有：title、when、amount、score、kind、tags、inner",
        "f.toml: inner.flag: “yes” 应为 true 或 false（不加引号）",
        "f.toml: inner.items[1].name: “” 应为非空文字（用英文双引号括起）",
        "f.toml: inner.items[1].size: “10” 应为 0 到 9 的整数",
        "f.toml: inner.items[1].nmae: 未知的配置项，是否应为 name？",
        "f.toml: inner.items[2]: “5” 应写成 [[inner.items]] 表（见配置文件中的示例）",
    ]
    assert (table.title, table.score, table.kind) == ("无题", Decimal(100), 0)
    assert table.tags == ("坏", "好", "好")  # a value breaking a rule is reported but kept


@pytest.mark.parametrize("inner, problem", [
    ({}, "f.toml: inner.items: 缺少 [[inner.items]] 条目，至少需要一条"),
    ({"items": []}, "f.toml: inner.items: 缺少 [[inner.items]] 条目，至少需要一条"),
    ({"items": {"name": "x"}}, "f.toml: inner.items: 应写成 [[inner.items]]（两对方括号），每条一段"),
    (7, "f.toml: inner: 应为 [inner] 表"),
])
def test_tables_and_arrays_of_tables(inner, problem):
    assert read({"inner": inner})[1] == [problem]


@pytest.mark.parametrize("value, expected", [
    ("文字", "文字"),
    (True, "true"),
    (["a", 1, dt.date(2020, 1, 2)], '["a", 1, 2020-01-02]'),
    ({"a b": {"c": [[[[1]]]]}}, '{"a b" = {c = […]}}'),
    (list(range(20)), "[0, 1, 2, 3, 4, 5, 6, 7, …]"),
    ("长" * 100, "长" * 59 + "…"),
])
def test_values_are_shown_as_written_and_short(value, expected):
    assert shown(value) == expected


@pytest.mark.parametrize("parent, key, path", [
    ("", "campaign", "campaign"),
    ("units[2]", "type", "units[2].type"),
    ("campaign", "署名", "campaign.署名"),
    ("campaign", "a.b", 'campaign."a.b"'),
    ("campaign", "a\nb", 'campaign."a\\nb"'),
])
def test_key_paths(parent, key, path):
    assert key_path(parent, key) == path


@pytest.mark.parametrize("key, message", [
    ("Name", "未知的配置项，是否应为 name？"),
    ("nmae", "未知的配置项，是否应为 name？"),
    ("qqq", "未知的配置项，此处可用的有：name、size"),
])
def test_unknown_keys_suggest_the_nearest(key, message):
    assert unknown_key(key, ["name", "size"]) == message


def test_missing_required_keys():
    report = Report("f.toml")
    Item.read({}, "items[1]", report)
    assert [str(p) for p in report.problems] == ["f.toml: items[1].name: 缺少此项，请填写"]
