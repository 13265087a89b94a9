"""Atomic writes: the whole file or the old one, never a part; nothing left behind on a failure;
the permission each caller asks for, whatever the umask."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reporter import atomic
from tests.conftest import mode_of


@pytest.mark.parametrize(("asked", "expected"), [(atomic.AS_CREATED, 0o640), (atomic.OWNER_ONLY, 0o600),
                                                 (0o644, 0o644)])
def test_write_atomic_gives_the_mode_asked_for(tmp_path: Path, umask_027: None, asked: int | None, expected: int):
    path = tmp_path / "a.bin"
    path.write_bytes(b"old")
    atomic.write_atomic(path, b"new", mode=asked)
    assert path.read_bytes() == b"new" and mode_of(path) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin"]


@pytest.mark.parametrize("durable", [True, False])
def test_text_is_written_as_utf8_with_or_without_fsync(tmp_path: Path, durable: bool,
                                                       monkeypatch: pytest.MonkeyPatch):
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    atomic.write_atomic(tmp_path / "说明.txt", "本期报送已截止。\n", durable=durable)
    assert (tmp_path / "说明.txt").read_text(encoding="utf-8") == "本期报送已截止。\n"
    assert bool(synced) is durable


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path):
    path = tmp_path / "backup.zip"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.replacing(path, mode=atomic.OWNER_ONLY) as handle:
        handle.write(b"half")
        raise RuntimeError("stopped")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.zip"]


def test_a_full_disk_is_raised_with_nothing_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        atomic.write_new(tmp_path, "upload-", b"data")
    assert caught.value.errno == 28 and list(tmp_path.iterdir()) == []


def test_write_new_is_named_for_the_sweeps_and_private_while_written(tmp_path: Path, umask_027: None):
    seen: list[int] = []
    with atomic.new_file(tmp_path, ".~", mode=0o644) as (handle, path):
        seen.append(mode_of(path))
        handle.write(b"x")
    assert seen == [0o600] and mode_of(path) == 0o644
    assert path.name.startswith(".~") and path.name.endswith(atomic.SUFFIX) and path.read_bytes() == b"x"
    other = atomic.write_new(tmp_path, ".~", b"y")
    assert other != path and mode_of(other) == 0o640
