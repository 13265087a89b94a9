"""``reporter check`` checks every month the report needs: the report month and the months of
累计, 上期 and 同期 its template looks back to, exactly those ``reporter report`` reads; each
problem names its month, and the last lines say which months were covered."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporter import pipeline
from reporter.intake import parallel_read
from tests.conftest import make_template, run, snapshot

BROKEN_CELL = "工作指标!D3"


def use_template(ws: Path, paragraphs: list[str]) -> None:
    make_template(ws / "templates" / "docx" / "工作情况汇报.docx", paragraphs)


def break_cell(ws: Path, month: str, unit: str = "东城街道") -> str:
    """Type 两千 into a figure of ``unit``'s workbook of ``month``; the problem's place."""
    path = ws / "inputs" / month / f"{unit}.xlsx"
    wb = load_workbook(path)
    wb["工作指标"]["D3"].value = "两千"
    wb.save(path)
    return f"inputs/{month}/{unit}.xlsx:{BROKEN_CELL}"


def test_a_template_without_earlier_months_keeps_the_report_months_lines(example_ws: Path):
    break_cell(example_ws, "2018-10")  # never read: the template does not look back
    result = run("check", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-3:] == [
        "共检查 22 个文件，未发现问题。",
        "2018年11月应报单位 19 个，已报 19 个，未报 0 个。",
        "本次检查了 2018年11月（本期）的填报表（汇报模板不用往期的数字）。",
    ]


def test_a_broken_workbook_of_last_month_is_found_by_check_as_report_finds_it(example_ws: Path):
    place = break_cell(example_ws, "2018-10")
    use_template(example_ws, ["比上月{{ 指标.私搭乱建 | 比上期 }}"])
    result = run("check", "-w", example_ws)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    problem = next(line for line in lines if place in line)
    assert problem.startswith(f"2018年10月（上期）：{place}: ") and "“两千” 不是数字" in problem
    # The report month's lines are as before; the earlier month's summary, then which months.
    assert "共检查 22 个文件，未发现问题。" in lines
    assert "2018年10月（上期）：共检查 19 个文件，发现 1 处问题；应报单位 19 个，已报 19 个，未报 0 个。" in lines
    assert lines[-2:] == [
        "本次检查了 2018年11月（本期）的填报表，以及汇报模板用到的 2018年10月（上期）的填报表。",
        "往期填报表发现 1 处问题，请按上面的提示修改（汇报要用到这些月份的数字，不改正将无法生成汇报）。",
    ]
    assert not (example_ws / "outputs" / ".cache").exists()  # a check that finds problems stores nothing
    report = run("report", "-w", example_ws)
    assert report.exit_code == 1 and place in report.output


def test_only_the_months_the_template_needs_are_checked_and_read(example_ws: Path):
    """上期 alone: September (a month of 累计) is neither checked nor read by report."""
    break_cell(example_ws, "2018-09")
    use_template(example_ws, ["上月{{ 上期.私搭乱建 }}"])
    check = run("check", "-w", example_ws)
    assert check.exit_code == 0, check.output
    assert "2018-09" not in check.output and "2018年9月" not in check.output
    assert run("report", "-w", example_ws).exit_code == 0
    use_template(example_ws, ["累计{{ 累计.私搭乱建 }}"])
    for command in ("check", "report"):
        result = run(command, "-w", example_ws)
        assert result.exit_code == 1 and "inputs/2018-09/东城街道.xlsx:工作指标!D3" in result.output


def test_each_month_is_named_with_its_word_and_a_missing_month_is_said(example_ws: Path):
    (example_ws / "inputs" / "2018-09" / "区商务局.xlsx").unlink()
    use_template(example_ws, ["{{ 累计.私搭乱建 }}{{ 指标.私搭乱建 | 同比 }}{{ 上期.私搭乱建 }}"])
    result = run("check", "-w", example_ws)
    assert result.exit_code == 0, result.output  # units not reported and months without workbooks are no errors
    lines = result.output.splitlines()
    assert "2017年11月（同期）：inputs/2017-11/ 中没有填报表，汇报用到该月的数字时会缺数。" in lines
    assert ("2018年9月（累计）：共检查 18 个文件，未发现问题；应报单位 19 个，已报 18 个，未报 1 个：区商务局。"
            in lines)
    assert lines[-1] == ("本次检查了 2018年11月（本期）的填报表，以及汇报模板用到的 "
                         "2017年11月（同期）、2018年9月（累计）、2018年10月（上期）的填报表。")


def test_check_of_another_period_looks_back_from_it(example_ws: Path):
    use_template(example_ws, ["{{ 上期.私搭乱建 }}"])
    result = run("check", "-w", example_ws, "--period", "2018-10")
    assert result.exit_code == 0, result.output
    assert "2018年9月（上期）：共检查 19 个文件，未发现问题" in result.output
    assert result.output.splitlines()[-1] == ("本次检查了 2018年10月（本期）的填报表，"
                                             "以及汇报模板用到的 2018年9月（上期）的填报表。")


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The unit workbooks parsed from here on, by folder and name."""
    parsed: list[str] = []
    real = parallel_read.read_submission

    def counting(source, campaign, tasks):
        parsed.append(f"{source.path.parent.name}/{source.path.name}")
        return real(source, campaign, tasks)

    monkeypatch.setattr(parallel_read, "read_submission", counting)
    return parsed


def test_report_after_check_parses_no_workbook_of_any_month(example_ws: Path, parses: list[str]):
    use_template(example_ws, ["{{ 累计.私搭乱建 }}"])
    result = pipeline.check_inputs(example_ws)
    assert [m.name for m in result.earlier] == ["2018年9月（累计）", "2018年10月（累计）"]
    assert len(parses) == 3 * 19
    parses.clear()
    pipeline.build_report(example_ws)
    assert parses == []


def test_the_boards_check_job_gives_the_same_months(example_ws: Path):
    from reporter.web.office_work import check_work
    from reporter.web.jobs import Job
    from reporter.workspace import open_workspace

    break_cell(example_ws, "2018-10")
    use_template(example_ws, ["{{ 上期.私搭乱建 }}"])
    before = snapshot(example_ws / "outputs")
    class ProgressRows:  # the job's progress is not what this test is about
        def set(self, job_id: str, **fields) -> None:
            pass

    lines, name, data = check_work(open_workspace(example_ws))(Job(ProgressRows(), "check"))
    assert name == "检查结果.txt" and data.decode("utf-8").splitlines() == lines
    assert any(line.startswith("2018年10月（上期）：inputs/2018-10/东城街道.xlsx:工作指标!D3") for line in lines)
    assert lines[-2].startswith("本次检查了 2018年11月（本期）的填报表，以及汇报模板用到的 2018年10月（上期）")
    assert snapshot(example_ws / "outputs") == before
