"""One set of checks: ``reporter lint`` refuses every template its command refuses, with the same
message at the same paragraph or table cell, and passes every template its command renders.

The corpus is generated here: defects of every kind (syntax, names, attributes that exist only
when rendered, values a filter refuses, arithmetic, the sandbox) placed in a paragraph or in a
table cell of an otherwise good template.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reporter import pipeline
from reporter.errors import InputError
from tests.conftest import copy_example, make_template

GOOD = "依法拆除私搭乱建{{ 指标.私搭乱建 | 确数 }}。"
NOTES = "{{ 连写('党建') }}"

# Each defect: the text of one paragraph or cell that the report cannot render.
DEFECTS = {
    "brace": "{{ 指标.私搭乱建 | 确数 }",
    "unknown-tag": "{% 如果 指标 %}",
    "stray-end": "{% endif %}",
    "quote": "{{ 序号('党建) }}",
    "full-width": "{{ 指标.私搭乱建 ！}}",
    "empty": "{{ }}",
    "unknown-name": "{{ 拆违数 }}处",
    "unknown-indicator": "{{ 指标.拆违数量 }}",
    "unknown-filter": "{{ 指标.私搭乱建 | 确切数 }}",
    "attribute-at-render": "{{ 指标.私搭乱建.target }}",
    "refused-value": "{{ 指标.私搭乱建 | 约数(10000) }}",
    "wrong-kind": "{{ 举措('党建') | 确数 }}",
    "division": "{{ 任务.总数 / 0 }}",
    "text-plus-number": "{{ 活动.标题 + 1 }}",
    "sandbox": "{{ 活动.__class__ }}",
    "unknown-section": "{{ 序号('卫生') }}",
}
# Where each defect is put, in turn: a paragraph, a later paragraph, a table cell.
PLACES = ("second", "fourth", "cell")


def broken(path: Path, defect: str, place: str) -> Path:
    paragraphs = [GOOD, defect if place == "second" else GOOD, NOTES, defect if place == "fourth" else GOOD]
    cell = defect if place == "cell" else "{{ 指标.私搭乱建 | 确数 }}"
    return make_template(path, paragraphs, table=[["项目", "数量"], ["拆违", cell]])


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("agreement") / "ws")


def report_problems(ws: Path, allow_missing: bool = False) -> set[str]:
    try:
        pipeline.build_report(ws, allow_missing)
    except InputError as e:
        return {str(p) for p in e.problems}
    return set()


def lint_problems(ws: Path, template: Path) -> set[str]:
    return {str(p) for p in pipeline.lint(ws, template).problems}


CASES = [(name, PLACES[i % len(PLACES)]) for i, name in enumerate(DEFECTS)]


@pytest.mark.parametrize("name, place", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_lint_refuses_what_report_refuses_at_the_same_place(ws: Path, name: str, place: str):
    template = broken(ws / "templates" / "docx" / "工作情况汇报.docx", DEFECTS[name], place)
    refused = report_problems(ws)
    assert refused, f"the report accepted the defect {name}"
    assert lint_problems(ws, template) == refused
    label = "表格1第2行第2列" if place == "cell" else {"second": "第2段", "fourth": "第4段"}[place]
    assert all(f": {label}" in problem for problem in refused), refused


def test_lint_passes_what_report_renders(ws: Path):
    template = broken(ws / "templates" / "docx" / "工作情况汇报.docx", GOOD, "second")
    assert report_problems(ws) == set()
    result = pipeline.lint(ws, template)
    assert result.problems == []
    assert result.notes == ["已按2018年11月各单位报送的数据试排"]


def test_units_not_yet_reported_are_stood_in_for(tmp_path: Path):
    ws = copy_example(tmp_path / "ws")
    for name in ("西城街道.xlsx", "区商务局.xlsx"):
        (ws / "inputs" / "2018-11" / name).unlink()
    template = broken(ws / "templates" / "docx" / "工作情况汇报.docx", DEFECTS["attribute-at-render"], "fourth")
    result = pipeline.lint(ws, template)
    assert {str(p) for p in result.problems} == report_problems(ws, allow_missing=True) != set()
    assert result.notes == ["西城街道、区商务局 2 个单位尚未报送或填报表有误，试排时用虚拟数据代替"]


def test_a_report_template_is_tried_before_any_unit_reported(tmp_path: Path):
    ws = copy_example(tmp_path / "ws")
    shutil.rmtree(ws / "inputs" / "2018-11")
    template = broken(tmp_path / "草稿.docx", DEFECTS["attribute-at-render"], "cell")
    problems = [str(p) for p in pipeline.lint(ws, template).problems]
    assert problems == [f"{template}: 表格1第2行第2列“{DEFECTS['attribute-at-render']}”: 未定义的变量或属性：target"]


def test_a_per_unit_template_is_tried_for_every_unit(tmp_path: Path):
    ws = copy_example(tmp_path / "ws")
    template = make_template(ws / "templates" / "docx" / "整改通知书.docx", ["{{ 单位.简称 }}：", "{{ 单位.负责人 }}"])
    with pytest.raises(InputError) as refused:
        pipeline.build_notice(ws)
    result = pipeline.lint(ws, template)
    assert {str(p) for p in result.problems} == {str(p) for p in refused.value.problems}
    assert [p.where for p in result.problems] == ["第2段“{{ 单位.负责人 }}”"]
    assert result.notes[0].startswith("已按第2轮督查记录试排")
