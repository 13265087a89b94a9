"""``reporter check`` and the office board's check job show the same lines (``check_lines``):
the same sentences about files, problems, units, notices and late reports, for the same workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from reporter.pipeline.check import check_inputs
from reporter.pipeline.check_lines import check_lines, files_sentence, units_sentence
from reporter.web.jobs import Job
from reporter.web.office_work import check_work
from reporter.workspace import open_workspace
from tests.conftest import run


class ProgressRows:
    """Where a job records its progress; not what these tests are about."""

    def set(self, job_id: str, **fields) -> None:
        pass


def board_lines(ws: Path) -> list[str]:
    lines, name, data = check_work(open_workspace(ws))(Job(ProgressRows(), "check"))
    assert name == "检查结果.txt" and data.decode("utf-8").splitlines() == lines
    return lines


def test_a_clean_workspace_reads_the_same_on_the_command_line_and_the_board(example_ws: Path):
    result = run("check", "-w", example_ws)
    assert result.exit_code == 0, result.output
    lines = board_lines(example_ws)
    assert result.stdout.splitlines() == lines
    assert lines[:2] == ["共检查 22 个文件，未发现问题。", "2018年11月应报单位 19 个，已报 19 个，未报 0 个。"]


def test_problems_missing_and_late_units_read_the_same_on_both(example_ws: Path):
    inputs = example_ws / "inputs" / "2018-11"
    (inputs / "西城街道.xlsx").unlink()
    book = load_workbook(inputs / "东城街道.xlsx")
    book["工作指标"]["D3"].value = "两千"
    book.save(inputs / "东城街道.xlsx")
    book = load_workbook(inputs / "区卫健局.xlsx")
    book["基本信息"]["B8"] = dt.datetime(2018, 11, 23)
    book.save(inputs / "区卫健局.xlsx")
    result = run("check", "-w", example_ws)
    assert result.exit_code == 1
    lines = board_lines(example_ws)
    assert result.stdout.splitlines() == lines
    assert "共检查 21 个文件，发现 1 处问题，请按上面的提示修改。" in lines
    assert "2018年11月应报单位 19 个，已报 18 个，未报 1 个。" in lines
    assert "未报单位：西城街道" in lines
    assert "逾期报送（按填报日期）：区卫健局（11月23日，逾期3天）" in lines


def test_the_sentences_come_from_the_result(example_ws: Path):
    result = check_inputs(example_ws)
    assert files_sentence(result) == f"共检查 {len(result.files)} 个文件，未发现问题。"
    assert units_sentence(result) == "2018年11月应报单位 19 个，已报 19 个，未报 0 个。"
    lines = check_lines(result)
    assert lines.index(files_sentence(result)) + 1 == lines.index(units_sentence(result))
    assert lines[-len(result.covered()):] == result.covered()
