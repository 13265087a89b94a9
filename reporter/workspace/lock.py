"""The workspace lock: one command at a time writes a workspace's outputs, and a command that
has to wait says at once who it is waiting for.

The lock is an ``flock`` on ``outputs/.reporter.lock``; the kernel lets it go when the holder
ends, however it ends. The holder writes into the file who it is (the command line, its
process and when it started), so that a command finding the workspace in use can say which
command holds it and since when, and keep saying that it waits; with ``no_wait`` it stops at
once instead (``WorkspaceBusy``). A command that finds the record of a holder that is gone
(a run that was killed or lost its power) takes the workspace over and says so. Processes
forked while the lock is held do not keep it: the lock's file is closed in them, so a worker
outliving its command for a moment never holds a workspace.

How waiting is told is set once by the program's entry point (``LockWaiting``): the command
line prints on standard error; a library caller is told nothing and waits.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reporter.errors import ReporterError
from reporter.processes.dying import start_ticks

LOCK_NAME = ".reporter.lock"
# How often a waiting command tries the lock again, and tells that it still waits.
POLL_SECONDS = 0.2
REMIND_SECONDS = 15.0
EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: try again later


class WorkspaceBusy(ReporterError):
    """Another command holds the workspace and this one was told not to wait."""

    exit_code = EXIT_BUSY


@dataclass
class LockWaiting:
    """How a command behaves when the workspace is in use: whether it waits, and where it
    tells what it waits for (one Chinese line at a time)."""

    wait: bool = True
    tell: Callable[[str], None] = lambda line: None


#: Set by the entry point (``reporter.cli``); library callers wait silently.
WAITING = LockWaiting()


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a workspace: the command line, its process, when it started, and the
    process's own start time (to tell a process from a later one given the same number)."""

    command: str
    pid: int
    started: str
    ticks: int | None

    def alive(self) -> bool:
        """Whether the process that wrote this record is still running."""
        return self.ticks is not None and start_ticks(self.pid) == self.ticks

    def describe(self) -> str:
        """The holder as users read it: 'reporter notice（进程 1234，21:05:03 开始）'."""
        started = self.started
        try:
            moment = dt.datetime.fromisoformat(self.started)
            started = moment.strftime("%H:%M:%S" if moment.date() == dt.date.today() else "%Y-%m-%d %H:%M")
        except ValueError:
            pass
        return f"{self.command}（进程 {self.pid}，{started} 开始）"


def this_process() -> Holder:
    """The record this process writes while it holds a workspace."""
    words = [Path(sys.argv[0]).name or "reporter", *sys.argv[1:]] if sys.argv else ["reporter"]
    if words[0] in ("__main__.py", "-c", "") or words[0].startswith("python"):
        words[0] = "reporter"
    return Holder(shlex.join(words), os.getpid(), dt.datetime.now().isoformat(timespec="seconds"),
                  start_ticks(os.getpid()))


def read_holder(lock_file: Path) -> Holder | None:
    """The holder recorded in ``lock_file``; None when there is none (or it cannot be read)."""
    try:
        record = json.loads(lock_file.read_text(encoding="utf-8") or "null")
        return Holder(str(record["command"]), int(record["pid"]), str(record["started"]),
                      record.get("ticks"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


# The lock files this process holds, closed in every process it forks.
_held: list[int] = []


def _forget_in_child() -> None:
    for fd in _held:
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


@contextmanager
def workspace_lock(outputs: Path, waiting: LockWaiting | None = None) -> Iterator[None]:
    """Hold the lock of the workspace whose outputs folder is ``outputs`` for the block; waits
    for another holder (telling so) or raises ``WorkspaceBusy``, as ``waiting`` (by default
    the entry point's ``WAITING``) says."""
    waiting = waiting or WAITING
    outputs.mkdir(parents=True, exist_ok=True)
    path = outputs / LOCK_NAME
    with open(path, "a+b") as handle:
        _acquire(handle.fileno(), path, waiting)
        _held.append(handle.fileno())
        try:
            _record(handle, this_process())
            yield
        finally:
            handle.truncate(0)
            handle.flush()
            _held.remove(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _acquire(fd: int, path: Path, waiting: LockWaiting) -> None:
    """Take the lock, telling first about a holder that was gone (its run did not end) or one
    that is still there (and waiting for it, or not)."""
    if _try(fd):
        _took_over(path, waiting)
        return
    holder = read_holder(path)
    if not waiting.wait:
        raise WorkspaceBusy(f"{path.parent.parent}: 工作目录正被{_whom(holder)}使用，本次未运行；请等它结束后再试")
    waiting.tell(f"工作目录正被{_whom(holder)}使用，等它结束后继续……（按 Ctrl+C 可取消；加 --no-wait 则不等待）")
    began = last_told = time.monotonic()
    while not _try(fd):
        time.sleep(POLL_SECONDS)
        now = time.monotonic()
        current = read_holder(path)
        if current is not None and current != holder:
            holder, last_told = current, now
            waiting.tell(f"工作目录现由{_whom(holder)}使用，继续等待……")
        elif now - last_told >= REMIND_SECONDS:
            last_told = now
            waiting.tell(f"仍在等待{_whom(holder)}结束，已等 {now - began:.0f} 秒……")
    waiting.tell(f"已等到工作目录空闲（等了 {time.monotonic() - began:.0f} 秒），继续。")


def _whom(holder: Holder | None) -> str:
    """Who holds a workspace, to follow 正被 in a sentence."""
    if holder is None:
        return "另一个 reporter 命令"
    if not holder.alive():
        return f" {holder.describe()}留下的子进程（该命令已结束）"
    return f" {holder.describe()}"


def _took_over(path: Path, waiting: LockWaiting) -> None:
    """Say so when the lock's record names a holder that is gone: its run was cut short."""
    previous = read_holder(path)
    if previous is not None and previous.pid != os.getpid() and not previous.alive():
        waiting.tell(f"上次的 {previous.describe()} 没有正常结束（可能被强行终止或断电），"
                     "已接管工作目录；它没写完的文件不会留下，原有文件保持不变。")


def _record(handle: IO[bytes], holder: Holder) -> None:
    handle.seek(0)
    handle.truncate(0)
    handle.write(json.dumps(holder.__dict__, ensure_ascii=False).encode("utf-8"))
    handle.flush()
