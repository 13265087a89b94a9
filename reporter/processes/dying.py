"""Dying with the parent: a child process that the kernel kills (SIGKILL) the moment the process
that forked it ends, however it ends (``PR_SET_PDEATHSIG``, then a check that the parent is
still the one that forked it); and when a process started, to tell a process from a later one
given the same number."""

from __future__ import annotations

import ctypes
import os
import signal
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

try:
    _prctl: Any = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)  # looked up here, not after a fork
except OSError:  # no C library to load this way
    _prctl = None

_forking_pid = os.getpid()  # the process about to fork; set again before every fork


def _before_fork() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


os.register_at_fork(before=_before_fork)


def child_preexec() -> None:
    """Makes the calling child process die (SIGKILL) when the process that forked it ends,
    however it ends; for ``subprocess.Popen(..., preexec_fn=child_preexec)`` and forked
    workers. If that process has already ended before this ran, the child exits at once.
    Linux only; elsewhere nothing happens. (The kernel sends the signal when the *thread*
    that forked the child ends: fork from a thread that outlives the child.)"""
    if _prctl is None:
        return
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _forking_pid:  # the parent died before the line above took effect
        os._exit(1)


def start_ticks(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot, from /proc, Linux); None when it is
    gone or cannot be known. Equal numbers with different start times are different processes."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None
