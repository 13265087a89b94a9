"""Child processes that end with the process that started them, however it ends.

One primitive, ``start_child``: a forked process running one function, with a two-way pipe to
it (``Child``). The kernel kills such a child the moment its parent ends, SIGKILL of the parent
included (``PR_SET_PDEATHSIG``, then a check that the parent is still the one that forked it),
so a child never outlives its command holding the command's output pipe or its files; a
program started with ``subprocess.Popen(..., preexec_fn=child_preexec)`` dies the same way, and
a program that runs in a process group of its own (LibreOffice, whose helpers are not our
children) can have the whole group end with this process (``watch_group``).

A child ignores Ctrl-C, which at a terminal reaches the whole process group: the parent stops
its children itself (the entry point turns every stop signal into ``KeyboardInterrupt``, see
``reporter.stopping``). SIGTERM and SIGHUP end a child at once. Its standard input and output
are /dev/null; its standard error stays, for a message of last resort.

Built on it: ``in_child`` (one computation in a child, for the memory that gives back),
``map_in_workers`` (a batch shared by a few workers) and, in ``reporter.render.bounded``,
renders capped in memory and time.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, Pipe, wait
from pathlib import Path
from typing import Any, TypeVar

from reporter import stopping
from reporter.errors import EXIT_TOOL, ReporterError

Item = TypeVar("Item")
Result = TypeVar("Result")


class ChildFailed(RuntimeError):
    """A child process ended without sending what it was to send, or sent an error that could
    not be sent back as it was."""


class ChildKilled(ChildFailed, ReporterError):
    """A child process was killed by a signal from outside (the system short of memory, or
    someone's ``kill``): not reporter's fault, and nothing was written."""

    exit_code = EXIT_TOOL

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"工作进程被终止（{signal.Signals(signum).name}，可能是内存不足被系统结束，或被其他程序结束）："
                         "本次没有写入任何文件，原有文件保持不变，请重新运行")


# --- dying with the parent ----------------------------------------------------------------------

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


# --- the primitive ------------------------------------------------------------------------------

# This side of the pipe of every live child of this process: closed in any process forked
# later, so that a child sees the end of its pipe when its parent ends, not when the last
# of its siblings does. A pipe is made, its child forked and the child's side closed here
# while ``_fork_lock`` is held, so no other thread's child inherits a child's side.
_parent_ends: set[Connection] = set()
_fork_lock = threading.Lock()


def _after_fork_in_child() -> None:
    global _fork_lock, _guard_lock
    for end in list(_parent_ends):
        try:
            end.close()
        except OSError:
            pass
    _parent_ends.clear()
    _fork_lock, _guard_lock = threading.Lock(), threading.Lock()  # held at the fork, by this thread or another


os.register_at_fork(after_in_child=_after_fork_in_child)


class Child:
    """A forked child process of this one and this side of the two-way pipe to it; ``stop()``
    (or leaving it as a context manager) kills it, with its process group if it has one of its
    own, and reaps it."""

    def __init__(self, pid: int, conn: Connection, own_group: bool):
        self.pid = pid
        self.conn = conn
        self.own_group = own_group
        self.status: int | None = None  # exit code once reaped; minus the signal that killed it
        self._send_lock = threading.Lock()

    def send(self, message: Any) -> None:
        """Send ``message`` (anything picklable) to the child."""
        with self._send_lock:
            self.conn.send(message)

    def receive(self, timeout: float | None = None) -> Any:
        """The next message from the child; ``TimeoutError`` when none came within ``timeout``
        seconds, ``ChildFailed`` when the child ended without sending one."""
        if timeout is not None and not self.conn.poll(timeout):
            raise TimeoutError
        try:
            return self.conn.recv()
        except (EOFError, ConnectionResetError):
            self._reap(grace=5.0)
            if self.status is not None and self.status < 0:
                raise ChildKilled(-self.status) from None
            raise ChildFailed(f"the child process ended without sending a result ({self.how_it_ended()})") from None

    def how_it_ended(self) -> str:
        """The child's end as words for an error report."""
        if self.status is None:
            return "still running"
        if self.status < 0:
            return f"killed by {signal.Signals(-self.status).name}"
        return f"exit code {self.status}"

    def wait(self) -> int:
        """Wait for the child to end (and reap it); its exit code, or minus the signal that
        killed it."""
        if self.status is None:
            try:
                _pid, status = os.waitpid(self.pid, 0)
                self.status = os.waitstatus_to_exitcode(status)
            except ChildProcessError:  # reaped elsewhere
                self.status = 0
        return self.status

    def _reap(self, grace: float) -> None:
        """Reap the child once it has ended, waiting for it at most ``grace`` seconds (then kill it)."""
        deadline = time.monotonic() + grace
        while self.status is None and time.monotonic() < deadline:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = self.pid, 0
            if pid != 0:
                self.status = os.waitstatus_to_exitcode(status)
            else:
                time.sleep(0.01)
        self.stop()

    def stop(self) -> None:
        """Kill the child (its whole process group if it has its own) unless it has ended,
        close the pipe and reap it."""
        if self.status is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                pid, status = self.pid, 0
            if pid == 0:  # still running (and so its number not reused)
                _kill(self.pid, self.own_group)
                self.wait()
            else:
                self.status = os.waitstatus_to_exitcode(status)
        self.close()

    def close(self) -> None:
        """Close this side of the pipe."""
        _parent_ends.discard(self.conn)
        self.conn.close()

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _kill(pid: int, own_group: bool) -> None:
    if own_group:
        try:
            os.killpg(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):  # not (yet) its own group
            pass
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def start_child(body: Callable[[Connection], None], own_group: bool = False,
                dies_with_parent: bool = True) -> Child:
    """A child process forked from this one that runs ``body(pipe)`` and exits (code 0, or
    1 after an error ``body`` let out, written to standard error). It dies with this process
    (unless ``dies_with_parent`` is false: then only its pipe tells it this process ended),
    ignores Ctrl-C, and with ``own_group`` leads a process group of its own. ``body`` may be
    any closure: the child has everything this process had when it forked."""
    for stream in (sys.stdout, sys.stderr):  # what is buffered here must not be written twice
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    child: Child | None = None
    try:
        with stopping.held(), _fork_lock:  # a stop now is raised once the child is known
            ours, theirs = Pipe(duplex=True)
            _parent_ends.add(ours)  # closed in the child by the fork hook
            pid = os.fork()
            if pid == 0:
                _run_child(body, theirs, own_group, dies_with_parent)
            theirs.close()
            if own_group:
                try:
                    os.setpgid(pid, pid)  # the child does the same: the group exists whoever is first
                except OSError:
                    pass
            child = Child(pid, ours, own_group)
    except BaseException:
        if child is not None:
            child.stop()
        raise
    return child


def _run_child(body: Callable[[Connection], None], pipe: Connection, own_group: bool,
               dies_with_parent: bool) -> None:
    """The child's side of ``start_child``: never returns."""
    code = 1
    try:
        if dies_with_parent:
            child_preexec()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        if own_group:
            os.setpgid(0, 0)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.close(null)
        body(pipe)
        code = 0
    except BaseException:  # noqa: BLE001 - the child's last word, wherever it goes
        try:
            traceback.print_exc()
        except BaseException:  # noqa: BLE001
            pass
    finally:
        try:
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)


def send_result(pipe: Connection, compute: Callable[[], Any]) -> None:
    """Send ``("value", compute())`` through ``pipe``, or ``("error", the error)`` when it
    raises; an error that cannot be pickled goes as a ``ChildFailed`` with its traceback."""
    try:
        message: tuple[str, Any] = ("value", compute())
    except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it
        message = ("error", error)
    try:
        pipe.send(message)
    except Exception:  # noqa: BLE001 - pickling failed before anything was written
        kind, payload = message
        original = "".join(traceback.format_exception(payload)) if kind == "error" else ""
        pipe.send(("error", ChildFailed(original + traceback.format_exc())))


def result_of(message: tuple[str, Any]) -> Any:
    """The value a ``send_result`` message carries, or its error raised."""
    kind, payload = message
    if kind == "error":
        raise payload
    return payload


# --- built on it --------------------------------------------------------------------------------


def in_child(work: Callable[[], Result]) -> Result:
    """``work()`` computed in a child process and sent back. What the work allocates on the
    way (openpyxl's model of a workbook of 20,000 rows) is given back to the system when the
    child ends; in this process Python would keep most of it for the rest of the run. An error
    the work raises is raised here."""
    with start_child(functools.partial(send_result, compute=work)) as child:
        message = child.receive()
    return result_of(message)


def give_back_memory() -> None:
    """Return the memory freed so far to the system (glibc's ``malloc_trim``; nothing elsewhere):
    after a large render, what the next step allocates then counts from what is in use."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def default_workers() -> int:
    """How many worker processes a batch uses: one per core, at most two."""
    return min(2, os.cpu_count() or 1)


def map_in_workers(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Item], Result],
                   items: Sequence[Item], workers: int) -> Iterator[Result]:
    """``work`` of every item, in order, computed in ``workers`` child processes that each
    first run ``start(*start_args)``. The workers are forked: ``start_args``, ``work`` and the
    items reach them as they are (a compiled template); only the results are pickled. The
    items go out in chunks, the next chunk to whichever worker is free; stopping early (an
    error, Ctrl-C, a consumer that stops reading) kills the workers."""
    if not items:
        return
    size = max(1, len(items) // (workers * 8))
    chunks = [(first, min(first + size, len(items))) for first in range(0, len(items), size)]
    body = functools.partial(_serve_chunks, start, start_args, work, items)
    children: list[Child] = []
    try:
        for _ in range(min(workers, len(chunks))):
            children.append(start_child(body))
        todo = iter(range(len(chunks)))
        busy: dict[Connection, tuple[Child, int]] = {}
        done: dict[int, list[Result]] = {}

        def give(child: Child) -> None:
            number = next(todo, None)
            if number is not None:
                child.send(chunks[number])
                busy[child.conn] = (child, number)

        for child in children:
            give(child)
        for number in range(len(chunks)):
            while number not in done:
                for conn in wait(list(busy)):
                    child, finished = busy.pop(conn)  # type: ignore[call-overload]
                    done[finished] = result_of(child.receive())
                    give(child)
            yield from done.pop(number)
        for child in children:
            child.send(None)
        for child in children:
            child.wait()
    finally:
        for child in children:
            child.stop()


def _serve_chunks(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Any], Any],
                  items: Sequence[Any], pipe: Connection) -> None:
    """A worker of ``map_in_workers``: started, then the results of each chunk it is sent,
    until it is sent ``None``. An error in ``start`` is the answer to every chunk."""
    try:
        start(*start_args)
        failed: Exception | None = None
    except Exception as error:  # noqa: BLE001 - raised in the parent with the first chunk
        failed = error
    while (chunk := pipe.recv()) is not None:
        first, last = chunk

        def compute() -> list[Any]:
            if failed is not None:
                raise failed
            return [work(items[i]) for i in range(first, last)]

        send_result(pipe, compute)


# --- process groups that end with this process --------------------------------------------------

_guard: Child | None = None
_guard_owner = 0
_guard_lock = threading.Lock()


def watch_group(pgid: int) -> None:
    """Have the process group ``pgid`` (a program started from here in a session of its own,
    with ``child_preexec``) killed as soon as this process ends, however it ends:
    ``child_preexec`` ends the program itself, not the processes it started (LibreOffice's
    ``soffice.bin``). A small child process that only waits for this one to end does it; it
    forgets a group once no process of it is left."""
    global _guard, _guard_owner
    message = (pgid, _start_ticks(pgid))
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
        leader = _start_ticks(pgid)
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


def _start_ticks(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot, Linux); None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None
