"""Rendering bounded in memory and time: the work runs in a forked worker process.

The worker lowers its own address-space limit (``RLIMIT_AS``) to what it already uses plus
the allowed memory, and sends back what it produces one item at a time; the parent waits
for each item no longer than the allowed seconds. A template that needs more memory or
time stops with a Chinese message naming it (an ``InputError``, exit 1) before anything is
written; the worker, and any process it started, is killed as one process group. The worker
is a ``reporter.processes`` child: it dies with the process that started it.

Forking copies the parent's state, so the work may be any closure: nothing but its results
and its errors cross between the processes.
"""

from __future__ import annotations

import functools
import os
import resource
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from reporter.errors import InputError, Problem
from reporter.processes import ChildFailed, start_child

T = TypeVar("T")

LIMITS_HINT = "如确需更多，可在 inputs/配置.toml 的 [limits] 中调大 render_memory_mb 或 render_seconds"


@dataclass(frozen=True)
class Limits:
    """How much memory (MB, beyond what reporter already uses) and time (seconds per
    document) one render may take."""

    memory_mb: int = 1024
    seconds: float = 60.0


class WorkerBug(Exception):
    """An error inside the worker that is not the template's fault: reporter's own bug."""


def bounded(display: str, limits: Limits, work: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The items ``work()`` produces, produced in a worker process within ``limits``;
    ``display`` names the template in messages."""
    with start_child(functools.partial(_work, work, limits=limits), own_group=True) as worker:
        while True:
            try:
                kind, payload = worker.receive(timeout=limits.seconds)
            except TimeoutError:
                raise _refused(display, f"渲染超过 {limits.seconds:g} 秒仍未完成，已停止（模板中可能有过大或过多的循环），"
                                        f"未写入任何文件；请检查模板。{LIMITS_HINT}") from None
            except ChildFailed:
                raise _refused(display, f"渲染进程意外退出（可能超出内存上限 {limits.memory_mb} MB），"
                                        f"未写入任何文件；请检查模板。{LIMITS_HINT}") from None
            if kind == "item":
                yield payload
            elif kind == "done":
                return
            elif kind == "input":
                raise InputError(*payload)
            elif kind == "memory":
                raise _refused(display, f"渲染所需内存超过上限 {limits.memory_mb} MB，已停止（模板中可能有过大的重复、"
                                        f"乘方或循环），未写入任何文件；请检查模板。{LIMITS_HINT}")
            else:
                raise WorkerBug(payload)


def run_bounded(display: str, limits: Limits, work: Callable[[], T]) -> T:
    """``work()``'s result, computed in a worker process within ``limits``."""
    return next(iter(bounded(display, limits, lambda: [work()])))


def _work(work: Callable[[], Iterable[Any]], out: Connection, limits: Limits) -> None:
    """The worker (a process group of its own, Ctrl-C left to the parent): memory capped, then
    each item sent as it is made."""
    _cap_memory(limits.memory_mb)
    try:
        for item in work():
            out.send(("item", item))
        out.send(("done", None))
    except MemoryError:
        out.send(("memory", None))
    except InputError as e:
        out.send(("input", (e.problems, e.summary)))
    except Exception:  # noqa: BLE001 - every other error is reporter's bug, shown by the parent
        out.send(("bug", traceback.format_exc()))


def _cap_memory(memory_mb: int) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/statm", encoding="ascii") as statm:
        used = int(statm.read().split()[0]) * page
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _refused(display: str, message: str) -> InputError:
    return InputError([Problem(display, message)], "模板超出渲染限制，未生成任何文件")
