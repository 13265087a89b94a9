"""One truth for submissions: a clean workbook goes into the database and inputs/ in one order,
with the state in between recorded, so that the two never disagree for long.

The order: the workbook is first written in full to the server's scratch folder (the step that
needs disk space; a full disk stops it here, with nothing changed); then the version is
committed to the database together with an ``unfiled`` mark; then the staged file is moved
into inputs/ in one step (only by the unit's newest version), and the mark cleared. Should the
move fail, the version is withdrawn; should the server be killed in between, ``repair`` (run
as the server starts) writes every marked version that is still its unit's newest into inputs/.

Temporary files live in the workspace's own scratch folder, ``.reporter/tmp/serve-<pid>``
(the server points ``tempfile`` there too), and a folder whose server is gone is swept at start.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

from reporter.atomic import write_new
from reporter.model import Unit
from reporter.pipeline.submit import input_path
from reporter.web.storage import STATE_FOLDER, StorageFull, Store, Version
from reporter.workspace import Workspace

SCRATCH_FOLDER = "tmp"
SERVER_PREFIX = "serve-"
#: How a file staged beside its destination is named (only where the scratch folder is on another disk).
UPLOAD_PREFIX = ".upload-"
FULL = {errno.ENOSPC, errno.EDQUOT}
#: The mode of a workbook filed into inputs/: readable by all, whatever the server's umask.
INPUT_MODE = 0o644


def scratch_root(ws: Workspace) -> Path:
    return ws.root / STATE_FOLDER / SCRATCH_FOLDER


def scratch_folder(ws: Workspace) -> Path:
    """This server process's folder for temporary files (created on first use)."""
    folder = scratch_root(ws) / f"{SERVER_PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _writer(name: str, prefix: str) -> int | None:
    number = name[len(prefix):].split("-", 1)[0]
    return int(number) if number.isdigit() else None


def sweep(ws: Workspace) -> list[str]:
    """Remove what server processes that are gone (killed, or the power cut) left: their scratch
    folders and files staged in inputs/. The paths removed, as users see them."""
    removed = []
    root = scratch_root(ws)
    for folder in sorted(root.glob(f"{SERVER_PREFIX}*")) if root.is_dir() else []:
        writer = _writer(folder.name, SERVER_PREFIX)
        if writer is not None and writer != os.getpid() and not running(writer):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(ws.relative(folder))
    for staged in sorted(ws.inputs.glob(f"*/{UPLOAD_PREFIX}*.tmp")):
        writer = _writer(staged.name, UPLOAD_PREFIX)
        if writer is not None and writer != os.getpid() and not running(writer):
            staged.unlink(missing_ok=True)
            removed.append(ws.relative(staged))
    return removed


def _write_new(folder: Path, prefix: str, data: bytes) -> Path:
    """``data`` in a new file in ``folder``, on disk (fsync); a full disk raises ``StorageFull``
    with nothing left behind."""
    try:
        return write_new(folder, prefix, data, mode=INPUT_MODE)
    except OSError as e:
        if e.errno in FULL:
            raise StorageFull(str(folder)) from e
        raise


def stage(ws: Workspace, data: bytes) -> Path:
    """``data`` written in full to this server's scratch folder."""
    return _write_new(scratch_folder(ws), "upload-", data)


def place(staged: Path, destination: Path) -> None:
    """Move ``staged`` onto ``destination`` in one step: readers see the old file or the new
    one. Across disks, it is copied beside ``destination`` first."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, destination)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        beside = _write_new(destination.parent, f"{UPLOAD_PREFIX}{os.getpid()}-", staged.read_bytes())
        try:
            os.replace(beside, destination)
        except BaseException:
            beside.unlink(missing_ok=True)
            raise


def file_version(ws: Workspace, store: Store, unit: Unit, data: bytes, who: str) -> Version:
    """Keep ``data`` as ``unit``'s next version in the database and in inputs/ (see the module's
    description); ``StorageFull`` when the disk is full, with neither changed. Callers hold the
    unit's lock."""
    period = ws.campaign.period.key
    staged = stage(ws, data)
    try:
        version = store.add_version(period, unit.code, hashlib.sha256(data).hexdigest(), data, who,
                                    unfiled_too=True)
        if store.versions_of(period, unit.code)[0].number == version.number:
            try:
                place(staged, input_path(ws, unit))
            except OSError as e:
                store.withdraw_version(period, unit.code, version.number)
                if e.errno in FULL:
                    raise StorageFull(ws.relative(input_path(ws, unit))) from e
                raise
        store.mark_filed(period, unit.code, version.number)
        return version
    finally:
        staged.unlink(missing_ok=True)


def repair(ws: Workspace, store: Store) -> list[str]:
    """Bring inputs/ up to the database where a server stopped between the two: every version
    committed but not known to be filed is written to inputs/ when it is still its unit's
    newest. What was done, in Chinese, one line each."""
    units = {u.code: u for u in ws.campaign.units}
    notes = []
    for period, code, number in store.unfiled_versions():
        unit = units.get(code)
        newest = store.versions_of(period, code)
        if unit is not None and newest and newest[0].number == number:
            destination = ws.inputs / period / f"{unit.short}.xlsx"
            content = store.content(period, code, number)
            if content is not None and (not destination.is_file() or destination.read_bytes() != content):
                staged = stage(ws, content)
                try:
                    place(staged, destination)
                finally:
                    staged.unlink(missing_ok=True)
                notes.append(f"已修复：{ws.relative(destination)} 按数据库中{unit.short}的第 {number} 版补写"
                             "（上次服务在保存过程中中断）")
        store.mark_filed(period, code, number)
    return notes
