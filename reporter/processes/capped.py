"""Work bounded in memory and time (``run_capped``): it runs in a child process of its own
group that lowers its own address-space limit (``RLIMIT_AS``) to what it already uses plus the
memory allowed, and sends back what it produces one item at a time; this process waits for
each item no longer than the seconds allowed. Work that needs more stops with
``MemoryCapReached`` or ``TimeLimitReached``; the child, and any process it started, is then
killed as one group. Forking copies this process's state, so the work may be any closure:
nothing but its items and its error crosses between the processes."""

from __future__ import annotations

import functools
import os
import resource
from collections.abc import Callable, Generator, Iterable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from reporter.processes.child import send_error, start_child

T = TypeVar("T")


class MemoryCapReached(Exception):
    """The work needed more memory than the ``memory_mb`` it was allowed."""

    def __init__(self, memory_mb: int):
        super().__init__(f"more than {memory_mb} MB needed")
        self.memory_mb = memory_mb


class TimeLimitReached(Exception):
    """The work produced nothing for ``seconds`` seconds."""

    def __init__(self, seconds: float):
        super().__init__(f"nothing produced for {seconds:g} s")
        self.seconds = seconds


def run_capped(work: Callable[[], Iterable[T]], memory_mb: int, seconds: float) -> Generator[T, None, None]:
    """The items ``work()`` produces, produced in a child process that may use ``memory_mb`` MB
    beyond what this process uses, each within ``seconds`` of the one before. Raises
    ``MemoryCapReached`` or ``TimeLimitReached`` past a limit, the work's own error as it was
    (``ChildFailed`` when it cannot be sent), ``ChildFailed`` when the child dies otherwise
    (``ChildKilled`` by a signal). The child is gone when this ends, however it ends."""
    with start_child(functools.partial(_produce, work, memory_mb), own_group=True) as child:
        while True:
            try:
                kind, payload = child.receive(timeout=seconds)
            except TimeoutError:
                raise TimeLimitReached(seconds) from None
            if kind == "item":
                yield payload
            elif kind == "done":
                return
            elif kind == "memory":
                raise MemoryCapReached(memory_mb)
            else:
                raise payload


def _produce(work: Callable[[], Iterable[Any]], memory_mb: int, pipe: Connection) -> None:
    """The child: memory capped, then each item sent as it is made."""
    cap_memory(memory_mb)
    try:
        for item in work():
            pipe.send(("item", item))
    except MemoryError:
        pipe.send(("memory", None))
    except Exception as error:  # noqa: BLE001 - raised again in the parent
        send_error(pipe, error)
    else:
        pipe.send(("done", None))


def cap_memory(memory_mb: int) -> None:
    """Lower this process's address-space limit to what it uses now plus ``memory_mb`` MB
    (never above the hard limit): past it, allocations fail with ``MemoryError``."""
    page = os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/statm", encoding="ascii") as statm:
        used = int(statm.read().split()[0]) * page
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
