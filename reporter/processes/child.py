"""The one child-process primitive: ``start_child`` forks a process running one function, with
a two-way pipe to it (``Child``).

The child dies with this process (``dying``), SIGKILL of this process included, so it never
outlives its command holding the command's output pipe or its files. It ignores Ctrl-C, which
at a terminal reaches the whole process group: the parent stops its children itself (the entry
point turns every stop signal into ``KeyboardInterrupt``, see ``reporter.stopping``). SIGTERM
and SIGHUP end a child at once. Its standard input and output are /dev/null; its standard
error stays, for a message of last resort. ``send_result``/``result_of`` carry a value or an
error across the pipe.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection, Pipe
from typing import Any

from reporter import stopping
from reporter.errors import EXIT_TOOL, ReporterError
from reporter.processes.dying import child_preexec


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


# This side of the pipe of every live child of this process: closed in any process forked
# later, so that a child sees the end of its pipe when its parent ends, not when the last
# of its siblings does. A pipe is made, its child forked and the child's side closed here
# while ``_fork_lock`` is held, so no other thread's child inherits a child's side.
_parent_ends: set[Connection] = set()
_fork_lock = threading.Lock()
#: The signals that stop a command (see ``reporter.stopping``).
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _after_fork_in_child() -> None:
    global _fork_lock
    for end in list(_parent_ends):
        try:
            end.close()
        except OSError:
            pass
    _parent_ends.clear()
    _fork_lock = threading.Lock()  # held at the fork, by this thread or another


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
            # The stop signals wait (blocked) until the child has its own dispositions: a Ctrl-C
            # sent the moment it exists must not reach it as this process's KeyboardInterrupt.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
            try:
                pid = os.fork()
                if pid == 0:
                    _run_child(body, theirs, own_group, dies_with_parent, mask)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
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
               dies_with_parent: bool, mask: Iterable[int]) -> None:
    """The child's side of ``start_child``, started with the stop signals blocked (``mask`` is
    the signal mask to go back to): never returns."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a waiting SIGTERM ends the child now
        if dies_with_parent:
            child_preexec()
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
    raises (see ``send_error``)."""
    try:
        value = compute()
    except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it
        send_error(pipe, error)
        return
    try:
        pipe.send(("value", value))
    except Exception:  # noqa: BLE001 - pickling failed before anything was written
        pipe.send(("error", ChildFailed(traceback.format_exc())))


def send_error(pipe: Connection, error: BaseException) -> None:
    """Send ``("error", error)`` through ``pipe``; an error that cannot be pickled goes as a
    ``ChildFailed`` with its traceback."""
    try:
        pipe.send(("error", error))
    except Exception:  # noqa: BLE001 - pickling failed before anything was written
        original = "".join(traceback.format_exception(error))
        pipe.send(("error", ChildFailed(original + traceback.format_exc())))


def result_of(message: tuple[str, Any]) -> Any:
    """The value a ``send_result`` message carries, or its error raised."""
    kind, payload = message
    if kind == "error":
        raise payload
    return payload
