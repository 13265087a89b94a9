"""The permission of the files the pipeline writes in one step (``reporter.atomic``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reporter.pipeline.closing import close_period


def test_the_closing_mark_is_owner_only_and_written_whole(example_ws: Path):
    previous = os.umask(0o022)
    try:
        mark = close_period(example_ws, by="办公室")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(mark.stat().st_mode) == 0o600
    assert mark.read_text(encoding="utf-8").startswith("本期报送已于 ")
    assert [p.name for p in mark.parent.iterdir() if p.name.startswith(".")] == [".closed"]
