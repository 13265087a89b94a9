"""Marks around a figure's text, so that the document's final wording of it can be read back.

A figure filter returns its text between marks (private-use characters no one types); whatever
the template does to it afterwards (``replace('余','多')``, ``upper``) happens inside the marks.
After rendering, ``settle`` takes the marks out and tells, for each mark's number, the text as
the document prints it: the data-source workbook lists exactly that.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

OPEN, MIDDLE, CLOSE = "\ue000", "\ue001", "\ue002"
MARKED = re.compile(f"{OPEN}(\\d+){MIDDLE}([^{OPEN}{CLOSE}]*){CLOSE}")
STRAY = re.compile(f"{OPEN}\\d*{MIDDLE}?|{CLOSE}")


def mark(number: int, text: str) -> str:
    """``text`` between the marks of figure ``number``."""
    return f"{OPEN}{number}{MIDDLE}{text}{CLOSE}"


def settle(xml: str, printed: Callable[[int, str], None] | None = None) -> str:
    """``xml`` without marks; ``printed(number, text)`` is called with each marked figure's text
    as printed (XML entities decoded). A mark the template cut apart is only removed."""

    def found(match: re.Match[str]) -> str:
        if printed is not None:
            printed(int(match.group(1)), html.unescape(match.group(2)))
        return match.group(2)

    return STRAY.sub("", MARKED.sub(found, xml))
