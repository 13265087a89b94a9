"""Child processes that end with the process that started them, however it ends; and the
process-wide settings only the entry point makes.

One primitive (``child``): ``start_child`` forks a process running one function, with a
two-way pipe to it; the child dies with its parent (``dying``), ignores Ctrl-C and ends on
SIGTERM and SIGHUP. A program started with ``subprocess.Popen(..., preexec_fn=child_preexec)``
dies the same way, and a program that runs in a process group of its own (LibreOffice, whose
helpers are not our children) can have the whole group end with this process (``groups``).

Built on it: ``in_child``, ``map_in_workers`` and ``map_batch`` (``workers``), and
``run_capped``, work bounded in memory and time (``capped``). The entry point's settings for
the whole process (temporary folder, umask) are in ``entry``.
"""

from reporter.processes.capped import MemoryCapReached, TimeLimitReached, cap_memory, run_capped
from reporter.processes.child import (
    Child,
    ChildFailed,
    ChildKilled,
    result_of,
    send_error,
    send_result,
    start_child,
)
from reporter.processes.dying import PR_SET_PDEATHSIG, child_preexec, start_ticks
from reporter.processes.entry import note_umask, umask, use_temporary_folder
from reporter.processes.groups import watch_group
from reporter.processes.workers import default_workers, give_back_memory, in_child, map_batch, map_in_workers

__all__ = [
    "PR_SET_PDEATHSIG", "Child", "ChildFailed", "ChildKilled", "MemoryCapReached", "TimeLimitReached",
    "cap_memory", "child_preexec", "default_workers", "give_back_memory", "in_child", "map_batch",
    "map_in_workers", "note_umask", "result_of", "run_capped", "send_error", "send_result", "start_child",
    "start_ticks", "umask", "use_temporary_folder", "watch_group",
]
