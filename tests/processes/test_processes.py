"""Child processes (``reporter.processes``): they send back what they compute, in order; they
end when the process that started them ends, however it ends (SIGKILL included), LibreOffice's
whole process group with them; SIGTERM ends a worker; the group guard keeps nothing of its
parent open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reporter import processes
from reporter.processes import groups
from reporter.processes import ChildFailed, in_child, map_batch, map_in_workers, start_child
from tests.conftest import ROOT
from tests.faults.runs import MARK, end_all, left_behind, marked, new_mark

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds processes through /proc (Linux)")


# --- in this process --------------------------------------------------------------------------------


FACTOR = 1


def _times(factor: int) -> None:
    global FACTOR
    FACTOR = factor


def _multiply(item: int) -> int:
    return item * FACTOR


def test_workers_give_every_result_in_order():
    assert list(map_in_workers(_times, (3,), _multiply, list(range(500)), 2)) == [3 * i for i in range(500)]
    assert list(map_in_workers(_times, (3,), _multiply, [], 2)) == []


def _fail_on_7(item: int) -> int:
    if item == 7:
        raise ValueError("seven")
    return item


def test_an_error_in_a_worker_is_raised_here():
    with pytest.raises(ValueError, match="seven"):
        list(map_in_workers(_times, (1,), _fail_on_7, list(range(20)), 2))


def _start_fails() -> None:
    raise RuntimeError("cannot start")


def test_an_error_starting_a_worker_is_raised_here():
    with pytest.raises(RuntimeError, match="cannot start"):
        list(map_in_workers(_start_fails, (), _multiply, list(range(20)), 2))


def _slow(item: int) -> int:
    time.sleep(0.05)
    return item


def test_a_batch_stopped_early_kills_its_workers():
    before = _children()
    results = map_in_workers(_times, (1,), _slow, list(range(200)), 2)
    assert next(results) == 0
    assert len(_children() - before) == 2
    results.close()
    assert _children() == before


def test_in_child_sends_back_the_value_or_the_error():
    assert in_child(lambda: os.getpid()) != os.getpid()
    with pytest.raises(KeyError):
        in_child(lambda: dict[str, int]()["missing"])


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not picklable")


def _raise_unpicklable() -> None:
    raise Unpicklable()


def test_an_error_that_cannot_be_sent_arrives_as_its_traceback():
    with pytest.raises(ChildFailed, match="Unpicklable"):
        in_child(_raise_unpicklable)


def test_sigterm_ends_a_worker():
    """A child does not inherit what this process does on SIGTERM: the signal ends it."""
    with start_child(lambda pipe: time.sleep(60)) as child:
        os.kill(child.pid, signal.SIGTERM)
        assert child.wait() == -signal.SIGTERM
    with start_child(lambda pipe: time.sleep(60)) as child:
        os.kill(child.pid, signal.SIGTERM)
        with pytest.raises(ChildFailed, match="SIGTERM"):
            child.receive()


def _answer_late(pipe) -> None:
    time.sleep(0.5)
    pipe.send("still here")


def test_ctrl_c_is_left_to_the_parent():
    with start_child(_answer_late) as child:
        os.kill(child.pid, signal.SIGINT)
        assert child.receive(timeout=30) == "still here"


def test_a_small_batch_is_mapped_in_this_process():
    before = _children()
    results = map_batch(_times, (2,), _multiply, list(range(5)), in_process_below=6, workers=2)
    assert next(results) == 0 and _children() == before
    assert list(results) == [2, 4, 6, 8]
    assert list(map_batch(_times, (2,), _multiply, list(range(50)), in_process_below=6, workers=2)) == \
        [2 * i for i in range(50)]


def _children() -> set[int]:
    """The live child processes of this one."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(errors="replace").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


# --- when the parent is killed ------------------------------------------------------------------------

PARENTS = {
    "workers": """
        from reporter.processes import map_in_workers
        print("ready", flush=True)
        list(map_in_workers(lambda: None, (), lambda item: time.sleep(60), list(range(4)), 2))
    """,
    "in_child": """
        from reporter.processes import in_child
        print("ready", flush=True)
        in_child(lambda: time.sleep(60))
    """,
    "bounded": """
        from reporter.render.bounded import Limits, run_bounded
        print("ready", flush=True)
        run_bounded("t.docx", Limits(memory_mb=1024, seconds=60), lambda: time.sleep(60))
    """,
    "program": """
        import subprocess
        from reporter.processes import child_preexec, watch_group
        # A program whose own children are not ours: like soffice's soffice.bin.
        program = subprocess.Popen(["sh", "-c", "sleep 60 & sleep 60 & wait"], preexec_fn=child_preexec,
                                   start_new_session=True)
        watch_group(program.pid)
        print("ready", flush=True)
        time.sleep(60)
    """,
}


@pytest.mark.parametrize("kind", sorted(PARENTS))
def test_children_end_when_their_parent_is_killed(kind: str):
    mark = new_mark()
    code = "import time\n" + textwrap.dedent(PARENTS[kind])
    parent = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT), MARK: mark},
                              stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline() == b"ready\n"
        deadline = time.monotonic() + 30
        while len(marked(mark)) < (3 if kind in ("workers", "program") else 2) and time.monotonic() < deadline:
            time.sleep(0.02)
        started = marked(mark)
        assert len(started) >= 2, started
        parent.kill()
        parent.wait(30)
        assert left_behind(mark) == {}, f"still running after their parent was killed (of {started})"
    finally:
        end_all(mark)
        if parent.stdout is not None:
            parent.stdout.close()


def test_a_child_whose_parent_died_before_it_began_ends_at_once():
    """The parent check after PR_SET_PDEATHSIG: a child whose parent is already gone exits."""
    code = textwrap.dedent("""
        import os, sys
        from reporter.processes import dying
        dying._forking_pid = -1  # as if the process that forked it had ended
        dying.child_preexec()
        sys.exit(0)
    """)
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 1


def test_the_group_guard_keeps_nothing_of_its_parent_open(tmp_path: Path):
    """Forked while another thread starts a program, the guard would otherwise hold that
    program's start-up pipe, and ``subprocess`` would wait for it for ever."""
    program = subprocess.Popen(["sleep", "60"], preexec_fn=processes.child_preexec, start_new_session=True)
    try:
        with open(tmp_path / "open.txt", "w"):
            processes.watch_group(program.pid)
            guard = groups._guard
            assert guard is not None
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                open_fds = sorted(int(fd) for fd in os.listdir(f"/proc/{guard.pid}/fd"))
                if len(open_fds) == 4:
                    break
                time.sleep(0.02)
            assert open_fds[:3] == [0, 1, 2] and len(open_fds) == 4, open_fds
    finally:
        program.kill()
        program.wait()
