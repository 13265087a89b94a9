"""Closing a period: a marker beside the period's workbooks, which the upload path asks about
(``workspace.closing.is_closed``), written and removed by the office, never read as a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reporter.model import Period
from reporter.pipeline.check import check_inputs
from reporter.pipeline.closing import close_period, period_closed, reopen_period
from reporter.workspace import open_workspace
from reporter.workspace.closing import closed_message, is_closed


def test_close_and_reopen_the_configured_period(example_ws: Path):
    assert not period_closed(example_ws)
    mark = close_period(example_ws, by="办公室", now=dt.datetime(2018, 11, 21, 9, 30))
    assert mark == example_ws / "inputs" / "2018-11" / ".closed"
    assert "2018-11-21 09:30" in mark.read_text(encoding="utf-8") and "办公室" in mark.read_text(encoding="utf-8")
    assert period_closed(example_ws) and is_closed(open_workspace(example_ws), Period(2018, 11))
    assert not period_closed(example_ws, "2018-10")
    assert close_period(example_ws, now=dt.datetime(2018, 11, 22)) == mark  # closing again keeps the first mark
    assert "2018-11-21" in mark.read_text(encoding="utf-8")

    assert reopen_period(example_ws) is True
    assert not period_closed(example_ws) and not mark.exists()
    assert reopen_period(example_ws) is False


def test_another_period_and_a_period_without_a_folder(example_ws: Path):
    mark = close_period(example_ws, "2019-01")
    assert mark == example_ws / "inputs" / "2019-01" / ".closed" and mark.is_file()
    assert period_closed(example_ws, "2019-01") and not period_closed(example_ws)


def test_the_marker_is_not_read_as_a_workbook(example_ws: Path):
    close_period(example_ws)
    result = check_inputs(example_ws)
    assert result.ok and ".closed" not in " ".join(result.files)


def test_the_refusal_is_in_chinese_and_names_the_period():
    message = closed_message(Period(2018, 11))
    assert message.startswith("2018年11月的报送已由办公室截止") and "联系办公室" in message
