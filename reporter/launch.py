"""The ``reporter`` console command: a light start that turns Ctrl-C during start-up
(while the libraries load) into the same quiet exit as Ctrl-C later."""

from __future__ import annotations

import signal
import sys

from reporter.errors import INTERRUPTED


def main() -> None:
    """Load the command line and run it."""
    try:
        from reporter.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        sys.exit(130)
    try:
        run()
    finally:
        # The command is over (its files written or withdrawn): a late Ctrl-C must not
        # turn a finished run into a failure while Python shuts down.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
