"""Each run's temporary files in one folder, and nothing left behind by a run that was stopped.

A run that holds the output lock (``pipeline.locking.locked``) keeps every temporary file in its own
folder, ``outputs/.reporter-tmp/run-<pid>``: the files staged before they are moved into
place, LibreOffice's batches and profiles, openpyxl's worksheet files: each given this folder
explicitly (``current()``; the process-wide ``tempfile`` default is the entry point's, never
changed here). It records the
process groups of the programs it starts (LibreOffice), and ends them and removes its folder
when it ends, on SIGTERM and Ctrl-C too (the entry point turns both into ``KeyboardInterrupt``,
see ``reporter.stopping``). A run killed outright (SIGKILL, power cut) cannot:
the next run, holding the lock and so alone on these outputs, ends the process groups the
dead run recorded and removes its folder, along with ``.~*.tmp`` files staged next to their
destinations (where the folder is on another disk).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from reporter.processes import start_ticks

SCRATCH = ".reporter-tmp"
GROUPS = "process-groups"
STAGED = ".~*.tmp"

_current: Path | None = None
_current_thread: int | None = None  # the thread that holds the run
_openpyxl_given = False  # openpyxl's worksheet files go to the run's folder


def current() -> Path | None:
    """This run's folder for temporary files, while a run holds the output lock."""
    return _current


@contextlib.contextmanager
def run_folder(outputs: Path) -> Iterator[Path]:
    """A fresh folder for this run's temporary files, after clearing what earlier runs left.
    Only for a caller holding the output lock of ``outputs``."""
    global _current, _current_thread
    if _current is not None:  # already inside a run: one folder serves it
        yield _current
        return
    _give_openpyxl_run_folders()
    sweep(outputs)
    folder = (outputs / SCRATCH / f"run-{os.getpid()}").absolute()  # soffice needs it as a file URI
    folder.mkdir(parents=True)
    _current, _current_thread = folder, threading.get_ident()
    try:
        yield folder
    finally:
        _current = _current_thread = None
        _end_groups(folder / GROUPS)
        shutil.rmtree(outputs / SCRATCH, ignore_errors=True)


def sweep(outputs: Path) -> None:
    """Remove what runs that were killed left in ``outputs``: their folders (after ending the
    process groups they recorded) and files staged next to their destinations."""
    root = outputs / SCRATCH
    if root.is_dir():
        for record in root.glob(f"*/{GROUPS}"):
            _end_groups(record)
        shutil.rmtree(root, ignore_errors=True)
    for staged in outputs.rglob(STAGED):
        staged.unlink(missing_ok=True)


def record_group(pid: int) -> None:
    """Note the process group led by ``pid`` (started with a new session), so that it is ended
    with this run, or by the next run should this one be killed."""
    if _current is None:
        return
    with open(_current / GROUPS, "a", encoding="ascii") as record:
        record.write(f"{pid} {start_ticks(pid) or ''}\n")
        record.flush()
        os.fsync(record.fileno())


def _end_groups(record: Path) -> None:
    """Kill the recorded process groups that are still alive and still the ones recorded."""
    try:
        lines = record.read_text(encoding="ascii").splitlines()
    except OSError:
        return
    for line in lines:
        fields = line.split()
        if len(fields) != 2 or not fields[0].isdigit():
            continue
        pgid, started = int(fields[0]), fields[1]
        leader = start_ticks(pgid)
        # A live leader with another start time means the number was reused: not ours. A group
        # whose leader is gone keeps its number from being reused while any member lives.
        if leader is not None and str(leader) != started:
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)


def _openpyxl_temporary_file(suffix: str = "") -> str:
    """Where openpyxl streams a worksheet being written (a write-only workbook): a new file in
    this run's folder when the run's own thread writes it, else (a server's other requests) in
    the temporary folder the entry point chose; openpyxl removes it once the workbook is saved."""
    from openpyxl.worksheet import _writer as openpyxl_writer

    folder = _current if _current_thread == threading.get_ident() else None
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="openpyxl.", dir=folder)
    os.close(handle)
    openpyxl_writer.ALL_TEMP_FILES.append(name)
    return name


def _give_openpyxl_run_folders() -> None:
    """openpyxl names no folder for its worksheet files itself: it is given this run's, instead
    of the process-wide default being changed for it. Done at the first run, not at import, so
    that a command that only shows its help never loads openpyxl."""
    global _openpyxl_given
    if _openpyxl_given:
        return
    from openpyxl.worksheet import _writer as openpyxl_writer

    openpyxl_writer.create_temporary_file = _openpyxl_temporary_file
    _openpyxl_given = True
