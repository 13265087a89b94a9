"""Files that are not what they claim, refused quickly and in bounded memory."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

from openpyxl import Workbook

from reporter.intake.container import Limits, container_problem


def test_a_100000_row_workbook_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "big.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("工作指标")
    for i in range(100_000):
        ws.append([i, "x"])
    wb.save(path)
    tracemalloc.start()
    start = time.perf_counter()
    reason = container_problem(path)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert reason and "超过 20000 行" in reason
    assert elapsed < 5 and peak < 20 * 1024 * 1024


def test_one_megabyte_expanding_past_the_cap_is_refused(tmp_path: Path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(90):
                member.write(b" " * (1 << 20))
    assert path.stat().st_size < 1024 * 1024
    start = time.perf_counter()
    reason = container_problem(path, Limits(max_unpacked_bytes=60 * 1024 * 1024))
    assert reason and "解压后达 90 MB" in reason
    assert time.perf_counter() - start < 1


def test_a_tighter_configured_cap_applies(tmp_path: Path):
    path = tmp_path / "ok.xlsx"
    wb = Workbook()
    wb.active["A1"] = "x" * 30000
    wb.save(path)
    assert container_problem(path) is None
    assert "解压后" in container_problem(path, Limits(max_unpacked_bytes=1000))
