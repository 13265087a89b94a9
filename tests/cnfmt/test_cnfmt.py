"""Tests of reporter.cnfmt: tables of known answers and hypothesis properties."""

from __future__ import annotations

import ast
import datetime
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporter import cnfmt
from reporter.cnfmt import (
    about,
    approx,
    cn_date,
    cn_month,
    cn_number,
    cn_round,
    doc_number,
    exact,
    heading,
    join_items,
    ordinal,
    percent,
    points,
    to_decimal,
    wan,
    yi,
)

# No example database: the tests must not leave files in the working tree.
PROPERTY = settings(database=None, deadline=None, max_examples=300)

CN_DIGIT_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_CHARACTERS = set("零一二三四五六七八九十百千万亿")


def parse_cn(text: str) -> int:
    """A small independent parser of Chinese numerals (万亿 not needed here)."""
    total = 0  # everything already closed by 亿
    wan_part = 0  # everything closed by 万 since the last 亿
    section = 0  # the current four-digit section
    digit = None
    for ch in text:
        if ch in CN_DIGIT_VALUES:
            digit = CN_DIGIT_VALUES[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            wan_part = (section + (digit or 0)) * 10**4
            section, digit = 0, None
        elif ch == "亿":
            total = (wan_part + section + (digit or 0)) * 10**8
            wan_part, section, digit = 0, 0, None
        else:
            raise AssertionError(f"unexpected character {ch!r} in {text!r}")
    return total + wan_part + section + (digit or 0)


def parse_rounded(text: str, measure: str) -> tuple[Decimal, bool, bool, bool]:
    """(number written times its 万 factor, has 约, has 余, uses 万) of approx/about output."""
    has_about = text.startswith("约")
    body = text.removeprefix("约")
    has_more = "余" in body
    assert body.count("余") <= 1, text
    body = body.replace("余", "")
    assert body.endswith(measure), text
    body = body.removesuffix(measure) if measure else body
    in_wan = body.endswith("万")
    body = body.removesuffix("万")
    assert "," not in body and " " not in body, text
    number = Decimal(body)
    return (number * 10000 if in_wan else number), has_about, has_more, in_wan


def two_digit_unit(n: Decimal) -> Decimal:
    """The rounding unit that keeps two significant digits of n > 0."""
    return Decimal(1).scaleb(n.adjusted() - 1)


def approx_unit(n: Decimal) -> Decimal:
    """The rounding unit of 约数: two significant digits, tens for whole numbers below 100."""
    if n.adjusted() == 1 and n == n.to_integral_value():
        return Decimal(10)
    return two_digit_unit(n)


# --- to_decimal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, Decimal(5)),
        (Decimal("21.50"), Decimal("21.50")),
        (0.1, Decimal("0.1")),
        (21.5, Decimal("21.5")),
        (-3, Decimal(-3)),
    ],
)
def test_to_decimal(value, expected):
    result = to_decimal(value)
    assert isinstance(result, Decimal)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize("value", ["12", None, True, [1], b"1"])
def test_to_decimal_rejects_non_numbers(value):
    with pytest.raises(TypeError):
        to_decimal(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity"), 10**40])
def test_to_decimal_rejects_non_finite_and_huge(value):
    with pytest.raises(ValueError):
        to_decimal(value)


# --- exact --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "measure", "expected"),
    [
        (2770, "处", "2770处"),
        (Decimal("21.5"), "吨", "21.5吨"),
        (Decimal("21.50"), "吨", "21.5吨"),
        (Decimal("624445"), "平方米", "624445平方米"),
        (Decimal("2E+3"), "个", "2000个"),
        (Decimal("0.00"), "个", "0个"),
        (0, "", "0"),
        (1234567, "", "1234567"),
        (21.5, "吨", "21.5吨"),
        (Decimal("100.0"), "", "100"),
    ],
)
def test_exact(value, measure, expected):
    assert exact(value, measure) == expected


def test_exact_rejects_negative():
    with pytest.raises(ValueError, match="不能为负数"):
        exact(-1, "处")


# --- approx -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "measure", "kwargs", "expected"),
    [
        (6743, "处", {}, "6700余处"),
        (9318, "", {}, "9300余"),
        (2315, "", {}, "2300余"),
        (104, "", {}, "100余"),
        (458, "", {}, "450余"),
        (1486, "户", {"step": 10}, "1480余户"),
        (6700, "处", {}, "6700处"),
        (803000, "张", {}, "80余万张"),
        (1236000, "元", {}, "120余万元"),
        (7, "个", {}, "7个"),
        (Decimal("7.5"), "吨", {}, "7.5吨"),
        (0, "个", {}, "0个"),
        # rounding edges
        (99, "", {}, "90余"),
        (84, "", {}, "80余"),
        (80, "", {}, "80"),
        (100, "", {}, "100"),
        (101, "", {}, "100余"),
        (9999, "", {}, "9900余"),
        (10000, "", {}, "10000"),
        (10500, "", {}, "10000余"),
        (99999, "", {}, "99000余"),
        (100000, "", {}, "10万"),
        (100001, "人", {}, "10余万人"),
        # 余 after the unit when the number does not end in zero
        (115000, "人", {}, "11万余人"),
        (1236000, "元", {"step": 10000}, "123万余元"),
        (Decimal("45.5"), "吨", {}, "45吨余"),
        # forcing or forbidding 万
        (803000, "张", {"wan": False}, "800000余张"),
        (45600, "人", {"wan": True}, "4.5万余人"),
        (50000, "人", {"wan": True}, "5万人"),
        (Decimal("6743.00"), "处", {}, "6700余处"),
        (6743.0, "处", {}, "6700余处"),
    ],
)
def test_approx(value, measure, kwargs, expected):
    assert approx(value, measure, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "kwargs"),
    [(-5, {}), (50, {"step": 100}), (50, {"step": 0}), (50, {"step": -10})],
)
def test_approx_rejects(value, kwargs):
    with pytest.raises(ValueError):
        approx(value, **kwargs)


@PROPERTY
@given(st.integers(min_value=10, max_value=10**13))
def test_approx_floors_to_two_digits(n):
    written, has_about, has_more, in_wan = parse_rounded(approx(n, "吨"), "吨")
    unit = approx_unit(Decimal(n))
    assert not has_about
    assert written <= n
    assert n - written < unit
    assert written % unit == 0
    assert has_more == (written != n)
    assert in_wan == (n >= 100000)


@PROPERTY
@given(st.integers(min_value=10, max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_approx_floors_to_step(n, step):
    if step > n:
        with pytest.raises(ValueError):
            approx(n, step=step)
        return
    written, _, has_more, _ = parse_rounded(approx(n, step=step), "")
    assert n - step < written <= n
    assert has_more == (written != n)


@PROPERTY
@given(st.decimals(min_value=10, max_value=10**9, places=3))
def test_approx_of_decimals_never_exceeds_value(value):
    written, _, has_more, _ = parse_rounded(approx(value, "吨"), "吨")
    assert written <= value
    assert value - written < approx_unit(value)
    assert has_more == (written != value)


# --- about --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "measure", "kwargs", "expected"),
    [
        (2803, "吨", {}, "约2800吨"),
        (2796, "吨", {}, "约2800吨"),
        (2850, "吨", {}, "约2900吨"),  # half up
        (2849, "吨", {}, "约2800吨"),
        (2800, "吨", {}, "2800吨"),  # nothing rounded away: no 约
        (1486, "户", {"step": 10}, "约1490户"),
        (1485, "户", {"step": 10}, "约1490户"),
        (Decimal("7.46"), "吨", {}, "约7.5吨"),
        (7, "个", {}, "7个"),
        (0, "个", {}, "0个"),
        # rounding edges
        (99, "", {}, "99"),
        (100, "", {}, "100"),
        (101, "", {}, "约100"),
        (9999, "", {}, "约10000"),
        (10000, "", {}, "10000"),
        (10500, "", {}, "约11000"),
        (99999, "", {}, "约10万"),
        (100000, "", {}, "10万"),
        (803000, "张", {}, "约80万张"),
        (1236000, "元", {}, "约120万元"),
        (803000, "张", {"wan": False}, "约800000张"),
        (45600, "人", {"wan": True}, "约4.6万人"),
    ],
)
def test_about(value, measure, kwargs, expected):
    assert about(value, measure, **kwargs) == expected


@pytest.mark.parametrize(("value", "kwargs"), [(-5, {}), (3, {"step": 10}), (50, {"step": 0})])
def test_about_rejects(value, kwargs):
    with pytest.raises(ValueError):
        about(value, **kwargs)


@PROPERTY
@given(st.integers(min_value=1, max_value=10**13))
def test_about_rounds_to_nearest(n):
    written, has_about, has_more, _ = parse_rounded(about(n, "吨"), "吨")
    unit = two_digit_unit(Decimal(n))
    assert not has_more
    assert abs(written - n) * 2 <= unit
    assert written % unit == 0
    assert has_about == (written != n)


# --- wan and yi ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "measure", "digits", "expected"),
    [
        (705000, "平方米", 1, "70.5万平方米"),
        (20000, "人次", 1, "2万人次"),
        (700000, "", 1, "70万"),
        (Decimal("704999"), "", 1, "70.5万"),
        (Decimal("704949"), "", 1, "70.5万"),
        (Decimal("704940"), "", 1, "70.5万"),
        (Decimal("704900"), "", 1, "70.5万"),
        (Decimal("704499"), "", 1, "70.4万"),
        (12345, "元", 2, "1.23万元"),
        (12350, "元", 2, "1.24万元"),
        (125000, "", 0, "13万"),
        (0, "", 1, "0万"),
        # edges
        (99, "", 2, "0.01万"),
        (100, "", 2, "0.01万"),
        (101, "", 2, "0.01万"),
        (9999, "", 1, "1万"),
        (10000, "", 1, "1万"),
        (10500, "", 1, "1.1万"),
        (99999, "", 1, "10万"),
        (100000, "", 1, "10万"),
    ],
)
def test_wan(value, measure, digits, expected):
    assert wan(value, measure, digits) == expected


@pytest.mark.parametrize(
    ("value", "measure", "digits", "expected"),
    [
        (345000000, "", 2, "3.45亿"),
        (300000000, "元", 2, "3亿元"),
        (345500000, "元", 2, "3.46亿元"),
        (1234567890, "", 1, "12.3亿"),
    ],
)
def test_yi(value, measure, digits, expected):
    assert yi(value, measure, digits) == expected


@pytest.mark.parametrize(
    ("function", "value", "digits"),
    [(wan, 400, 1), (wan, -1, 1), (wan, 50000, -1), (wan, 50000, 1.5), (yi, 100000, 2)],
)
def test_wan_and_yi_reject(function, value, digits):
    with pytest.raises(ValueError):
        function(value, "", digits)


@PROPERTY
@given(st.integers(min_value=0, max_value=10**14), st.integers(min_value=0, max_value=4))
def test_wan_is_within_half_a_digit(n, digits):
    half_unit = Decimal(5000).scaleb(-digits)
    if 0 < n < half_unit:
        with pytest.raises(ValueError, match="太小"):
            wan(n, "人", digits)
        return
    text = wan(n, "人", digits)
    assert text.endswith("万人")
    written = Decimal(text.removesuffix("万人"))
    assert abs(written * 10000 - n) <= half_unit


# --- Chinese numerals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1010, "一千零一十"),
        (9999, "九千九百九十九"),
        (10000, "一万"),
        (10001, "一万零一"),
        (10500, "一万零五百"),
        (20000, "二万"),
        (99999, "九万九千九百九十九"),
        (100000, "十万"),
        (100010, "十万零一十"),
        (150000, "十五万"),
        (1000000, "一百万"),
        (1100000, "一百一十万"),
        (10000001, "一千万零一"),
        (100000000, "一亿"),
        (100010000, "一亿零一万"),
        (100001000, "一亿零一千"),
        (101000000, "一亿零一百万"),
        (110000000, "一亿一千万"),
        (1000000000, "十亿"),
        (10**12, "一万亿"),
        (Decimal(12), "十二"),
    ],
)
def test_cn_number(n, expected):
    assert cn_number(n) == expected


@pytest.mark.parametrize("n", [-1, Decimal("1.5"), 10**16])
def test_cn_number_rejects(n):
    with pytest.raises(ValueError):
        cn_number(n)


@PROPERTY
@given(st.integers(min_value=0, max_value=10**8))
def test_cn_number_round_trips(n):
    text = cn_number(n)
    assert text
    assert set(text) <= CN_CHARACTERS
    assert "两" not in text
    assert "零零" not in text
    assert parse_cn(text) == n


@pytest.mark.parametrize(
    ("value", "measure", "expected"),
    [
        (20000, "人次", "两万人次"),
        (2000, "", "两千"),
        (300000, "", "三十万"),
        (1000, "", "一千"),
        (10, "", "十"),
        (12, "", "十二"),
        (200, "", "二百"),
        (2, "", "两"),
        (2, "台", "两台"),
        (12, "台", "十二台"),
        (20, "台", "二十台"),
        (0, "", "零"),
        (22000, "", "两万两千"),
        (120000, "", "十二万"),
        (1020000, "", "一百零二万"),
        (200000, "", "二十万"),
        (20000000, "", "两千万"),
        (200000000, "", "两亿"),
        (10002, "", "一万零二"),
        (Decimal("2E+4"), "人", "两万人"),
        (99999999999, "", "九百九十九亿九千九百九十九万九千九百九十九"),
    ],
)
def test_cn_round(value, measure, expected):
    assert cn_round(value, measure) == expected


@pytest.mark.parametrize("value", [Decimal("2.5"), 100000000000, -20, 0.5])
def test_cn_round_rejects(value):
    with pytest.raises(ValueError):
        cn_round(value)


@PROPERTY
@given(st.integers(min_value=0, max_value=99999999999))
def test_cn_round_round_trips(n):
    text = cn_round(n)
    assert parse_cn(text) == n
    for index, ch in enumerate(text):
        if ch == "两":
            # 两千/两万/两亿, or a count of 2 standing before its measure word (两台)
            assert text[index + 1 : index + 2] in {"千", "万", "亿"} or text == "两", text


# --- percent and points -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("15.58"), 2, "15.58%"),
        (100, 0, "100%"),
        (Decimal("15.575"), 2, "15.58%"),
        (Decimal("15.574"), 2, "15.57%"),
        (Decimal("13.00"), None, "13%"),
        (Decimal("13.50"), None, "13.5%"),
        (13, 2, "13.00%"),
        (Decimal("99.95"), 1, "100.0%"),
        (Decimal("-3.25"), 1, "-3.3%"),
        (Decimal("-0.001"), 2, "0.00%"),
        (0.1, 2, "0.10%"),
    ],
)
def test_percent(value, decimals, expected):
    assert percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(83, "83.00分"), (Decimal("83.5"), "83.50分"), (Decimal("83.555"), "83.56分"), (0, "0.00分")],
)
def test_points(value, expected):
    assert points(value) == expected


def test_points_rejects_negative():
    with pytest.raises(ValueError):
        points(-1)


# --- ordinals and headings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "suffix", "expected"),
    [
        (1, "是", "一是"),
        (2, "是", "二是"),
        (10, "是", "十是"),
        (11, "是", "十一是"),
        (20, "是", "二十是"),
        (21, "是", "二十一是"),
        (2, "要", "二要"),
    ],
)
def test_ordinal(n, suffix, expected):
    assert ordinal(n, suffix) == expected


def test_ordinal_defaults_to_shi():
    assert ordinal(3) == "三是"


@pytest.mark.parametrize("n", [0, -1, Decimal("1.5")])
def test_ordinal_rejects(n):
    with pytest.raises(ValueError):
        ordinal(n)


def test_ordinals_are_unique():
    texts = [ordinal(n) for n in range(1, 100)]
    assert len(set(texts)) == len(texts)
    assert all(parse_cn(text.removesuffix("是")) == n for n, text in enumerate(texts, start=1))


@pytest.mark.parametrize(
    ("n", "level", "expected"),
    [
        (1, 1, "一、"),
        (12, 1, "十二、"),
        (1, 2, "（一）"),
        (10, 2, "（十）"),
        (1, 3, "1."),
        (12, 3, "12."),
        (1, 4, "（1）"),
        (3, 4, "（3）"),
    ],
)
def test_heading(n, level, expected):
    assert heading(n, level) == expected


def test_heading_uses_full_width_brackets():
    assert heading(1, 2)[0] == "\uff08" and heading(1, 2)[-1] == "\uff09"
    assert heading(1, 4)[0] == "\uff08" and heading(1, 4)[-1] == "\uff09"
    assert "、" not in heading(1, 3)


@pytest.mark.parametrize(("n", "level"), [(0, 1), (1, 0), (1, 5)])
def test_heading_rejects(n, level):
    with pytest.raises(ValueError):
        heading(n, level)


# --- dates and document numbers -----------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2018, 11, 26), "2018年11月26日"),
        (datetime.date(2019, 1, 5), "2019年1月5日"),
        (datetime.datetime(2020, 3, 9, 15, 30), "2020年3月9日"),
    ],
)
def test_cn_date(d, expected):
    assert cn_date(d) == expected


def test_cn_date_rejects_strings():
    with pytest.raises(TypeError):
        cn_date("2018-11-26")


@pytest.mark.parametrize(("year", "month", "expected"), [(2018, 11, "2018年11月"), (2019, 1, "2019年1月")])
def test_cn_month(year, month, expected):
    assert cn_month(year, month) == expected


@pytest.mark.parametrize(("year", "month"), [(2018, 0), (2018, 13), (0, 1)])
def test_cn_month_rejects(year, month):
    with pytest.raises(ValueError):
        cn_month(year, month)


@pytest.mark.parametrize(
    ("prefix", "year", "seq", "expected"),
    [
        ("古创办发", 2018, 12, "古创办发〔2018〕12号"),
        ("国办发", 2020, 1, "国办发〔2020〕1号"),
        ("国办发", 2020, 105, "国办发〔2020〕105号"),
    ],
)
def test_doc_number(prefix, year, seq, expected):
    result = doc_number(prefix, year, seq)
    assert result == expected
    assert "\u3014" in result and "\u3015" in result


@pytest.mark.parametrize(("prefix", "year", "seq"), [("国办发", 2020, 0), ("国办发", 2020, -3), ("", 2020, 1)])
def test_doc_number_rejects(prefix, year, seq):
    with pytest.raises(ValueError):
        doc_number(prefix, year, seq)


# --- join_items ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "kwargs", "expected"),
    [
        (["一是加强领导。", "二是完善制度；", "三是强化督查"], {}, "一是加强领导；二是完善制度；三是强化督查。"),
        (["甲，", "乙,", "丙;"], {}, "甲；乙；丙。"),
        (["甲。；", " 乙 "], {}, "甲；乙。"),
        (["甲", "乙"], {"last": "；", "sep": "，"}, "甲，乙；"),
        (["甲", "", "。"], {}, "甲。"),
        ([], {}, ""),
    ],
)
def test_join_items(items, kwargs, expected):
    assert join_items(items, **kwargs) == expected


@pytest.mark.parametrize("items", ["一是加强领导", [1, 2]])
def test_join_items_rejects(items):
    with pytest.raises(TypeError):
        join_items(items)


ITEM_BODY = st.text(alphabet="甲乙丙，", max_size=4).filter(lambda body: not body.endswith("，"))
ITEM_TAIL = st.text(alphabet="。；，,; ", max_size=3)


@PROPERTY
@given(st.lists(st.tuples(ITEM_BODY, ITEM_TAIL), max_size=6))
def test_join_items_strips_only_trailing_punctuation(pairs):
    result = join_items([body + tail for body, tail in pairs])
    bodies = [body for body, _ in pairs if body]
    assert result == ("；".join(bodies) + "。" if bodies else "")


# --- module shape -------------------------------------------------------------------


def imported_modules(path: Path) -> list[str]:
    """The modules a file imports, a relative one with its leading dots (``.values``)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_module_uses_only_the_standard_library():
    """Every module of the package imports the standard library and its own siblings only."""
    init = Path(cnfmt.__file__)
    modules = sorted(init.parent.glob("*.py")) if init.name == "__init__.py" else [init]
    checked = 0
    for path in modules:
        for name in imported_modules(path):
            own = name == "reporter.cnfmt" or name.startswith("reporter.cnfmt.")
            assert own or name.split(".")[0] in sys.stdlib_module_names, (path.name, name)
            checked += 1
    assert modules and checked >= len(modules)


@pytest.mark.parametrize("value, target, measure, expected", [
    (Decimal("15.58"), 13, "%", "超额完成13%的指标任务"),
    (13, 13, "%", "完成13%的指标任务"),
    (Decimal("11.4"), 13, "%", "距13%的指标任务还差1.6个百分点"),
    (90, 100, "户", "距100户的指标任务还差10户"),
    (120, 100, "户", "超额完成100户的指标任务"),
])
def test_versus_target(value, target, measure, expected):
    assert cnfmt.versus_target(value, target, measure) == expected
