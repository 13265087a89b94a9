"""Closing a period to further submissions, and opening it again (the office's board calls
these; ``workspace.closing.is_closed`` is what the upload path asks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reporter.atomic import OWNER_ONLY, write_atomic
from reporter.model import Period
from reporter.workspace import Workspace, open_workspace
from reporter.workspace.closing import closed_mark, is_closed
from reporter.workspace.periods import campaign_for

__all__ = ["close_period", "is_closed", "period_closed", "reopen_period"]


def _period(ws: Workspace, period: str | None) -> Period:
    return campaign_for(ws.campaign, period).period


def close_period(root: str | Path, period: str | None = None, by: str = "",
                 now: dt.datetime | None = None) -> Path:
    """Close ``period`` ("2018-11"; the configured one by default): write its marker, saying
    when and by whom (``by``); closing a closed period keeps its first marker. The marker's path."""
    ws = open_workspace(root)
    mark = closed_mark(ws, _period(ws, period))
    if mark.is_file():
        return mark
    mark.parent.mkdir(parents=True, exist_ok=True)
    when = (now or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    text = f"本期报送已于 {when} 截止" + (f"（{by}）" if by else "") + "。删除本文件即重新开放。\n"
    write_atomic(mark, text, mode=OWNER_ONLY, durable=False)
    return mark


def reopen_period(root: str | Path, period: str | None = None) -> bool:
    """Open ``period`` again (remove its marker); whether it was closed."""
    ws = open_workspace(root)
    mark = closed_mark(ws, _period(ws, period))
    try:
        mark.unlink()
    except FileNotFoundError:
        return False
    return True


def period_closed(root: str | Path, period: str | None = None) -> bool:
    """Whether ``period`` (the configured one by default) is closed."""
    ws = open_workspace(root)
    return is_closed(ws, _period(ws, period))
