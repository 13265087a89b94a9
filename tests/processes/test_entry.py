"""The settings only the entry point makes for the whole process (``reporter.processes.entry``):
the umask is read without being changed, and the folder of temporary files is set in one place."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from reporter.processes import entry


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_the_umask_is_read_as_it_is_now(umask_027):
    assert entry.umask() == 0o027
    assert entry.umask() == 0o027  # reading it twice: it was not changed by the first read


def test_without_proc_the_noted_umask_is_used(umask_027, monkeypatch: pytest.MonkeyPatch):
    def no_proc(*_args, **_kwargs):
        raise FileNotFoundError("/proc/self/status")

    monkeypatch.setattr(entry, "open", no_proc, raising=False)
    monkeypatch.setattr(entry, "_noted_umask", None)
    assert entry.umask() == entry.USUAL_UMASK
    entry.note_umask()
    assert entry.umask() == 0o027


def test_the_entry_point_chooses_the_folder_of_temporary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)  # put back after the test
    entry.use_temporary_folder(tmp_path)
    assert tempfile.gettempdir() == str(tmp_path)
