"""reporter lint: each planted defect is found at its paragraph or cell; shipped templates are clean;
the sandbox refuses templates that reach for Python internals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import cli
from reporter.errors import InputError
from reporter.render.renderer import DocumentInfo, render_docx
from tests.conftest import make_template


def lint(example_ws: Path, template: Path):
    return CliRunner().invoke(cli, ["lint", "-w", str(example_ws), str(template)])


GOOD = "依法拆除私搭乱建{{ 指标.私搭乱建 | 确数 }}。"

DEFECTS = [
    ("syntax", ["标题", "{{ 指标.私搭乱建 | 确数 }"], "第2段", "模板语法错误"),
    ("unclosed-for", ["{%p for 段 in 举措('党建') %}", "{{ 段.全文 }}"], "第1段", "{% for %} 没有闭合"),  # where it opens
    ("unknown-variable", [GOOD, "{{ 拆违数 }}处"], "第2段", "未定义的变量 拆违数"),
    ("unknown-indicator", [GOOD, GOOD, "{{ 指标.拆除私搭 | 确数 }}"], "第3段", "是不是“私搭乱建"),
    ("indicator-by-name", ["{{ 指标.依法拆除私搭乱建 }}"], "第1段", "是不是“私搭乱建”"),
    ("unknown-filter", [GOOD, "{{ 指标.私搭乱建 | 确切数 }}"], "第2段", "未知的过滤器 确切数，是不是“确数"),
    ("unknown-section", ["{{ 序号('卫生') }}有效改善市容环境。"], "第1段", "不是配置中的汇报部分代码"),
    ("sandbox-escape", ["{{ cycler.__init__.__globals__.os }}"], "第1段", "未定义的变量 cycler"),
]


@pytest.mark.parametrize("name, paragraphs, where, words", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_planted_defect_is_found_with_its_place(example_ws: Path, tmp_path: Path, name, paragraphs, where, words):
    template = make_template(tmp_path / f"{name}.docx", paragraphs)
    result = lint(example_ws, template)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if f": {where}: " in line]
    assert any(words in line for line in lines), result.output


def test_defect_in_a_table_cell_names_the_cell(example_ws: Path, tmp_path: Path):
    template = make_template(tmp_path / "table.docx", [GOOD], table=[["项目", "数量"], ["拆违", "{{ 指标.拆违 }}"]])
    result = lint(example_ws, template)
    assert result.exit_code == 1
    assert "表格1第2行第2列: 未定义的变量 指标.拆违" in result.output


def test_shipped_template_is_clean(example_ws: Path):
    result = lint(example_ws, example_ws / "templates" / "docx" / "工作情况汇报.docx")
    assert result.exit_code == 0, result.output
    assert "模板检查通过" in result.output


def test_not_a_docx(example_ws: Path, tmp_path: Path):
    bogus = tmp_path / "x.docx"
    bogus.write_text("hello", encoding="utf-8")
    result = lint(example_ws, bogus)
    assert result.exit_code == 1 and "不是有效的 Word 文档" in result.output


def test_report_refuses_a_broken_template_and_writes_nothing(example_ws: Path):
    make_template(example_ws / "templates" / "docx" / "工作情况汇报.docx", [GOOD, "{{ 指标.拆违数量 }}"])
    result = CliRunner().invoke(cli, ["report", "-w", str(example_ws)])
    assert result.exit_code == 1
    assert "templates/docx/工作情况汇报.docx: 第2段: 未定义的变量 指标.拆违数量" in result.output
    assert not (example_ws / "outputs").exists()


@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ 活动.__class__ }}",
    "{{ 序号.__globals__ }}",
])
def test_sandbox_refuses_escapes_at_render(tmp_path: Path, payload: str):
    template = make_template(tmp_path / "evil.docx", [payload])
    context = {"活动": {"名称": "x"}, "序号": lambda s: s}
    info = DocumentInfo("t", "a", dt.datetime(2018, 11, 26))
    with pytest.raises(InputError) as caught:
        render_docx(template, "evil.docx", context, info)
    assert "evil.docx" in caught.value.lines()[0]
