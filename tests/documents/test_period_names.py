"""The names of the months a report compares with (上期.报送期, 同期.报送期, 累计.起始期 and
累计.报送期), written whether or not those months' figures are there; and 比上期 on a
percentage in percentage points, end to end through ``reporter report``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import docx_paragraphs, make_template, run

REPORT = Path("outputs") / "工作情况汇报.docx"


def use_template(ws: Path, paragraphs: list[str]) -> Path:
    return make_template(ws / "templates" / "docx" / "工作情况汇报.docx", paragraphs)


def test_month_names_follow_the_period(example_ws: Path):
    use_template(example_ws, ["与{{ 上期.报送期 }}相比，去年同期为{{ 同期.报送期 }}，"
                              "{{ 累计.起始期 }}至{{ 累计.报送期 }}"])
    assert run("report", "-w", example_ws).exit_code == 0
    assert docx_paragraphs(example_ws / REPORT) == ["与2018年10月相比，去年同期为2017年11月，2018年9月至2018年11月"]
    earlier = run("report", "-w", example_ws, "--period", "2018-10")
    assert earlier.exit_code == 0, earlier.output
    assert docx_paragraphs(example_ws / REPORT) == ["与2018年9月相比，去年同期为2017年10月，2018年9月至2018年10月"]


def test_month_names_need_no_figures_of_that_month(example_ws: Path):
    """No workbook of 2018-10 and none of 2017-11: the names are written all the same, without
    --allow-missing, while a figure of those months is refused."""
    for path in (example_ws / "inputs" / "2018-10").iterdir():
        path.unlink()
    use_template(example_ws, ["{{ 上期.报送期 }}、{{ 同期.报送期 }}"])
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert docx_paragraphs(example_ws / REPORT) == ["2018年10月、2017年11月"]
    use_template(example_ws, ["{{ 上期.报送期 }}拆除{{ 上期.私搭乱建 }}"])
    refused = run("report", "-w", example_ws)
    assert refused.exit_code == 1 and "缺少2018年10月的数据" in refused.output


def test_without_start_running_totals_start_this_month(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('start = "2018-09"', ""), encoding="utf-8")
    use_template(example_ws, ["{{ 累计.起始期 }}至{{ 累计.报送期 }}"])
    assert run("report", "-w", example_ws).exit_code == 0
    assert docx_paragraphs(example_ws / REPORT) == ["2018年11月至2018年11月"]


def test_a_percentage_changes_in_points_as_both_figures_are_written(example_ws: Path):
    use_template(example_ws, ["{{ 指标.志愿者占比 | 确数 }}，上月{{ 上期.志愿者占比 | 确数 }}，"
                              "比上月{{ 指标.志愿者占比 | 比上期 }}"])
    assert run("report", "-w", example_ws).exit_code == 0
    [text] = docx_paragraphs(example_ws / REPORT)
    now, before = (float(part.split("%")[0]) for part in (text, text.split("上月")[1]))
    assert text == f"{now:.2f}%，上月{before:.2f}%，比上月提高{now - before:.2f}个百分点"


@pytest.mark.parametrize(("tag", "words"), [
    ("{{ 上期.起始期 }}", "起始期"),  # only 累计 starts somewhere
    ("{{ 指标.报送期 }}", "报送期"),  # 活动.报送期 names this month
])
def test_lint_knows_which_period_has_which_name(example_ws: Path, tmp_path: Path, tag: str, words: str):
    good = make_template(tmp_path / "好.docx", ["{{ 上期.报送期 }}{{ 同期.报送期 }}{{ 累计.起始期 }}{{ 累计.报送期 }}"])
    assert run("lint", "-w", example_ws, good).exit_code == 0
    bad = make_template(tmp_path / "坏.docx", [tag])
    result = run("lint", "-w", example_ws, bad)
    assert result.exit_code == 1 and "第1段" in result.output and words in result.output, result.output


def test_an_indicator_cannot_take_the_name_of_a_month(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8").replace('code = "成员单位"', 'code = "报送期"')
    config.write_text(text, encoding="utf-8")
    result = run("check", "-w", example_ws)
    assert result.exit_code == 1 and "“报送期” 是模板中月份的名称" in result.output, result.output
