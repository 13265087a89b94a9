"""Work bounded in memory and time (``reporter.processes.run_capped``) and the renders built on it
(``reporter.render.bounded``): past the memory cap or the time limit the run stops with the
right error, in Chinese naming the template for a render, and the worker, with what it started,
is gone at once."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reporter.errors import InputError
from reporter.processes import ChildFailed, MemoryCapReached, TimeLimitReached, run_capped
from reporter.render.bounded import Limits, WorkerBug, bounded, run_bounded

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes through /proc (Linux)")


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie has ended: in a container nobody may reap an orphan)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone_soon(pid: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not alive(pid)


def _then_sleep() -> Iterator[int]:
    """The worker's pid and the pid of a program it started, then nothing for a minute."""
    program = subprocess.Popen(["sleep", "60"])
    yield os.getpid()
    yield program.pid
    time.sleep(60)


def _then_grow() -> Iterator[int]:
    yield os.getpid()
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB, a little at a time
    yield len(hoard)


def test_items_arrive_in_order_from_another_process():
    assert list(run_capped(lambda: (os.getpid() != parent for _ in range(3)), 256, 30)) == [True] * 3
    assert list(run_capped(lambda: iter(range(5)), 256, 30)) == [0, 1, 2, 3, 4]


parent = os.getpid()


def test_the_time_limit_stops_the_worker_and_what_it_started():
    results = run_capped(_then_sleep, 256, 0.5)
    worker, program = next(results), next(results)
    assert alive(worker) and alive(program)
    started = time.monotonic()
    with pytest.raises(TimeLimitReached) as reached:
        next(results)
    assert reached.value.seconds == 0.5
    assert time.monotonic() - started < 10
    assert not alive(worker), "the worker outlived its time limit"
    assert gone_soon(program), "a program the worker started outlived it"


def test_the_memory_cap_stops_the_worker():
    results = run_capped(_then_grow, 64, 60)
    worker = next(results)
    with pytest.raises(MemoryCapReached) as reached:
        next(results)
    assert reached.value.memory_mb == 64
    assert not alive(worker), "the worker outlived its memory cap"


def _fails() -> Iterator[int]:
    yield 1
    raise KeyError("missing")


def test_the_works_error_is_raised_here_and_a_killed_worker_is_a_failure():
    results = run_capped(_fails, 256, 30)
    assert next(results) == 1
    with pytest.raises(KeyError, match="missing"):
        next(results)

    def killed() -> Iterator[int]:
        yield os.getpid()
        os.kill(os.getpid(), signal.SIGKILL)
        yield 0

    with pytest.raises(ChildFailed, match="SIGKILL"):
        list(run_capped(killed, 256, 30))


def test_a_consumer_that_stops_early_ends_the_worker():
    results = run_capped(_then_sleep, 256, 30)
    worker, program = next(results), next(results)
    results.close()
    assert not alive(worker)
    assert gone_soon(program)


# --- renders: the same limits, told in Chinese -----------------------------------------------------


def _refusal(error: InputError) -> str:
    assert [p.path for p in error.problems] == ["t.docx"]
    return error.problems[0].message


def test_a_render_past_its_time_is_refused_naming_the_template():
    with pytest.raises(InputError) as refused:
        run_bounded("t.docx", Limits(memory_mb=256, seconds=0.5), lambda: time.sleep(60))
    assert "渲染超过 0.5 秒仍未完成" in _refusal(refused.value)
    assert "render_seconds" in _refusal(refused.value)


def test_a_render_past_its_memory_is_refused_naming_the_template():
    with pytest.raises(InputError) as refused:
        list(bounded("t.docx", Limits(memory_mb=64, seconds=60), _then_grow))
    assert "渲染所需内存超过上限 64 MB" in _refusal(refused.value)


def test_a_render_whose_worker_dies_is_refused_and_a_bug_is_reported_as_one():
    with pytest.raises(InputError) as refused:
        run_bounded("t.docx", Limits(memory_mb=256, seconds=30), lambda: os.kill(os.getpid(), signal.SIGKILL))
    assert "渲染进程意外退出" in _refusal(refused.value)
    with pytest.raises(WorkerBug, match="ZeroDivisionError"):
        run_bounded("t.docx", Limits(memory_mb=256, seconds=30), lambda: 1 / 0)


def test_a_templates_own_refusal_arrives_as_it_was():
    from reporter.errors import Problem

    def refuse() -> None:
        raise InputError([Problem("t.docx", "未定义的变量 x")], "模板有误")

    with pytest.raises(InputError) as refused:
        run_bounded("t.docx", Limits(memory_mb=256, seconds=30), refuse)
    assert refused.value.lines() == ["t.docx: 未定义的变量 x", "模板有误"]
