"""How a command is asked to stop: Ctrl-C, SIGTERM and SIGHUP all end it the same clean way.

Only the program's entry point calls ``stop_on_signals``, and runs the command inside
``armed``. There each of these signals raises ``KeyboardInterrupt`` in the main thread
(``Stopped``, a kind of it, for SIGTERM and SIGHUP), so that every ``finally`` runs (staged
files withdrawn, child processes stopped) and the command ends with the interrupted message
and exit code 128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP.
A signal that comes before the command starts (while the libraries load, while the command
line is read) is raised as the command starts; one that comes once the command has begun to
move its outputs into place, or has ended, comes too late and is let go (``too_late``): the
run finishes. A further signal while the run is stopping is ignored, so that it cannot cut
that clean-up short. While a child process is being forked a stop is held back and raised
just after (``held``), so that no child is left unrecorded.

Without ``stop_on_signals`` (reporter used as a library) nothing here changes how signals act.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The signals that stop a command, each as Ctrl-C does.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal other than Ctrl-C (SIGTERM, SIGHUP)."""

    def __init__(self, signum: int):
        super().__init__(f"signal {signum}")
        self.signum = signum


_received: int | None = None  # the stop signal of this run, once one came
_raised = False  # whether it has been raised
_armed = False  # the command runs: a stop is raised at once
_holding = 0  # how many ``held`` blocks the main thread is in
_finishing = False  # the command is moving its outputs into place, or has ended


def stop_on_signals() -> None:
    """For the program's entry point: from now on a stop signal stops the command (see the
    module's description). A signal this process was started ignoring (a background job's
    Ctrl-C, ``nohup``'s SIGHUP) stays ignored."""
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _on_signal)


def ignore_stop_signals() -> None:
    """For the entry point once the command is over: a late signal changes nothing."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def received() -> int | None:
    """The signal that asked this run to stop, if one did (and came in time)."""
    return _received


def exit_code(error: BaseException | None = None) -> int:
    """The exit code of a run ended by a stop signal (or by ``error``, a ``KeyboardInterrupt``):
    128 + the signal's number."""
    signum = _received or getattr(error, "signum", None) or signal.SIGINT
    return 128 + int(signum)


@contextmanager
def armed() -> Iterator[None]:
    """The command itself, run by the entry point: a stop signal inside raises at once (one
    that came before raises as the block begins); once the block has ended without error, a
    stop comes too late."""
    global _armed
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _armed = True
    try:
        _raise_if_due()
        yield
    except BaseException:
        _armed = False
        raise
    _armed = False
    too_late()


def too_late() -> None:
    """For a run (in the main thread) that begins to move its outputs into place: from now on
    a stop signal is let go and the run finishes. A stop held back until now is let go too."""
    global _finishing, _received
    if threading.current_thread() is not threading.main_thread():
        return
    _finishing = True
    if not _raised:
        _received = None


@contextmanager
def held() -> Iterator[None]:
    """A block that a stop signal does not cut in two: one arriving inside it is raised when
    it ends (in the main thread; other threads never receive signals)."""
    global _holding
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
    _raise_if_due()


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    global _received
    if _received is not None or _finishing:  # already stopping, or too late to
        return
    _received = signum
    _raise_if_due()


def _raise_if_due() -> None:
    global _raised
    if _received is None or _raised or not _armed or _holding or _finishing:
        return
    _raised = True
    raise KeyboardInterrupt() if _received == signal.SIGINT else Stopped(_received)
