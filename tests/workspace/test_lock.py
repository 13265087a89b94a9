"""The workspace lock: a command finding the workspace in use says at once which command and
process hold it and since when, waits visibly (or stops under --no-wait), takes over from a
holder that is gone, saying so; a process forked while the lock is held does not keep it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reporter.workspace import lock
from reporter.workspace.lock import LOCK_NAME, Holder, LockWaiting, WorkspaceBusy, read_holder, workspace_lock
from tests.conftest import ROOT

# A stand-in for a long command: holds the workspace lock until it is ended, after saying so.
HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from reporter.workspace.lock import workspace_lock
    with workspace_lock(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(120)
""")


def _hold(outputs: Path, *extra: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(outputs), *extra], stdout=subprocess.PIPE,
                               cwd=ROOT, text=True, start_new_session=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def _end(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


def _reporter(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reporter", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, text=True, start_new_session=True)


def test_no_wait_names_the_holder_and_stops(example_ws: Path):
    holder = _hold(example_ws / "outputs", "notice")
    try:
        run = _reporter("report", "-w", example_ws, "--no-wait")
        out, err = run.communicate(timeout=60)
        assert run.returncode == lock.EXIT_BUSY, err
        assert f"进程 {holder.pid}" in err and "使用，本次未运行" in err and "notice" in err
        assert "Traceback" not in err
        assert not (example_ws / "outputs" / "工作情况汇报.docx").exists()
    finally:
        _end(holder)


def test_a_waiting_command_says_so_at_once_and_goes_on_when_the_holder_ends(example_ws: Path):
    holder = _hold(example_ws / "outputs")
    try:
        run = _reporter("report", "-w", example_ws)
        assert run.stderr is not None
        first = ""
        while "工作目录" not in first:  # the first lines say it is checking the workbooks
            first = run.stderr.readline()
            assert first, "reporter report ended without saying it waits"
        assert first.startswith(f"工作目录正被 ") and f"进程 {holder.pid}" in first and "开始）使用" in first
        time.sleep(1)
        assert run.poll() is None  # still waiting
    finally:
        _end(holder)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "已等到工作目录空闲" in err
    assert (example_ws / "outputs" / "工作情况汇报.docx").is_file()


def test_a_holder_that_is_gone_is_taken_over_saying_so(example_ws: Path):
    outputs = example_ws / "outputs"
    holder = _hold(outputs)
    record = read_holder(outputs / LOCK_NAME)
    assert record is not None and record.pid == holder.pid and record.alive()
    _end(holder)  # as a power cut: the record stays, the lock goes
    assert read_holder(outputs / LOCK_NAME) == record and not record.alive()
    run = _reporter("report", "-w", example_ws)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert f"上次的 {record.describe()} 没有正常结束" in err and "已接管工作目录" in err
    assert (outputs / LOCK_NAME).read_bytes() == b""  # a run that ends well leaves no record


def test_a_forked_child_does_not_keep_the_lock(tmp_path: Path):
    """The parent dies holding the lock while a child it forked lives on: the lock is free."""
    script = textwrap.dedent("""
        import os, sys, time
        from pathlib import Path
        from reporter.workspace.lock import workspace_lock
        with workspace_lock(Path(sys.argv[1])):
            child = os.fork()
            if child == 0:
                time.sleep(60)
                os._exit(0)
            print(child, flush=True)
            os._exit(0)  # killed, as it were: nothing unlocks
    """)
    printed = tmp_path / "child.txt"
    with open(printed, "w") as out:  # not a pipe: the child would hold it open
        subprocess.run([sys.executable, "-c", script, str(tmp_path)], stdout=out, cwd=ROOT, timeout=60,
                       start_new_session=True, check=True)
    child = int(printed.read_text().strip())
    try:
        assert Path(f"/proc/{child}").exists()
        with workspace_lock(tmp_path, LockWaiting(wait=False)):
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def test_in_process_no_wait_raises(tmp_path: Path):
    told: list[str] = []
    holder = _hold(tmp_path)
    try:
        with pytest.raises(WorkspaceBusy) as caught:
            with workspace_lock(tmp_path, LockWaiting(wait=False, tell=told.append)):
                pass
        assert caught.value.exit_code == 75 and "工作目录正被" in str(caught.value)
    finally:
        _end(holder)


def test_a_record_of_a_process_number_used_again_is_not_alive():
    me = lock.this_process()
    assert me.alive()
    assert not Holder(me.command, me.pid, me.started, (me.ticks or 0) + 1).alive()
