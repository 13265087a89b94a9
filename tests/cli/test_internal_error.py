"""reporter's own faults: exit 70, 内部错误 with a report file for the maintainers, never
blamed on the user's inputs or templates."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter import __version__, pipeline
from reporter.cli import cli
from reporter.errors import EXIT_INTERNAL
from reporter.figures.traced import FigureView


@pytest.fixture
def reports(tmp_path: Path, monkeypatch) -> Path:
    """The folder crash reports go to (the system temp folder, redirected for the test)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def report_file(output: str) -> Path:
    match = re.search(r"详细情况已写入 (\S+)，", output)
    assert match, output
    return Path(match.group(1))


def test_an_unexpected_error_is_an_internal_error_with_a_report(example_ws: Path, reports: Path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("故意放入的缺陷")

    monkeypatch.setattr(pipeline, "build_report", broken)
    result = CliRunner().invoke(cli, ["report", "-w", str(example_ws)])
    assert result.exit_code == EXIT_INTERNAL == 70
    assert result.output.startswith("内部错误：reporter 自身出现故障（ValueError: 故意放入的缺陷），不是您的输入或模板有误。")
    report = report_file(result.output)
    assert report.parent == reports
    text = report.read_text(encoding="utf-8")
    assert f"reporter {__version__}" in text and "command: " in text
    assert "Traceback (most recent call last)" in text and "ValueError: 故意放入的缺陷" in text
    assert "in broken" in text
    assert not (example_ws / "outputs").exists()


def test_without_a_writable_temp_folder_the_message_still_shows(example_ws: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    def broken(*args):
        raise LookupError("故意放入的缺陷")

    monkeypatch.setattr(pipeline, "lint", broken)
    result = CliRunner().invoke(cli, ["lint", "-w", str(example_ws), "x.docx"])
    assert result.exit_code == 70
    assert "内部错误" in result.output and "LookupError" in result.output and "未能写入故障报告文件" in result.output


def test_a_bug_in_a_report_filter_is_not_blamed_on_the_template(example_ws: Path, reports: Path, monkeypatch):
    """The figure filters run our code: its TypeError is ours, not a 模板 fault."""
    def broken(self, text):
        raise TypeError("shown() broke")

    monkeypatch.setattr(FigureView, "shown", broken)
    result = CliRunner().invoke(cli, ["report", "-w", str(example_ws)])
    assert result.exit_code == 70, result.output
    assert "TypeError: shown() broke" in result.output
    assert "templates/docx/" not in result.output
    assert "shown() broke" in report_file(result.output).read_text(encoding="utf-8")
    assert not (example_ws / "outputs").exists()


def test_usage_errors_and_interrupts_keep_their_exit_codes(example_ws: Path, reports: Path, monkeypatch):
    assert CliRunner().invoke(cli, ["report", "--nonsense"]).exit_code == 2

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build_report", interrupted)
    assert CliRunner().invoke(cli, ["report", "-w", str(example_ws)]).exit_code == 130
    assert list(reports.iterdir()) == []
