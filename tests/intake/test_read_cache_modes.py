"""The remembered readings are written in one step with the mode new files get (``reporter.atomic``);
the signing key beside them stays owner-only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reporter.intake import read_cache
from reporter.workspace import open_workspace


def test_an_entry_gets_the_mode_of_new_files_and_is_read_back(example_ws: Path):
    ws = open_workspace(example_ws)
    workbook = ws.inputs / "2018-11" / "区卫健局.xlsx"
    cache = read_cache.ReadCache(ws, "2018-11", store=True)
    key, value = cache.recall("unit", workbook)
    assert key is not None and value is None
    previous = os.umask(0o027)
    try:
        cache.remember("unit", workbook, key, {"读到": 1})
        cache.save()
    finally:
        os.umask(previous)
    entries = list((ws.outputs / read_cache.CACHE_FOLDER).iterdir())
    assert len(entries) == 1 and entries[0].suffix == ".pickle"
    assert stat.S_IMODE(entries[0].stat().st_mode) == 0o640
    assert stat.S_IMODE((ws.root / read_cache.KEY_FILE).stat().st_mode) == 0o600
    assert read_cache.ReadCache(ws, "2018-11").recall("unit", workbook) == (key, {"读到": 1})
