"""Measuring text as a typesetter counts it, for laying out tables before Word or LibreOffice do.

Widths are in ems of the text's font (``cnfmt.widths`` with proportional Latin letters): CJK
characters and full-width punctuation 1, digits and most Latin letters ½, capitals ¾, with the
¼ em that Word and LibreOffice put between CJK and Latin or digits (``w:autoSpaceDE``/
``autoSpaceDN``, on by default): "2018年12月" is 5¾ em. Lines break
between any two CJK characters; ``words`` are what should not break: unit names between 、,
header words between "/" and "（". A ``Lexicon`` names what must never break, wherever it
stands: the campaign's unit names and terms (明厨亮灶 …) and dates (2018年12月31日前);
``break_lines`` breaks prose around them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from reporter.cnfmt.widths import AUTOSPACE_EM, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL, TYPE = f"{W}val", f"{W}type"

#: A run of characters between break opportunities counts as a word (kept on one line) up
#: to this many ems; a longer run is prose, which may break between any two characters.
LONGEST_WORD_EM = 8

# Break opportunities: after these characters, before the opening ones, and at spaces.
BREAK_AFTER = frozenset("、，,。；;：:！!？?）)》」』】/／")
BREAK_BEFORE = frozenset("（(《「『【")
SPACES = frozenset(" \u3000\t")
#: Dates as tables print them: 2018年12月底前, 2018年11月30日前, 11月26日, 2018年10月.
DATE = r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:底|上旬|中旬|下旬)?前?|\d{1,2}月\d{1,2}日前?"
#: Characters a line never starts with (they stay with the character before them).
CLOSING = frozenset("、，,。.；;：:！!？?）)》」』】”’%")
#: Characters a line never ends with (they go with the character after them).
OPENING = frozenset("（(《「『【“‘")


class Lexicon:
    """What a table cell never breaks: the given terms (unit names, the campaign's words) and
    dates, found longest first."""

    def __init__(self, terms: tuple[str, ...] | frozenset[str] = ()):
        self.terms = frozenset(t for t in terms if len(t) > 1)
        alternatives = [re.escape(t) for t in sorted(self.terms, key=len, reverse=True)]
        self._pattern = re.compile("|".join([*alternatives, DATE]))
        self._spans: dict[str, tuple[tuple[int, int], ...]] = {}

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where ``text`` holds a protected word: (start, end) pairs, not overlapping."""
        found = self._spans.get(text)
        if found is None:
            found = tuple(m.span() for m in self._pattern.finditer(text) if m.end() - m.start() > 1)
            if len(self._spans) < 65536:
                self._spans[text] = found
        return found

    def protected(self, text: str) -> list[str]:
        """The protected words in ``text``."""
        return [text[a:b] for a, b in self.spans(text)]

    def atoms(self, text: str) -> list[str]:
        """``text`` cut where a line may break: between any two characters, except inside a
        protected word, before closing punctuation and after opening punctuation."""
        starts = {}
        for start, end in self.spans(text):
            starts[start] = end
        atoms: list[str] = []
        glue_next = False
        index = 0
        while index < len(text):
            end = starts.get(index, index + 1)
            piece = text[index:end]
            if atoms and (glue_next or piece[0] in CLOSING):
                atoms[-1] += piece
            else:
                atoms.append(piece)
            glue_next = piece[-1] in OPENING
            index = end
        return atoms


#: No protected words but dates.
DATES_ONLY = Lexicon()


@lru_cache(maxsize=65536)
def text_em(text: str) -> float:
    """The width of ``text`` in ems as a table cell prints it: proportional Latin letters and
    the space between CJK and Latin or digits (``cnfmt.widths.text_width``)."""
    return text_width(text, proportional=True, autospace=AUTOSPACE_EM)


def words(text: str, lexicon: Lexicon = DATES_ONLY) -> list[str]:
    """``text`` cut at its break opportunities (none inside a word of ``lexicon``); the
    pieces joined give ``text`` again."""
    kept: set[int] = set()
    for start, end in lexicon.spans(text):
        kept.update(range(start + 1, end))
    pieces: list[str] = []
    current = ""
    for index, ch in enumerate(text):
        if current and index not in kept and (ch in BREAK_BEFORE or current[-1] in BREAK_AFTER
                                              or current[-1] in SPACES):
            pieces.append(current)
            current = ""
        current += ch
    if current:
        pieces.append(current)
    return pieces


def is_word(piece: str, lexicon: Lexicon = DATES_ONLY) -> bool:
    """Whether a piece of ``words`` is a word kept on one line: short, or all protected."""
    piece = piece.rstrip()
    return text_em(piece) <= LONGEST_WORD_EM or lexicon.protected(piece.strip("、，,。；;：:（）()")) == [
        piece.strip("、，,。；;：:（）()")]


def wrap_words(text: str, capacity_em: float, lexicon: Lexicon = DATES_ONLY) -> list[str] | None:
    """``text`` as lines of whole words, each at most ``capacity_em`` wide (trailing spaces
    not counted); None when a word is longer than a line or is prose rather than a word."""
    lines: list[str] = []
    line = ""
    for word in words(text, lexicon):
        width = text_em(word.rstrip())
        if width > capacity_em or not is_word(word, lexicon):
            return None
        if line and text_em(line + word.rstrip()) > capacity_em:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line:
        lines.append(line.rstrip())
    return lines


def break_lines(text: str, capacity_em: float, lexicon: Lexicon = DATES_ONLY) -> list[str]:
    """``text`` broken into lines of at most ``capacity_em`` as a CJK typesetter would, but
    never inside a word of ``lexicon`` (a unit name, a term, a date) nor before closing or
    after opening punctuation, and never leaving one character alone on a line (the line
    before gives it a companion)."""
    lines: list[list[str]] = [[]]
    for atom in lexicon.atoms(text):
        if lines[-1] and text_em("".join(lines[-1]) + atom) > capacity_em:
            lines.append([])
        lines[-1].append(atom)
    for index in range(1, len(lines)):
        line, before = lines[index], lines[index - 1]
        if _letters(line) == 1 and len(before) > 1 and _letters(before[:-1]) > 1 \
                and (index == len(lines) - 1 or text_em(before[-1] + "".join(line)) <= capacity_em):
            line.insert(0, before.pop())
    return ["".join(line) for line in lines]


def _letters(atoms: list[str]) -> int:
    return sum(1 for atom in atoms for ch in atom if ch not in CLOSING and ch not in OPENING and not ch.isspace())


def line_count(text: str, capacity_em: float) -> int:
    """How many lines ``text`` takes at ``capacity_em``: broken between words when its words
    all fit a line (``wrap_words``), else between characters."""
    return _line_count(text, round(capacity_em, 3))


@lru_cache(maxsize=65536)
def _line_count(text: str, capacity_em: float) -> int:
    if capacity_em <= 0:
        return max(len(text), 1)
    if text_em(text) <= capacity_em:
        return 1
    wrapped = wrap_words(text, capacity_em)
    if wrapped is not None:
        return len(wrapped)
    return max(math.ceil(text_em(text) / capacity_em), 1)


@dataclass(frozen=True)
class TextMetrics:
    """The em (font size) and line pitch of a paragraph, in twips."""

    em: int
    line: int


class Styles:
    """Font sizes and line pitches of a document's paragraph styles (styles.xml), resolved
    through ``w:basedOn`` down to the document defaults."""

    def __init__(self, root: etree._Element | None):
        self._styles: dict[str, etree._Element] = {}
        self.default_id = ""
        self._default_size, self._default_line = 24, None  # half-points; twips or None
        self._cache: dict[tuple[str, str, str], TextMetrics] = {}
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            size = defaults.find(f"{W}rPrDefault/{W}rPr/{W}sz")
            if size is not None and size.get(VAL, "").isdigit():
                self._default_size = int(size.get(VAL, "24"))
            self._default_line = _exact_line(defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing"))
        for style in root.findall(f"{W}style"):
            if style.get(TYPE) == "paragraph" and style.get(f"{W}styleId"):
                self._styles[style.get(f"{W}styleId", "")] = style
                if style.get(f"{W}default") in ("1", "true", "on"):
                    self.default_id = style.get(f"{W}styleId", "")

    def ids_named(self, name: str) -> set[str]:
        """The ids of the paragraph styles called ``name`` (an editor may have renamed the id,
        as LibreOffice does: 版记 saved as ``Style28``), and ``name`` itself."""
        named = {style_id for style_id, style in self._styles.items()
                 if (label := style.find(f"{W}name")) is not None and label.get(VAL) == name}
        return named | {name}

    def _chain(self, style_id: str) -> Iterator[etree._Element]:
        seen = set()
        while style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(VAL, "") if based is not None else ""

    def metrics(self, paragraph: etree._Element) -> TextMetrics:
        """The metrics of a paragraph: its first run's size, else its style's."""
        ppr = paragraph.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = style.get(VAL, "") if style is not None else self.default_id
        run_size = paragraph.find(f"{W}r/{W}rPr/{W}sz")
        size_text = run_size.get(VAL, "") if run_size is not None else ""
        spacing = ppr.find(f"{W}spacing") if ppr is not None else None
        own_line = _exact_line(spacing)
        key = (style_id, size_text, str(own_line))
        if key not in self._cache:
            half_points = int(size_text) if size_text.isdigit() else None
            line = own_line
            for element in self._chain(style_id):
                size = element.find(f"{W}rPr/{W}sz")
                if half_points is None and size is not None and size.get(VAL, "").isdigit():
                    half_points = int(size.get(VAL, "0"))
                if line is None:
                    line = _exact_line(element.find(f"{W}pPr/{W}spacing"))
            em = (half_points or self._default_size) * 10
            self._cache[key] = TextMetrics(em, line or self._default_line or round(em * 1.3))
        return self._cache[key]


def _exact_line(spacing: etree._Element | None) -> int | None:
    """The line pitch a w:spacing sets, in twips, for exact and at-least lines (None for
    automatic ones, which the caller takes as 1.3 em)."""
    if spacing is None or not spacing.get(f"{W}line", "").lstrip("-").isdigit():
        return None
    if spacing.get(f"{W}lineRule") in ("exact", "atLeast"):
        return abs(int(spacing.get(f"{W}line", "0")))
    return None


def paragraph_lines(paragraph: etree._Element) -> list[str]:
    """The text of a paragraph as explicit line breaks divide it (a tab counts two spaces)."""
    lines = [""]
    for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}cr"):
        if element.tag == f"{W}t":
            lines[-1] += element.text or ""
        elif element.tag == f"{W}tab":
            lines[-1] += "  "
        elif element.get(TYPE) in (None, "textWrapping"):
            lines.append("")
    return lines
