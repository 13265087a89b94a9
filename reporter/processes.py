"""Worker processes for batches: Ctrl-C handled by the parent alone.

Ctrl-C reaches the whole process group: workers ignore it and the parent stops the pool.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while worker processes are forked, then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def default_workers() -> int:
    """How many worker processes a batch uses: one per core, at most two."""
    return min(2, os.cpu_count() or 1)


def map_in_workers(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Item], Result],
                   items: Sequence[Item], workers: int) -> Iterator[Result]:
    """``work`` of every item, in order, computed in ``workers`` processes that each first run
    ``start(*start_args)`` (after ``ignore_interrupts``). ``start``, ``work`` and the
    arguments must be picklable."""
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(start, start_args))
    try:
        chunk = max(1, len(items) // (workers * 8))
        with interrupts_deferred():  # workers start here; a Ctrl-C now must not reach them half-born
            results = pool.map(work, items, chunksize=chunk)
        yield from results
    finally:
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:  # interrupted before its manager thread started: nothing to wait for
            pass


def _start_worker(start: Callable[..., None], start_args: tuple[Any, ...]) -> None:
    ignore_interrupts()
    start(*start_args)
