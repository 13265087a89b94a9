"""What only the program's entry point sets for the whole process, once, before any thread
starts: the folder of temporary files (``use_temporary_folder``) and the umask noted for
systems where it cannot be read (``note_umask``). The stop signals are the entry point's too
(``reporter.stopping.stop_on_signals``). Library code reads these settings and never changes
them: a process-wide change made by one thread would reach what every other thread does."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The umask new files get where the process's own cannot be read (neither /proc nor noted).
USUAL_UMASK = 0o022

_noted_umask: int | None = None


def note_umask() -> None:
    """For the entry point, while it is the only thread: read the umask the one way that
    changes it (set, then put back), to be used where /proc cannot tell it."""
    global _noted_umask
    current = os.umask(0)
    os.umask(current)
    _noted_umask = current


def umask() -> int:
    """The process's umask, read without changing it (the ``Umask:`` line of /proc/self/status,
    Linux 4.7 and later), else as the entry point noted it, else ``USUAL_UMASK``."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _noted_umask if _noted_umask is not None else USUAL_UMASK


def use_temporary_folder(folder: Path) -> None:
    """For the entry point: ``tempfile``'s default folder, for the rest of the process."""
    tempfile.tempdir = str(folder)
