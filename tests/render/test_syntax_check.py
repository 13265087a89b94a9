"""Every syntax problem of a template in one run, in paragraph order, each at its paragraph; the
names of a template with syntax problems are still checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import cli
from reporter.render.environment import make_environment
from reporter.render.syntax_check import neutral_source, syntax_problems
from tests.conftest import make_template

BROKEN = [
    "标题",
    "{{ 指标.私搭乱建 | 确数 }",                  # 2: a tag never ended
    "{% if 指标.私搭乱建 > %}有拆违",              # 3: an expression cut short, and the if never closed
    "{{ 指标.私搭乱建 | 约数(10 }}",               # 4: a bracket left open
    "{% endfor %}",                                # 5: an end with no opener
    "{{ 拆违数 }}处",                              # 6: a name the workspace does not have
    "{%p for 段 in 举措('党建') %}",               # 7: a loop never closed
    "{{ 段.全文 }}",
    "{{ 举措('党建) }}",                           # 9: a quote left open
    "多余的 }} 括号",                              # 10: a closing brace with no tag
]


def test_every_problem_is_reported_in_paragraph_order(example_ws: Path, tmp_path: Path):
    template = make_template(tmp_path / "多处错误.docx", BROKEN)
    result = CliRunner().invoke(cli, ["lint", "-w", str(example_ws), str(template)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "多处错误.docx: " in line and not line.startswith("提示")]
    places = [line.split(": ")[1] for line in lines]
    assert places == ["第2段", "第3段", "第3段", "第4段", "第5段", "第6段", "第7段", "第9段", "第10段"]
    said = "\n".join(lines)
    for words in ("{{ 之后缺少 }}", "{% if %} 没有闭合", "括号不成对", "多余的 {% endfor %}", "未定义的变量 拆违数",
                  "{% for %} 没有闭合", "引号不成对", "多了一个“}}”"):
        assert words in said, words
    assert "段.全文" not in said  # the loop variable is known inside the loop left open


def test_report_lists_the_same_problems(example_ws: Path):
    make_template(example_ws / "templates" / "docx" / "工作情况汇报.docx", BROKEN)
    result = CliRunner().invoke(cli, ["report", "-w", str(example_ws)])
    assert result.exit_code == 1
    assert result.output.count("工作情况汇报.docx: 第") == 9
    assert not (example_ws / "outputs").exists()


@pytest.mark.parametrize("source, lines", [
    ("{% if a %}\n{% for b in c %}\n{% endif %}", [2]),        # the for is closed by nothing
    ("{% else %}\n{{ a }}", [1]),                               # else outside if
    ("{% for a in b %}{% else %}{% endfor %}", []),            # for … else is fine
    ("{% set x = 1 %}{{ x }}", []),
    ("{% set x %}文字{% endset %}{{ x }}", []),
    ("{%- if a -%}x{%- endif -%}", []),
    ("{% if a %}\n{% elif %}\n{% endif %}", [2]),
    ("{% endif x %}", [1, 1]),                                  # words after endif; no if to end
    ("{# 注释 #}{{ a }}", []),
])
def test_structure_across_paragraphs(source: str, lines: list[int]):
    env = make_environment()
    assert [p.line for p in syntax_problems(env, source)] == lines


def test_neutral_source_compiles_whatever_the_problems():
    env = make_environment()
    source = "\n".join(["{{ a }", "{% if b > %}", "{% endfor %}", "{% for x in y %}", "{{ x }}", "}} {% endif"])
    env.parse(neutral_source(env, source))  # does not raise
