"""Writing outputs safely: all-or-nothing batches of atomic file writes.

A batch collects every output in a temporary file (in the run's folder for temporary files,
``scratch``, or next to its destination when that folder is on another disk) and moves them
into place (``os.replace``) only when all of them were written, so a failed or interrupted
run leaves ``outputs/`` as it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from reporter import stopping
from reporter.atomic import OWNER_ONLY, write_new
from reporter.errors import ToolError
from reporter.processes import umask
from reporter.publish import scratch

if TYPE_CHECKING:
    from types import TracebackType


class OutputBatch:
    """A set of files to be written together: ``add`` stages, ``commit`` publishes them all."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []
        self._pruned: list[tuple[Path, tuple[str, ...]]] = []

    def replace_folder(self, folder: Path, suffixes: tuple[str, ...]) -> None:
        """At commit, also remove files with these suffixes in ``folder`` that this batch did
        not write (per-unit documents of units that no longer need one, and their PDFs)."""
        self._pruned.append((folder, suffixes))

    def add(self, destination: Path, data: bytes) -> None:
        """Stage ``data`` for ``destination`` in a temporary file (see ``_staging_folder``)."""
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            # named as ``scratch.STAGED`` sweeps; private until ``commit`` gives it the mode new files get
            tmp = write_new(_staging_folder(destination.parent), ".~", data, mode=OWNER_ONLY)
        except OSError as e:
            raise write_error(destination, e) from e
        self._staged.append((tmp, destination))

    def commit(self) -> list[Path]:
        """Move every staged file into place; returns the destinations. From here on the run
        finishes: a stop signal now comes too late (``stopping.too_late``)."""
        stopping.too_late()
        done: list[Path] = []
        mode = 0o666 & ~umask()  # read, not set: the umask is the entry point's
        for tmp, destination in self._staged:
            try:
                os.chmod(tmp, mode)
                os.replace(tmp, destination)
            except OSError as e:
                raise write_error(destination, e, partial=bool(done)) from e
            done.append(destination)
        self._staged = []
        written = {p.resolve() for p in done}
        for folder, suffixes in self._pruned:
            for old in folder.glob("*"):
                stem_written = old.with_suffix(".docx").resolve() in written or old.resolve() in written
                if old.suffix in suffixes and not stem_written:
                    old.unlink()
        return done

    def discard(self) -> None:
        """Remove every staged temporary file."""
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged = []

    def __enter__(self) -> OutputBatch:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            try:
                self.commit()
            finally:
                self.discard()
        else:
            self.discard()


def _staging_folder(folder: Path) -> Path:
    """Where to stage a file for ``folder``: the run's folder for temporary files when
    ``folder`` is in that run's outputs and on the same disk (``os.replace`` cannot move a
    file between disks), else ``folder``."""
    run = scratch.current()
    if run is None or not folder.is_relative_to(run.parent.parent):
        return folder
    return run if run.stat().st_dev == folder.stat().st_dev else folder


def write_error(path: Path, error: OSError, partial: bool = False) -> ToolError:
    """A failed write, explained: the disk is full, the folder is read-only, or the file is open."""
    reason = error.strerror or str(error)
    outcome = ("此前的文件已更新，此文件及之后的文件未写入，请解决后重新运行" if partial
               else "本次没有写入任何文件，原有文件保持不变")
    return ToolError(f"{path}: 写入失败（{reason}）：磁盘可能已满、没有写权限，或文件正被 Word/WPS 打开。{outcome}")
