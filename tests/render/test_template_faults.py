"""What is the template's fault is told to its author, at its paragraph; what is reporter's
own fault (an error inside a filter or function a template calls) is not blamed on them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reporter import cnfmt
from reporter.errors import InputError
from reporter.model import Source
from reporter.render.renderer import DocumentInfo, Renderer, render_docx
from tests.conftest import make_template

INFO = DocumentInfo("标题", "办公室", dt.datetime(2018, 11, 26))




def fault(path: Path, context: dict) -> str:
    with pytest.raises(InputError) as caught:
        render_docx(path, "t.docx", context, INFO)
    assert len(caught.value.lines()) == 1
    return caught.value.lines()[0]


CASES = [
    # (paragraphs, context, expected message)
    (["标题", "第{{ 轮次 | 确数 }}轮"], {"轮次": "二"}, "t.docx: 第2段“第{{ 轮次 | 确数 }}轮”: 模板中的值无法套用"),
    (["{{ 甲 }}", "共{{ 数 / 零 }}项"], {"甲": 1, "数": 1, "零": 0}, "t.docx: 第2段“共{{ 数 / 零 }}项”: 模板中的计算无法进行"),
    (["{{ 名称 + 1 }}"], {"名称": "城管局"}, "t.docx: 第1段“{{ 名称 + 1 }}”: 模板中的计算无法进行"),
    (["{{ 序号() }}"], {"序号": lambda section: section}, "t.docx: 第1段“{{ 序号() }}”: 模板中的计算无法进行"),
    (["前文", "{{ 没有 }}"], {}, "t.docx: 第2段“{{ 没有 }}”: 未定义的变量或属性：没有"),
    (["{{ 活动.__class__ }}"], {"活动": {}}, "t.docx: 第1段“{{ 活动.__class__ }}”: 模板试图访问不允许的内容"),
]


@pytest.mark.parametrize("paragraphs, context, expected", CASES, ids=["filter", "division", "operator", "arguments",
                                                                      "undefined", "sandbox"])
def test_the_templates_faults_name_the_paragraph(tmp_path: Path, paragraphs, context, expected):
    assert fault(make_template(tmp_path / "t.docx", paragraphs), context).startswith(expected)


def test_a_fault_in_a_table_names_the_cell(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["表"], table=[["项目", "数量"], ["拆违", "{{ 数 | 确数 }}"]])
    assert fault(template, {"数": "很多"}).startswith("t.docx: 表格1第2行第2列“{{ 数 | 确数 }}”: 模板中的值无法套用")


def test_a_paragraph_repeated_in_the_template_is_told_apart(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["{{ 值 | 确数 }}", "{% set 值 = '二' %}中间", "{{ 值 | 确数 }}"])
    assert fault(template, {"值": 1}).startswith("t.docx: 第3段“{{ 值 | 确数 }}”: 模板中的值无法套用")


def test_syntax_errors_surface_when_the_template_is_compiled(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["标题", "{% for x in 列表 %}{{ x }}", "结尾"])
    with pytest.raises(InputError) as caught:
        Renderer(Source(template, "t.docx"))
    assert "模板语法错误" in caught.value.lines()[0]


def test_tags_that_break_the_document_structure(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["前{% if 显示 %}甲"], table=[["乙{% endif %}后"]])
    assert "模板的标签打乱了文档结构" in fault(template, {"显示": False})
    assert render_docx(template, "t.docx", {"显示": True}, INFO)


def test_not_a_word_document(tmp_path: Path):
    bogus = tmp_path / "t.docx"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Renderer(Source(bogus, "t.docx"))
    assert "不是有效的 Word 模板" in caught.value.lines()[0]


def test_an_error_inside_a_filter_of_ours_is_not_the_templates(tmp_path: Path, monkeypatch):
    def broken(value: object) -> object:
        raise TypeError("a bug in reporter")

    monkeypatch.setattr(cnfmt.values, "to_decimal", broken)  # where the filters look it up
    template = make_template(tmp_path / "t.docx", ["{{ 数 | 确数 }}"])
    with pytest.raises(TypeError, match="a bug in reporter"):
        render_docx(template, "t.docx", {"数": 1}, INFO)


@pytest.mark.parametrize("error", [ValueError("bug"), TypeError("bug"), AttributeError("bug"), KeyError("bug"),
                                   ZeroDivisionError("bug")])
def test_an_error_inside_a_function_the_template_calls_is_not_the_templates(tmp_path: Path, error):
    def broken(*args: object) -> str:
        raise error

    template = make_template(tmp_path / "t.docx", ["{{ 函数('x') }}"])
    with pytest.raises(type(error)):
        render_docx(template, "t.docx", {"函数": broken}, INFO)


def test_a_refusal_on_purpose_inside_a_function_is_the_templates(tmp_path: Path):
    def strict(section: str) -> str:
        raise cnfmt.FormatError(f"“{section}”不是配置中的汇报部分代码")

    template = make_template(tmp_path / "t.docx", ["{{ 举措('卫生') }}"])
    assert "模板中的值无法套用：“卫生”不是配置中的汇报部分代码" in fault(template, {"举措": strict})


@pytest.mark.parametrize("paragraph, context, explained", [
    ("{{ 数 / 零 }}", {"数": 1, "零": 0}, "除数为零"),
    ("{{ 名称 + 1 }}", {"名称": "城管局"}, "不能这样运算"),
])
def test_calculation_faults_are_explained_in_chinese(tmp_path: Path, paragraph: str, context: dict, explained: str):
    import re

    line = fault(make_template(tmp_path / "t.docx", [paragraph]), context)
    message = line.split("模板中的计算无法进行：", 1)[1]
    assert explained in message and not re.search(r"[A-Za-z]{2,}", message), line
