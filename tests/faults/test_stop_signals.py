"""Stopping a command: Ctrl-C (SIGINT to the whole process group, as at a terminal), SIGTERM (to
the command alone, or to its whole group as a service manager sends it) and SIGHUP at random
moments end it with the interrupted message and 128 + the signal's number (130, 143, 129),
never an internal error (70); nothing is written, no process is left. (In the first few
milliseconds, before Python has run reporter's first lines, the signal's own action ends the
process: nothing has begun.) A signal that comes once
the command has begun to move its outputs into place comes too late: it finishes (exit 0) with
every output complete. And a command killed outright does not keep its output pipe open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, private_copy
from tests.faults.runs import (
    MARK,
    complete_run,
    end_all,
    files,
    left_behind,
    litter,
    marked,
    new_mark,
    rng,
    start,
    trials,
    whole,
)

#: (signal, sent to the whole process group): Ctrl-C at a terminal reaches every process of the
#: group; ``kill PID`` only the command; a service manager's stop every process.
WAYS = [(signal.SIGINT, True), (signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGHUP, False)]


def stop_at(args: list[str], base: Path, new: dict[str, bytes], offset: float, signum: int, group: bool,
            tmp: Path, seed: int) -> str:
    ws = private_copy(base, tmp / f"ws-{offset:.3f}-{signum}-{group}")
    old = files(ws)
    mark = new_mark()
    where = f"{' '.join(args)}: {signal.Signals(signum).name}{' to the group' if group else ''} at {offset:.2f} s " \
            f"(seed {seed})"
    process = start([*args, "-w", str(ws)], mark)
    try:
        time.sleep(offset)
        if process.poll() is None:
            if group:
                os.killpg(process.pid, signum)  # its own session: only what it started
            else:
                process.send_signal(signum)
        _out, err_bytes = process.communicate(timeout=120)
        survivors = left_behind(mark)
    finally:
        end_all(mark)
    err = err_bytes.decode(errors="replace")
    code = process.returncode
    assert not survivors, f"{where}: processes left behind: {survivors}"
    assert "Traceback" not in err and "内部错误" not in err, f"{where}:\n{err}"
    assert litter(ws) == [], f"{where}: temporary files left"
    if code == 0:  # finished before the signal, or the signal came too late
        assert files(ws).keys() >= {n for n in new if "/.cache/" not in n}, f"{where}: finished without every output"
        return f"{where}: finished"
    if code == -signum and not err:  # before Python ran reporter's first lines: nothing had begun
        assert outputs(ws) == outputs_of(old), f"{where}: files changed by a run that had not begun"
        return f"{where}: ended before it began"
    assert code == 128 + signum, f"{where}: exit code {code}\n{err}"
    assert "已中断" in err, f"{where}:\n{err}"
    assert outputs(ws) == outputs_of(old), f"{where}: files changed by an interrupted run"
    return f"{where}: interrupted"


def outputs(ws: Path) -> dict[str, bytes]:
    """The files of ``ws`` but its read records (which a run may add as it reads, each whole)."""
    now = files(ws)
    assert all(whole(ws, name, data) for name, data in now.items() if "/.cache/" in name)
    return outputs_of(now)


def outputs_of(found: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in found.items() if "/.cache/" not in name}


@pytest.mark.parametrize("command", ["forms", "report", "notice"])
def test_stopped_command_ends_cleanly(command: str, built_ws: Path, tmp_path: Path):
    ref = private_copy(built_ws, tmp_path / "reference")
    code, err, seconds = complete_run([command], ref)
    assert code == 0, err
    new = files(ref)
    random_source, seed = rng(f"stop {command}")
    outcomes = []
    for signum, group in WAYS:
        for _ in range(trials(1)):
            offset = random_source.uniform(0.0, seconds * 1.1)
            outcomes.append(stop_at([command], built_ws, new, offset, signum, group, tmp_path, seed))
    print("\n".join(outcomes))


def test_a_pipe_ends_when_the_command_is_killed(built_ws: Path, tmp_path: Path):
    """``reporter forms | cat`` ends at once when reporter is killed while its workers run:
    no worker keeps the pipe open."""
    ws = private_copy(built_ws, tmp_path / "ws")
    mark = new_mark()
    env = {**os.environ, "PYTHONPATH": str(ROOT), MARK: mark}
    pipeline = subprocess.Popen(["sh", "-c", f'"{sys.executable}" -m reporter forms -w "{ws}" | cat'], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        command: int | None = None
        workers: list[int] = []
        while time.monotonic() < deadline and pipeline.poll() is None and not workers:
            found = marked(mark)
            command = next((pid for pid, line in found.items() if "-m reporter forms" in line
                            and _parent(pid) == pipeline.pid), None)
            workers = [pid for pid in found if command is not None and _parent(pid) == command]
            time.sleep(0.01)
        assert command is not None and workers, "reporter forms finished before its workers were seen"
        os.kill(command, signal.SIGKILL)
        began = time.monotonic()
        pipeline.wait(timeout=30)
        assert time.monotonic() - began < 3, "the pipe stayed open after reporter was killed"
        assert left_behind(mark) == {}
    finally:
        end_all(mark)
        if pipeline.poll() is None:
            pipeline.kill()
            pipeline.wait()


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text(errors="replace").rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
