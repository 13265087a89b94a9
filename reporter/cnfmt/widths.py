"""How wide text prints: the one text-width model of reporter, in ems (the width of one
Chinese character of the text's font).

A Chinese character or full-width form is 1 em; so is an East Asian "ambiguous" character
(“ ” ‘ ’ — … ·), as a Chinese font draws it. Latin letters, digits and other narrow
characters are ½ em; format characters (zero-width space, word joiner, soft hyphen) take none.
Where the callers' fonts or needs differ, a parameter says so:

- ``ambiguous=False``: ambiguous characters are narrow, as a Latin font draws them (Excel
  shows a cell's “ ” in Calibri: ``publish.xlsx`` column widths);
- ``proportional=True``: Latin capitals and %@&mw are ¾ em and spaces ¼ (table cells, whose
  columns are fitted to the text: ``render.measure``); otherwise every narrow character is
  ½ em (titles, signatures, the 版记, set in Times New Roman where a generous estimate is safe);
- ``autospace``: the space Word and LibreOffice put between a Chinese character and a Latin
  letter or digit (``w:autoSpaceDE``/``autoSpaceDN``), in ems; none unless asked for.
"""

from __future__ import annotations

import functools
import unicodedata

#: The space Word and LibreOffice put between CJK text and Latin letters or digits, in ems.
AUTOSPACE_EM = 0.25
#: Narrow characters drawn wider than ½ em in a proportional font (see ``proportional``).
_BROAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ%@&mw")
_SPACES = frozenset(" \u3000\t")


def is_wide(ch: str, ambiguous: bool = True) -> bool:
    """Whether ``ch`` is full width (East Asian Wide or Fullwidth, and Ambiguous unless
    ``ambiguous`` is False)."""
    kind = unicodedata.east_asian_width(ch)
    return kind in ("W", "F") or (ambiguous and kind == "A")


@functools.cache  # called for every character measured; there are few distinct ones
def char_width(ch: str, ambiguous: bool = True, proportional: bool = False) -> float:
    """The width of one character in ems (see the module's description for the parameters)."""
    if unicodedata.category(ch) == "Cf":
        return 0.0
    if is_wide(ch, ambiguous):
        return 1.0
    if proportional:
        if ch in _SPACES:
            return 0.25
        if ch in _BROAD:
            return 0.75
    return 0.5


def autospaced(left: str, right: str) -> bool:
    """Whether Word and LibreOffice put space between two neighbours: a Chinese letter and an
    ASCII letter or digit, either way round."""
    def cjk(c: str) -> bool:
        return is_wide(c) and unicodedata.category(c) == "Lo"

    def latin(c: str) -> bool:
        return c.isascii() and c.isalnum()

    return (cjk(left) and latin(right)) or (latin(left) and cjk(right))


def text_width(text: str, ambiguous: bool = True, proportional: bool = False, autospace: float = 0.0) -> float:
    """The width of ``text`` in ems: its characters' widths (``char_width``), and ``autospace``
    ems wherever a Chinese letter meets a Latin letter or digit (``autospaced``)."""
    width = 0.0
    previous = ""
    for ch in text:
        width += char_width(ch, ambiguous, proportional)
        if autospace and previous and autospaced(previous, ch):
            width += autospace
        previous = ch
    return width
