"""Each workbook read once: ``check`` remembers what every workbook gave, the commands after
it use that, and a remembered reading is never used once anything it depends on changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import reporter
from reporter import pipeline
from reporter.intake import parallel_read, read_cache, schema
from tests.conftest import copy_example, snapshot

WORKBOOK = "2018-11/区卫健局.xlsx"


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The unit workbooks parsed from here on, by file name."""
    parsed: list[str] = []
    real = parallel_read.read_submission

    def counting(source, campaign, tasks):
        parsed.append(source.path.name)
        return real(source, campaign, tasks)

    monkeypatch.setattr(parallel_read, "read_submission", counting)
    return parsed


def test_report_and_tasks_after_check_parse_no_workbook_and_write_the_same_documents(
        tmp_path: Path, example_ws: Path, parses: list[str]):
    pipeline.check_inputs(example_ws)
    assert len(parses) == 19
    parses.clear()
    pipeline.build_report(example_ws)
    pipeline.build_tasks(example_ws)
    assert parses == []
    fresh = copy_example(tmp_path / "fresh")
    pipeline.build_report(fresh)
    pipeline.build_tasks(fresh)
    assert len(parses) == 2 * 19
    cached = {k: v for k, v in snapshot(example_ws / "outputs").items() if not k.startswith(".cache/")}
    assert cached == snapshot(fresh / "outputs")


def test_only_check_stores_readings(example_ws: Path, parses: list[str]):
    pipeline.build_report(example_ws)
    assert not (example_ws / "outputs" / read_cache.CACHE_FOLDER).exists()
    pipeline.build_report(example_ws)
    assert len(parses) == 2 * 19


def test_a_changed_workbook_is_read_again_even_with_its_size_and_time(example_ws: Path, parses: list[str]):
    pipeline.check_inputs(example_ws)
    path = example_ws / "inputs" / WORKBOOK
    stat = path.stat()
    data = bytearray(path.read_bytes())
    # A workbook whose bytes differ but whose size and modification time do not: still read again.
    data[-30] ^= 0x01
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    parses.clear()
    pipeline.check_inputs(example_ws)
    assert parses == ["区卫健局.xlsx"]


def test_an_edited_value_reaches_the_report(example_ws: Path, parses: list[str]):
    pipeline.check_inputs(example_ws)
    path = example_ws / "inputs" / WORKBOOK
    wb = load_workbook(path)
    sheet = wb[schema.SHEET_VALUES]
    row = next(r for r in range(schema.TABLE_FIRST_ROW, sheet.max_row + 1)
               if sheet[f"{schema.VALUE_CODE}{r}"].value == "毒饵盒")
    sheet[f"{schema.VALUE_CELL}{row}"].value = 123456
    wb.save(path)
    parses.clear()
    result = pipeline.collect(example_ws)
    assert parses == ["区卫健局.xlsx"]
    unit = next(s for s in result.submissions if s.path.endswith("区卫健局.xlsx"))
    assert 123456 in [v.value for v in unit.values]


def test_a_changed_configuration_or_reporter_trusts_no_reading(example_ws: Path, parses: list[str], monkeypatch):
    pipeline.check_inputs(example_ws)
    config = example_ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    parses.clear()
    pipeline.check_inputs(example_ws)
    assert len(parses) == 19
    monkeypatch.setattr(reporter, "__version__", reporter.__version__ + ".1")
    read_cache._code_digest.cache_clear()
    parses.clear()
    pipeline.check_inputs(example_ws)
    assert len(parses) == 19
    read_cache._code_digest.cache_clear()


def test_a_damaged_or_deleted_cache_is_read_around(example_ws: Path, parses: list[str]):
    pipeline.check_inputs(example_ws)
    folder = example_ws / "outputs" / read_cache.CACHE_FOLDER
    for entry in folder.iterdir():
        entry.write_bytes(b"not a pickle")
    parses.clear()
    pipeline.check_inputs(example_ws)
    assert len(parses) == 19
    shutil.rmtree(folder)
    parses.clear()
    assert pipeline.collect(example_ws).submissions
    assert len(parses) == 19


def test_a_check_that_finds_problems_remembers_nothing(example_ws: Path, parses: list[str]):
    (example_ws / "inputs" / WORKBOOK).write_bytes(b"not a workbook")
    assert pipeline.check_inputs(example_ws).problems
    assert snapshot(example_ws / "outputs") == {}


class _Planted:
    """A pickle that, once loaded, creates a file: what a forged cache entry would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_forged_entry_is_never_unpickled(example_ws: Path, tmp_path: Path, parses: list[str]):
    import pickle

    pipeline.check_inputs(example_ws)
    key = (example_ws / read_cache.KEY_FILE)
    assert key.is_file() and key.stat().st_mode & 0o077 == 0  # the owner's only
    marker = tmp_path / "ran"
    folder = example_ws / "outputs" / read_cache.CACHE_FOLDER
    for entry in folder.iterdir():
        entry.write_bytes(bytes(read_cache.SIGNATURE_BYTES) + pickle.dumps(_Planted(marker)))
    parses.clear()
    pipeline.build_report(example_ws)
    assert not marker.exists()
    assert len(parses) == 19  # every workbook read again
