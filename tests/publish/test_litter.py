"""Interruptions leave nothing behind: ``reporter pdf`` stopped while LibreOffice runs leaves
no LibreOffice process and no temporary file, at once on SIGTERM; on SIGKILL (which no program
can handle) LibreOffice ends with reporter all the same, and the next run removes the files the
killed one left."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reporter.publish import scratch
from reporter.pipeline.locking import locked
from reporter.publish.files import OutputBatch
from tests.conftest import ROOT, ctrl_c_as_at_a_terminal, run, snapshot

WAIT = 120  # seconds to wait for LibreOffice to start under a loaded test run


def start_pdf(ws: Path, tmp: Path, *args: str) -> subprocess.Popen:
    """``reporter pdf ARGS`` in a child process, its system temporary folder ``tmp``, its
    messages in ``tmp``'s sibling ``messages.txt``."""
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    with open(tmp.parent / "messages.txt", "wb") as messages:
        return subprocess.Popen([sys.executable, "-m", "reporter", "pdf", "-w", str(ws), *args], env=env,
                                stdin=subprocess.DEVNULL, stdout=messages, stderr=subprocess.STDOUT,
                                preexec_fn=ctrl_c_as_at_a_terminal)


def alive(pgid: int) -> bool:
    """Whether a process of group ``pgid`` still runs (a zombie has ended: in a container
    nobody may reap the orphans of a killed LibreOffice)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _ppid, group = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if int(group) == pgid and state != "Z":
            return True
    return False


def running_groups(ws: Path, proc: subprocess.Popen) -> list[int]:
    """The LibreOffice process groups the run recorded, once one of them is running."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and proc.poll() is None:
        groups = [int(line.split()[0]) for record in (ws / "outputs" / scratch.SCRATCH).glob(f"*/{scratch.GROUPS}")
                  for line in record.read_text(encoding="ascii").splitlines()]
        if groups and all(alive(g) for g in groups):
            return groups
        time.sleep(0.05)
    pytest.fail("reporter pdf did not start LibreOffice")


def restore(folder: Path, files: dict[str, bytes]) -> None:
    """``folder`` back to ``files`` (a ``snapshot``): what a finished run added or changed undone."""
    for path in [p for p in folder.rglob("*") if p.is_file()]:
        if path.relative_to(folder).as_posix() not in files:
            path.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)


def litter(ws: Path, tmp: Path) -> list[Path]:
    outputs = ws / "outputs"
    return [*tmp.iterdir(), *outputs.glob(scratch.SCRATCH), *outputs.rglob(scratch.STAGED)]


@contextlib.contextmanager
def ended(groups: list[int]):
    """Whatever happens in the test, the LibreOffice groups its reporter started end with it."""
    try:
        yield
    finally:
        for pgid in groups:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_terminated_pdf_ends_its_libreoffice_and_removes_its_files(soffice, built_copy: Path, tmp_path: Path,
                                                                    signum: int):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    before = snapshot(built_copy / "outputs")
    # A conversion that finished before the signal came is a finished run (a late signal does
    # not undo it): on a busy machine that can happen, so start again from the same outputs.
    for _attempt in range(3):
        proc = start_pdf(built_copy, tmp, "--force")
        groups = running_groups(built_copy, proc)
        with ended(groups):
            proc.send_signal(signum)
            code = proc.wait(timeout=60)
        if code != 0:
            break
        restore(built_copy / "outputs", before)
    with ended(groups):
        assert code == {signal.SIGTERM: 143, signal.SIGINT: 130}[signum]
        assert "本次没有写入任何文件" in (tmp_path / "messages.txt").read_text(encoding="utf-8")
        assert not [g for g in groups if alive(g)]
        assert litter(built_copy, tmp) == []
        assert snapshot(built_copy / "outputs") == before


def test_killed_pdf_is_cleaned_up_by_the_next_run(soffice, built_copy: Path, tmp_path: Path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = start_pdf(built_copy, tmp, "--force")
    groups = running_groups(built_copy, proc)
    with ended(groups):
        proc.kill()
        proc.wait(timeout=60)
        deadline = time.monotonic() + 10
        while any(alive(g) for g in groups) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [g for g in groups if alive(g)], "LibreOffice outlives a killed reporter"
        assert litter(built_copy, tmp), "the killed run left its folder for the next run"
        next_run = start_pdf(built_copy, tmp, str(built_copy / "outputs" / "督查通报.docx"))
        assert next_run.wait(timeout=300) == 0, (tmp_path / "messages.txt").read_text(encoding="utf-8")
        assert not [g for g in groups if alive(g)]
        assert litter(built_copy, tmp) == []


def test_staged_files_live_in_the_run_folder_and_a_killed_runs_are_swept(tmp_path: Path):
    outputs = tmp_path / "outputs"
    (outputs / "forms").mkdir(parents=True)
    stale = [outputs / "forms" / ".~old.tmp", outputs / scratch.SCRATCH / "run-1" / "openpyxl.abc"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left by a killed run")
    with locked(outputs):
        assert not any(path.exists() for path in stale)
        run = scratch.current()
        assert run is not None and run.parent == outputs / scratch.SCRATCH
        batch = OutputBatch()
        batch.add(outputs / "forms" / "a.xlsx", b"data")
        assert [p.parent for p in run.iterdir()] == [run]
        assert list((outputs / "forms").iterdir()) == []
        batch.commit()
    assert (outputs / "forms" / "a.xlsx").read_bytes() == b"data"
    assert sorted(p.name for p in outputs.iterdir()) == [".reporter.lock", "forms"]
    assert scratch.current() is None


def test_workbook_temporary_files_live_in_the_run_folder(example_ws: Path, monkeypatch: pytest.MonkeyPatch):
    """openpyxl writes a streamed worksheet (the ledger) through a temporary file: inside the run's folder."""
    from openpyxl.worksheet import _writer

    made: list[Path] = []
    scratch._give_openpyxl_run_folders()  # as the first run does
    original = _writer.create_temporary_file

    def recorded(suffix: str = "") -> str:
        made.append(Path(original(suffix)))
        return str(made[-1])

    monkeypatch.setattr(_writer, "create_temporary_file", recorded)
    result = run("notice", "-w", example_ws)  # the ledger is streamed through temporary files
    assert result.exit_code == 0, result.output
    assert made and all(path.parent.parent == example_ws / "outputs" / scratch.SCRATCH for path in made)
    assert not (example_ws / "outputs" / scratch.SCRATCH).exists()
