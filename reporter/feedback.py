"""How long batches report their progress: a callable that wraps the items and shows a label.

The items may be ``Step``s, which have a few words to show beside the bar (the pages of the
PDFs made so far); the wrapped items may be a sized iterable whose items arrive as the work
is done, to be shown one by one rather than gathered first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")

Progress = Callable[[Iterable[Any], str], Iterable[Any]]


class Step:
    """An item of a batch with a few words to show beside its progress bar."""

    def shown(self) -> str:
        """The words to show once this item is done ("" for none)."""
        return ""


def no_progress(items: Iterable[T], label: str) -> Iterable[T]:
    """The default progress reporter: shows nothing."""
    return items
