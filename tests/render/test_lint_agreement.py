"""One set of checks: ``reporter lint`` refuses every template its command refuses, with the same
message at the same paragraph or table cell, and passes every template its command renders.

The corpus is generated here: defects of every kind (syntax, names, attributes that exist only
when rendered, values a filter refuses, arithmetic, the sandbox) placed in a paragraph or in a
table cell of an otherwise good template. Templates that look back (上期, 累计, 同期, 环比 …) are
refused alike when those months' workbooks are in, and still refused by lint before they are.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reporter import pipeline
from reporter.errors import InputError
from tests.conftest import copy_example, make_template, run, snapshot

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


def broken(path: Path, defect: str, place: str, good: str = GOOD) -> Path:
    paragraphs = [good, defect if place == "second" else good, NOTES, defect if place == "fourth" else good]
    cell = defect if place == "cell" else "{{ 指标.私搭乱建 | 确数 }}"
    return make_template(path, paragraphs, table=[["项目", "数量"], ["拆违", cell]])


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("agreement") / "ws")


def report_problems(ws: Path, allow_missing: bool = False, period: str | None = None) -> set[str]:
    try:
        pipeline.build_report(ws, allow_missing, period=period)
    except InputError as e:
        return {str(p) for p in e.problems}
    return set()


def lint_problems(ws: Path, template: Path, period: str | None = None) -> set[str]:
    return {str(p) for p in pipeline.lint(ws, template, period).problems}


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


# --- templates that look back to earlier months -------------------------------------------------

# A report paragraph using 上期, the comparisons with it and 累计 (the example has 2018-09 to 2018-11).
LOOKING_BACK = ("上月拆除{{ 上期.私搭乱建 | 确数 }}，环比{{ 指标.私搭乱建 | 环比 }}，"
                "比上月{{ 指标.私搭乱建 | 比上期 }}，累计拆除{{ 累计.私搭乱建 | 确数 }}。")
REPORT_TEMPLATE = Path("templates") / "docx" / "工作情况汇报.docx"

# Each defect of a template looking back: the text of one paragraph or cell the report cannot render.
HISTORY_DEFECTS = {
    "unknown-indicator-previous": "{{ 上期.拆违数量 }}",
    "unknown-filter-running": "{{ 累计.私搭乱建 | 确切数 }}",
    "unknown-indicator-year-before": "{{ 同期.拆违数量 }}",
    "attribute-at-render-previous": "{{ 上期.私搭乱建.target }}",
    "comparison-of-an-earlier-figure": "{{ 上期.私搭乱建 | 环比 }}",
    "comparison-with-text": "{{ 指标.私搭乱建 | 环比('x') }}",
    "scope-as-a-number": "{{ 上期 | 确数 }}",
    "running-plus-number": "{{ 累计.私搭乱建 + 1 }}",
    "previous-by-zero": "{{ 上期.私搭乱建 / 0 }}",
}
HISTORY_CASES = [(name, PLACES[i % len(PLACES)]) for i, name in enumerate(HISTORY_DEFECTS)]
ONLY_THIS_MONTH = ["已按2018年11月各单位报送的数据试排", "2018年9月（累计）、2018年10月（上期）尚无填报表，试排时用虚拟数据代替"]


@pytest.fixture(scope="module")
def early_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace before 2018-09 and 2018-10 were reported: only the report month's workbooks."""
    ws = copy_example(tmp_path_factory.mktemp("early") / "ws")
    for month in ("2018-09", "2018-10"):
        shutil.rmtree(ws / "inputs" / month)
    return ws


def in_both(workspaces: tuple[Path, ...], defect: str, place: str) -> None:
    """The report template of each workspace: ``LOOKING_BACK`` with ``defect`` at ``place``."""
    for ws in workspaces:
        broken(ws / REPORT_TEMPLATE, defect, place, LOOKING_BACK)


@pytest.mark.parametrize("name, place", HISTORY_CASES, ids=[f"{n}-{p}" for n, p in HISTORY_CASES])
def test_a_template_looking_back_is_refused_alike_with_and_before_the_earlier_months(
        ws: Path, early_ws: Path, name: str, place: str):
    in_both((ws, early_ws), HISTORY_DEFECTS[name], place)
    refused = report_problems(ws)
    assert refused, f"the report accepted the defect {name}"
    assert lint_problems(ws, ws / REPORT_TEMPLATE) == refused
    assert lint_problems(early_ws, early_ws / REPORT_TEMPLATE) == refused
    label = "表格1第2行第2列" if place == "cell" else {"second": "第2段", "fourth": "第4段"}[place]
    assert all(f": {label}" in problem for problem in refused), refused


def test_a_refusal_that_depends_on_the_figures_is_found_at_the_same_place_before_the_earlier_months(
        ws: Path, early_ws: Path):
    in_both((ws, early_ws), "{{ 累计.私搭乱建 | 约数(10000) }}", "fourth")
    refused, before = report_problems(ws), lint_problems(early_ws, early_ws / REPORT_TEMPLATE)

    def figure_left_out(problems: set[str]) -> set[str]:
        return {re.sub(r"：\d+ 不到", "：N 不到", p) for p in problems}

    assert len(refused) == 1 and "不到一个取整单位 10000" in next(iter(refused))
    assert figure_left_out(before) == figure_left_out(refused)


def test_a_template_looking_back_passes_before_those_months_are_in(early_ws: Path):
    in_both((early_ws,), LOOKING_BACK, "second")
    assert any("缺少2018年10月的数据" in p for p in report_problems(early_ws))  # the report cannot yet
    before = snapshot(early_ws)
    result = pipeline.lint(early_ws, early_ws / REPORT_TEMPLATE)
    assert result.problems == []
    assert result.notes == ONLY_THIS_MONTH
    assert snapshot(early_ws) == before  # the stand-ins are written nowhere


def test_only_the_months_a_template_looks_at_are_named(ws: Path, early_ws: Path):
    year_before_only = [GOOD, "同期拆除{{ 同期.私搭乱建 | 确数 }}，同比{{ 指标.私搭乱建 | 同比 }}。"]
    note = "2017年11月（同期）尚无填报表，试排时用虚拟数据代替"
    for folder in (ws, early_ws):
        result = pipeline.lint(folder, make_template(folder / REPORT_TEMPLATE, year_before_only))
        assert (result.problems, result.notes) == ([], ["已按2018年11月各单位报送的数据试排", note])
    result = pipeline.lint(early_ws, make_template(early_ws / REPORT_TEMPLATE, [GOOD]))
    assert result.notes == ["已按2018年11月各单位报送的数据试排"]


def test_units_missing_or_invalid_in_an_earlier_month_are_stood_in_for(ws: Path, tmp_path: Path):
    partial = copy_example(tmp_path / "ws")
    (partial / "inputs" / "2018-10" / "西城街道.xlsx").write_bytes(b"not a workbook")
    (partial / "inputs" / "2018-10" / "区商务局.xlsx").unlink()
    in_both((ws, partial), HISTORY_DEFECTS["attribute-at-render-previous"], "cell")
    with pytest.raises(InputError):  # the report stops at the earlier month's workbooks
        pipeline.build_report(partial)
    result = pipeline.lint(partial, partial / REPORT_TEMPLATE)
    assert {str(p) for p in result.problems} == report_problems(ws) != set()
    assert result.notes == ["已按2018年11月各单位报送的数据试排",
                            "2018年10月（上期）西城街道、区商务局 2 个单位尚未报送或填报表有误，试排时用虚拟数据代替"]


def test_lint_tries_the_template_as_the_report_of_the_period_asked_for(ws: Path, early_ws: Path):
    in_both((ws, early_ws), HISTORY_DEFECTS["attribute-at-render-previous"], "second")
    refused = report_problems(ws, period="2018-10")
    assert refused
    assert lint_problems(ws, ws / REPORT_TEMPLATE, "2018-10") == refused
    assert lint_problems(early_ws, early_ws / REPORT_TEMPLATE, "2018-10") == refused
    in_both((ws, early_ws), LOOKING_BACK, "second")
    assert report_problems(ws, period="2018-10") == set()
    assert pipeline.lint(ws, ws / REPORT_TEMPLATE, "2018-10").notes == ["已按2018年10月各单位报送的数据试排"]
    result = pipeline.lint(early_ws, early_ws / REPORT_TEMPLATE, "2018-10")
    assert result.problems == []
    assert result.notes == ["2018年10月尚无填报表，试排时用虚拟数据代替", "2018年9月（上期）尚无填报表，试排时用虚拟数据代替"]


def test_lint_command_with_a_period(early_ws: Path):
    in_both((early_ws,), LOOKING_BACK, "second")
    template = early_ws / REPORT_TEMPLATE
    result = run("lint", "-w", early_ws, template)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"说明：{note}" for note in ONLY_THIS_MONTH] + ["模板检查通过。"]
    result = run("lint", "-w", early_ws, "--period", "2018-10", template)
    assert result.exit_code == 0, result.output
    assert "说明：2018年9月（上期）尚无填报表，试排时用虚拟数据代替" in result.output.splitlines()
    assert run("lint", "-w", early_ws, "--period", "2018-13", template).exit_code == 2
    notice = make_template(early_ws / "督查通报.docx", ["{{ 活动.名称 }}"])
    result = run("lint", "-w", early_ws, "--period", "2018-10", notice)
    assert result.exit_code == 2
    assert "督查通报模板按最近一轮督查记录试排，与报送期无关，请去掉 --period" in result.output
