"""How a command is stopped (``reporter.stopping``), in processes of their own (the handlers are
the entry point's, never the test run's): each stop signal raises ``KeyboardInterrupt`` inside
the command, one that comes before it starts is raised as it starts, one inside ``held`` when
the block ends, one after ``too_late`` is let go, and a second one cannot cut the clean-up short."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from reporter import stopping
from tests.conftest import ROOT

PRELUDE = """
import os, signal, time
from reporter import stopping
stopping.stop_on_signals()
def signal_self(signum):
    os.kill(os.getpid(), signum)
    time.sleep(0.5)  # the handler runs at the next instruction; never this long
"""


def run(code: str) -> list[str]:
    """The lines ``code`` prints, run after PRELUDE in a process of its own."""
    result = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("signum", stopping.STOP_SIGNALS)
def test_a_stop_signal_stops_the_command(signum: int):
    assert run(f"""
        try:
            with stopping.armed():
                signal_self({int(signum)})
                print("not stopped")
        except KeyboardInterrupt as stop:
            print(type(stop).__name__, stopping.exit_code(stop))
    """) == ["KeyboardInterrupt" if signum == signal.SIGINT else "Stopped", str(128 + signum)]


def test_a_signal_before_the_command_is_raised_as_it_starts():
    assert run("""
        signal_self(signal.SIGTERM)
        print("loading")
        try:
            with stopping.armed():
                print("not stopped")
        except KeyboardInterrupt:
            print("stopped", stopping.exit_code())
    """) == ["loading", "stopped", "143"]


def test_a_signal_inside_held_is_raised_when_it_ends():
    assert run("""
        try:
            with stopping.armed():
                with stopping.held():
                    signal_self(signal.SIGINT)
                    print("held")
                print("not stopped")
        except KeyboardInterrupt:
            print("stopped")
    """) == ["held", "stopped"]


def test_a_signal_once_outputs_are_moving_into_place_is_let_go():
    assert run("""
        with stopping.armed():
            stopping.too_late()
            signal_self(signal.SIGTERM)
            print("finished")
        signal_self(signal.SIGINT)
        print(stopping.received())
    """) == ["finished", "None"]


def test_a_second_signal_does_not_cut_the_clean_up_short():
    assert run("""
        try:
            with stopping.armed():
                try:
                    signal_self(signal.SIGINT)
                finally:
                    signal_self(signal.SIGTERM)
                    print("cleaned")
        except KeyboardInterrupt:
            print("stopped", stopping.exit_code())
    """) == ["cleaned", "stopped", "130"]
