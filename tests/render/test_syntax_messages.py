"""Jinja's syntax errors reach users in Chinese, at the paragraph to fix: each kind of mistake a
template author makes, checked through ``reporter lint`` (which ``reporter report`` runs first)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, TemplateSyntaxError

from reporter.render import syntax_messages
from tests.conftest import make_template, run
from tests.chinese_rule import english_words

GOOD = "依法拆除私搭乱建{{ 指标.私搭乱建 | 确数 }}。"

# (paragraphs, the paragraph to fix, what the message says)
MISTAKES = {
    "lone-brace": ([GOOD, "{{ 指标.私搭乱建 | 确数 }"], "第2段", "标签没有结束：{{ 之后缺少 }}"),
    "unknown-tag": (["{% 如果 指标 %}", GOOD], "第1段", "不认识的标签 {% 如果 %}"),
    "stray-end": ([GOOD, "{% endfor %}"], "第2段", "多余的 {% endfor %}：前面没有与之配对的 {% for %}"),
    "crossed-blocks": (["{% if 任务.总数 %}", "{% for x in 各部分 %}{% endif %}"], "第2段",
                       "{% for %} 没有闭合（其后先遇到了 {% endif %}），请在它应当结束的地方加上 {% endfor %}"),
    "unclosed-if": (["{% if 任务.总数 %}", GOOD, GOOD], "第1段", "{% if %} 没有闭合，请在它应当结束的地方加上 {% endif %}"),
    "unclosed-nested": ([GOOD, "{% for x in 各部分 %}{% if x %}", "{% endif %}", GOOD], "第2段", "{% for %} 没有闭合"),
    "else-alone": (["{% else %}"], "第1段", "{% else %} 只能写在 {% if %} 与 {% endif %} 之间"),
    "open-quote": ([GOOD, "{{ 序号('党建) }}", "{{ 连写('党建') }}"], "第2段", "引号不成对"),
    "full-width-mark": (["{{ 指标.私搭乱建 ！}}"], "第1段", "不能使用的字符“!”"),  # ！ is read as !
    "empty-output": (["{{ }}"], "第1段", "标签里缺少内容"),
    "dot-at-end": (["{{ 指标. }}"], "第1段", "点号之后缺少名称"),
    "missing-close": (["{{ 指标.私搭乱建 确数 }}"], "第1段", "此处应为“}}”"),
    "no-tag-name": (["{% %}"], "第1段", "{% 之后缺少标签名"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_syntax_error_is_told_in_chinese_at_its_paragraph(example_ws: Path, tmp_path: Path, name: str):
    paragraphs, where, words = MISTAKES[name]
    template = make_template(tmp_path / f"{name}.docx", paragraphs)
    result = run("lint", "-w", example_ws, template)
    assert result.exit_code == 1, result.output
    line = next(line for line in result.output.splitlines() if "模板语法错误" in line)
    assert line.startswith(f"{template}: {where}: 模板语法错误："), line
    assert words in line, line
    assert english_words(line.replace(str(template), "")) == [], line


def jinja_message(source: str) -> str:
    try:
        Environment().parse(source)
    except TemplateSyntaxError as e:
        return e.message or ""
    raise AssertionError(f"{source!r} parses")


@pytest.mark.parametrize("source", [
    "{{ a }", "{% foo %}", "{% endfor %}", "{% if a %}{% endfor %}", "{% for a in b %}", "{{ 'a }}", "{{ a ！}}",
    "{{ }}", "{{ a. }}", "{{ a b }}", "{% %}", "{{ a(1=2) }}", "{{ a ) }}", "{{ (a }}", "{{ a | }}",
    "{# x", "{% if %}", "{% for in b %}{% endfor %}", "{% set %}", "{{ a.1x }}", "{% macro %}",
])
def test_every_explanation_is_chinese(source: str):
    explained = syntax_messages.explain(jinja_message(source))
    assert english_words(explained) == [], (source, explained)


def test_every_fixed_text_is_chinese():
    texts = [syntax_messages.GENERAL, syntax_messages.UNBALANCED_QUOTE, *syntax_messages.TOKENS.values()]
    assert all(english_words(text) == [] for text in texts), texts
