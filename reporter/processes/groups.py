"""Process groups that end with this process: a program started in a session of its own
(LibreOffice, whose helpers such as ``soffice.bin`` are not our children) is killed as a whole
group when this process ends, however it ends (``watch_group``). A small child process that
only waits for this one to end does it: the guard."""

from __future__ import annotations

import os
import signal
import threading
from multiprocessing.connection import Connection

from reporter import stopping
from reporter.processes.child import Child, start_child
from reporter.processes.dying import start_ticks

_guard: Child | None = None
_guard_owner = 0
_guard_lock = threading.Lock()


def _after_fork_in_child() -> None:
    global _guard_lock
    _guard_lock = threading.Lock()  # held at the fork, by this thread or another


os.register_at_fork(after_in_child=_after_fork_in_child)


def watch_group(pgid: int) -> None:
    """Have the process group ``pgid`` (a program started from here in a session of its own,
    with ``child_preexec``) killed as soon as this process ends, however it ends:
    ``child_preexec`` ends the program itself, not the processes it started (LibreOffice's
    ``soffice.bin``). The guard forgets a group once no process of it is left."""
    global _guard, _guard_owner
    message = (pgid, start_ticks(pgid))
    with _guard_lock:
        for _attempt in range(2):
            if _guard is None or _guard_owner != os.getpid():  # none yet, or one of the process forked from
                _guard, _guard_owner = start_child(_guard_groups, dies_with_parent=False), os.getpid()
            try:
                _guard.send(message)
                return
            except OSError:  # it was killed: start another
                _guard.stop()
                _guard = None


def _guard_groups(pipe: Connection) -> None:
    """The guard: records the groups it is told of until its pipe ends (its parent ended),
    then kills those still there. It outlives its parent only for that; stop signals sent to
    the whole process group do not end it first."""
    for signum in stopping.STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 2)
    os.close(null)
    # Nothing else its parent had open stays open here: forked from one thread while another
    # starts a program, it would hold that program's pipes (``subprocess`` waits for the end
    # of a pipe to know the program started) for as long as it lives.
    os.closerange(3, pipe.fileno())
    os.closerange(pipe.fileno() + 1, _highest_fd())
    groups: dict[int, int | None] = {}
    while True:
        try:
            pgid, ticks = pipe.recv()
        except (EOFError, OSError):
            break
        for ended in [group for group in groups if not _group_alive(group)]:
            del groups[ended]
        groups[pgid] = ticks
    for pgid, ticks in groups.items():
        leader = start_ticks(pgid)
        if leader is not None and leader != ticks:  # the number was given to another process
            continue
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _highest_fd() -> int:
    try:
        return max(int(fd) for fd in os.listdir("/proc/self/fd")) + 1
    except (OSError, ValueError):
        return os.sysconf("SC_OPEN_MAX")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the number is another user's group now
        return False
    return True
