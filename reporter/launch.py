"""The ``reporter`` console command: owns what is set for the whole process, once, before any
thread starts. How the process stops: Ctrl-C, SIGTERM and SIGHUP end a command the same clean
way from its first moment (``reporter.stopping``): one that comes while the libraries load
stops the command as it starts; a late one, once the command is over, changes nothing. The
umask is noted for systems where it cannot be read later without changing it
(``processes.entry``); temporary files go where the system's ``TMPDIR`` says, each run's own
in the folder the run is given (``publish.scratch``). Library code changes none of these."""

from __future__ import annotations

import signal

# Until ``stopping`` takes over, Ctrl-C ends the process quietly, as SIGTERM does, instead of
# Python's KeyboardInterrupt in the middle of an import (a traceback, though nothing had begun).
signal.signal(signal.SIGINT, signal.SIG_DFL)

from reporter import stopping  # noqa: E402 - after the line above, on purpose
from reporter.processes import note_umask  # noqa: E402

note_umask()  # at import, while this is the only thread


def main() -> None:
    """Load the command line and run it."""
    stopping.stop_on_signals()  # first: until now a signal's own action ends the process
    from reporter.cli import main as run

    try:
        run()
    finally:
        # The command is over (its files written or withdrawn): a late signal must not
        # turn a finished run into a failure while Python shuts down.
        stopping.ignore_stop_signals()
