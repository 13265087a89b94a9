"""How long batches report their progress: a callable that wraps the items and shows a label."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

Progress = Callable[[Iterable[Any], str], Iterable[Any]]


def no_progress(items: Iterable[T], label: str) -> Iterable[T]:
    """The default progress reporter: shows nothing."""
    return items
