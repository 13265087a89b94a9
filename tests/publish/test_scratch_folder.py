"""A run's temporary files go to its folder because they are given it, not because the
process-wide ``tempfile`` default was changed (``publish.scratch``): a run leaves that default
alone, and a write-only workbook written by another thread (a server's other request) does not
go into a run's folder, which the run removes when it ends."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from openpyxl.worksheet import _writer

from reporter.publish import scratch


def test_a_run_leaves_the_process_wide_default_alone_and_gives_openpyxl_its_folder(tmp_path: Path):
    before = tempfile.tempdir
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    made: dict[str, Path] = {}
    with scratch.run_folder(outputs) as folder:
        assert tempfile.tempdir == before
        made["run"] = Path(_writer.create_temporary_file(".xml"))
        other = threading.Thread(target=lambda: made.setdefault("other", Path(_writer.create_temporary_file())))
        other.start()
        other.join()
        assert made["run"].parent == folder
        assert made["other"].parent != folder
    made["other"].unlink()
    assert not made["run"].exists()  # removed with the run's folder
    assert tempfile.tempdir == before
