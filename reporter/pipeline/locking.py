"""Holding a workspace while a command writes its outputs: the workspace lock
(``workspace.lock``: one command at a time, a waiting command says who it waits for), and the
run's own folder for temporary files (``publish.scratch``), cleared of what a killed run left."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reporter.publish import scratch
from reporter.workspace.lock import EXIT_BUSY, WAITING as LOCK_WAITING, workspace_lock

__all__ = ["EXIT_BUSY", "LOCK_WAITING", "locked"]


@contextmanager
def locked(outputs: Path) -> Iterator[None]:
    """Hold the workspace whose outputs folder is ``outputs``: a second run on the same outputs/
    waits for the first, saying so. While it is held, the run's temporary files live in one
    folder (``scratch.run_folder``)."""
    with workspace_lock(outputs), scratch.run_folder(outputs):
        yield
