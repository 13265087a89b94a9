"""Marks around a figure's text, so that the document's final wording of it can be read back.

A figure filter returns its text between marks; whatever the template does to it afterwards
(``replace('余','多')``, ``upper``) happens inside the marks. After rendering, ``Marks.settle``
takes the marks out and tells, for each mark's number, the text as the document prints it: the
data-source workbook lists exactly that. Marks are private-use characters with a random token
of the rendering, so text from users' workbooks (which may hold any character) never matches.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable

OPEN, MIDDLE, CLOSE = "\ue000", "\ue001", "\ue002"
TOKEN_LENGTH = 12
# Any rendering's marks, for a renderer not told which marks to read back.
ANY_MARK = re.compile(f"{OPEN}[0-9a-f]{{{TOKEN_LENGTH}}}\\d+{MIDDLE}|{CLOSE}[0-9a-f]{{{TOKEN_LENGTH}}}")


def unmarked(xml: str) -> str:
    """``xml`` without any rendering's marks (the texts between them stay)."""
    return ANY_MARK.sub("", xml)


class Marks:
    """The marks of one rendering; ``printed(number, text)`` hears each marked text as printed."""

    def __init__(self, printed: Callable[[int, str], None]):
        self.token = secrets.token_hex(TOKEN_LENGTH // 2)
        self.printed = printed
        # A figure's text holds no mark: a mark the template cut apart never swallows the next one.
        self._marked = re.compile(f"{OPEN}{self.token}(\\d+){MIDDLE}([^{OPEN}{CLOSE}]*){CLOSE}{self.token}")
        self._stray = re.compile(f"{OPEN}{self.token}\\d+{MIDDLE}|{CLOSE}{self.token}")

    def mark(self, number: int, text: str) -> str:
        """``text`` between the marks of figure ``number``."""
        return f"{OPEN}{self.token}{number}{MIDDLE}{text}{CLOSE}{self.token}"

    def settle(self, xml: str) -> str:
        """``xml`` without this rendering's marks, each marked text reported as printed (XML
        entities decoded). A mark the template cut apart is only removed."""

        def found(match: re.Match[str]) -> str:
            self.printed(int(match.group(1)), html.unescape(match.group(2)))
            return match.group(2)

        return self._stray.sub("", self._marked.sub(found, xml))
