"""Rendering bounded in memory and time: the work runs in a worker process within ``Limits``
(``reporter.processes.run_capped``: an address-space cap, a wait for each item no longer than
the seconds allowed, the worker and what it started killed as one group, dying with the
process that started it). What is render-specific is here: the limits' names in the
configuration and the Chinese messages naming the template, an ``InputError`` (exit 1) raised
before anything is written.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from reporter.errors import InputError, Problem
from reporter.processes import ChildFailed, MemoryCapReached, TimeLimitReached, run_capped

T = TypeVar("T")

LIMITS_HINT = "如确需更多，可在 inputs/配置.toml 的 [limits] 中调大 render_memory_mb 或 render_seconds"


@dataclass(frozen=True)
class Limits:
    """How much memory (MB, beyond what reporter already uses) and time (seconds per
    document) one render may take: the caller passes them (the configuration's [limits])."""

    memory_mb: int
    seconds: float


class WorkerBug(Exception):
    """An error inside the worker that is not the template's fault: reporter's own bug."""


def bounded(display: str, limits: Limits, work: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The items ``work()`` produces, produced in a worker process within ``limits``;
    ``display`` names the template in messages."""
    try:
        yield from run_capped(functools.partial(_in_worker, work), limits.memory_mb, limits.seconds)
    except TimeLimitReached:
        raise _refused(display, f"渲染超过 {limits.seconds:g} 秒仍未完成，已停止（模板中可能有过大或过多的循环），"
                                f"未写入任何文件；请检查模板。{LIMITS_HINT}") from None
    except MemoryCapReached:
        raise _refused(display, f"渲染所需内存超过上限 {limits.memory_mb} MB，已停止（模板中可能有过大的重复、"
                                f"乘方或循环），未写入任何文件；请检查模板。{LIMITS_HINT}") from None
    except ChildFailed:
        raise _refused(display, f"渲染进程意外退出（可能超出内存上限 {limits.memory_mb} MB），"
                                f"未写入任何文件；请检查模板。{LIMITS_HINT}") from None


def run_bounded(display: str, limits: Limits, work: Callable[[], T]) -> T:
    """``work()``'s result, computed in a worker process within ``limits``."""
    # Read to the end, not abandoned after the first item: an abandoned generator is closed
    # when it is collected, where a stop signal raised while the worker is reaped would be
    # printed and lost instead of stopping the command.
    [result] = bounded(display, limits, lambda: [work()])
    return result


def _in_worker(work: Callable[[], Iterable[T]]) -> Iterator[T]:
    """In the worker: the template's refusals (``InputError``) and running out of memory go
    to the parent as they are; any other error is reporter's bug, sent with its traceback."""
    try:
        yield from work()
    except (InputError, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - shown by the parent
        raise WorkerBug(traceback.format_exc()) from None


def _refused(display: str, message: str) -> InputError:
    return InputError([Problem(display, message)], "模板超出渲染限制，未生成任何文件")
