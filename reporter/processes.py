"""Worker processes for batches: Ctrl-C handled by the parent alone.

Ctrl-C reaches the whole process group: workers ignore it and the parent stops the pool.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class ChildFailed(RuntimeError):
    """The child process of ``in_child`` ended without a result, or with an error that could
    not be sent back as it was."""


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


def map_in_workers(start: Callable[..., None], start_args: tuple[Any, ...], work: Callable[[Item], Result],
                   items: Sequence[Item], workers: int) -> Iterator[Result]:
    """``work`` of every item, in order, computed in ``workers`` processes that each first run
    ``start(*start_args)`` (after ``ignore_interrupts``). The workers are forked: ``start_args``
    need not be picklable; ``work``, the items and the results must be."""
    # Forked, so that ``start_args`` reach the workers as they are, unpickled (a compiled template).
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(start, start_args))
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


def in_child(work: Callable[[], Result]) -> Result:
    """``work()`` computed in a forked child process and sent back. What the work allocates on
    the way (openpyxl's model of a workbook of 20,000 rows) is given back to the system when
    the child ends; in this process Python would keep most of it for the rest of the run. An
    error the work raises is raised here."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, writer), name="reporter-child")
    with interrupts_deferred():
        process.start()
    writer.close()
    try:
        kind, payload = reader.recv()
    except EOFError:
        raise ChildFailed("the child process ended without a result") from None
    except BaseException:  # Ctrl-C while waiting: the child's work is not wanted any more
        process.kill()
        raise
    finally:
        reader.close()
        process.join()
    if kind == "error":
        raise payload
    return payload


def _child(work: Callable[[], Any], out: Any) -> None:
    ignore_interrupts()
    try:
        result: tuple[str, Any] = ("value", work())
    except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
        result = ("error", error)
    try:
        out.send(result)
    except Exception:  # noqa: BLE001 - an error that does not pickle is sent as text
        out.send(("error", ChildFailed(traceback.format_exc())))
    finally:
        out.close()
