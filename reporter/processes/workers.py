"""Work done in child processes for the memory that gives back or for the second core:
``in_child`` (one computation), ``map_in_workers`` (a batch shared by a few workers) and
``map_batch`` (the same, in-process when the batch is too small to repay the workers)."""

from __future__ import annotations

import ctypes
import functools
import gc
import os
from collections.abc import Callable, Generator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from reporter.processes.child import Child, result_of, send_result, start_child

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_child(work: Callable[[], Result]) -> Result:
    """``work()`` computed in a child process and sent back. What the work allocates on the
    way (openpyxl's model of a workbook of 20,000 rows) is given back to the system when the
    child ends; in this process Python would keep most of it for the rest of the run. An error
    the work raises is raised here."""
    with start_child(functools.partial(send_result, compute=work)) as child:
        message = child.receive()
    return result_of(message)


def give_back_memory() -> None:
    """Return the memory freed so far to the system (glibc's ``malloc_trim``; nothing elsewhere):
    after a large render, what the next step allocates then counts from what is in use."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def default_workers() -> int:
    """How many worker processes a batch uses: one per core, at most two."""
    return min(2, os.cpu_count() or 1)


def map_batch(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Item], Result],
              items: Sequence[Item], in_process_below: int, workers: int | None = None) -> Generator[Result, None, None]:
    """``work`` of every item, in order: in ``workers`` child processes (``map_in_workers``,
    default ``default_workers()``), or in this process after ``start(*start_args)`` when there
    are fewer than ``in_process_below`` items or fewer than two workers, where starting
    workers would cost more than they save."""
    workers = workers or default_workers()
    if len(items) < in_process_below or workers < 2:
        start(*start_args)
        return (work(item) for item in items)
    return map_in_workers(start, start_args, work, items, workers)


def map_in_workers(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Item], Result],
                   items: Sequence[Item], workers: int) -> Generator[Result, None, None]:
    """``work`` of every item, in order, computed in ``workers`` child processes that each
    first run ``start(*start_args)``. The workers are forked: ``start_args``, ``work`` and the
    items reach them as they are (a compiled template); only the results are pickled. The
    items go out in chunks, the next chunk to whichever worker is free; stopping early (an
    error, Ctrl-C, a consumer that stops reading) kills the workers."""
    if not items:
        return
    size = max(1, len(items) // (workers * 8))
    chunks = [(first, min(first + size, len(items))) for first in range(0, len(items), size)]
    body = functools.partial(_serve_chunks, start, start_args, work, items)
    children: list[Child] = []
    try:
        for _ in range(min(workers, len(chunks))):
            children.append(start_child(body))
        todo = iter(range(len(chunks)))
        busy: dict[Connection, tuple[Child, int]] = {}
        done: dict[int, list[Result]] = {}

        def give(child: Child) -> None:
            number = next(todo, None)
            if number is not None:
                child.send(chunks[number])
                busy[child.conn] = (child, number)

        for child in children:
            give(child)
        for number in range(len(chunks)):
            while number not in done:
                for conn in wait(list(busy)):
                    child, finished = busy.pop(conn)  # type: ignore[call-overload]
                    done[finished] = result_of(child.receive())
                    give(child)
            yield from done.pop(number)
        for child in children:
            child.send(None)
        for child in children:
            child.wait()
    finally:
        for child in children:
            child.stop()


def _serve_chunks(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Any], Any],
                  items: Sequence[Any], pipe: Connection) -> None:
    """A worker of ``map_in_workers``: started, then the results of each chunk it is sent,
    until it is sent ``None``. An error in ``start`` is the answer to every chunk."""
    try:
        start(*start_args)
        failed: Exception | None = None
    except Exception as error:  # noqa: BLE001 - raised in the parent with the first chunk
        failed = error
    while (chunk := pipe.recv()) is not None:
        first, last = chunk

        def compute() -> list[Any]:
            if failed is not None:
                raise failed
            return [work(items[i]) for i in range(first, last)]

        send_result(pipe, compute)
