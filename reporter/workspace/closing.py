"""Whether the office has closed a period: a marker file ``inputs/<年-月>/.closed`` (written
by ``pipeline.closing``), which the intake server honours by refusing uploads in Chinese.

The marker lives beside the period's workbooks, so it travels with them, and the office can
see it and delete it by hand; it says when it was written and, optionally, by whom."""

from __future__ import annotations

from pathlib import Path

from reporter.model import Period
from reporter.workspace.paths import Workspace

CLOSED_MARK = ".closed"


def closed_mark(ws: Workspace, period: Period) -> Path:
    """The marker file that closes ``period``: inputs/2018-11/.closed."""
    return ws.inputs / period.key / CLOSED_MARK


def is_closed(ws: Workspace, period: Period) -> bool:
    """Whether the office has closed ``period`` (no more uploads or web submissions)."""
    return closed_mark(ws, period).is_file()


def closed_message(period: Period) -> str:
    """What a unit is told when it files for a closed period."""
    return (f"{period.label}的报送已由办公室截止，不再接收上传或网上填报；"
            "如需补报或更正，请联系办公室重新开放本期")
