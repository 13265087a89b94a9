"""Tables of thousands of rows (a city's inspection round lists every problem) laid out without
holding them as a tree.

Before the rendered body is parsed, each body-level table of more than ``LONG_TABLE_ROWS``
rows leaves only its shell (properties and grid) in the text, with a placeholder where its
rows stood. ``table_fit`` then reads the rows one at a time (``measured``), sizes the columns,
and finishes and writes each row (``finish``); ``put_back`` puts the written rows where the
placeholder is in the serialized body. The bytes are those of the whole-tree path.

A table takes the whole-tree path when its rows hold what other passes over the body need
to see (drawings, a nested table, a 落款) or anything between them (content controls),
when a cell merge names it, or when its shell does not end up directly in the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from reporter.model import CellMerge
from reporter.render.fragments import Fragments
from reporter.render.measure import Styles
from reporter.render.signature import DATE_STYLE, SIGNER_STYLE
from reporter.render.table_grid import Row, W, read_row

#: A body-level table of more rows than this is laid out a row at a time.
LONG_TABLE_ROWS = 200
PLACEHOLDER = "reporter-rows"
_TOKENS = re.compile(rb"<w:tbl(?=[\s>/])|</w:tbl>|<w:tr(?=[\s>/])|</w:tr>")
# What other passes over the body look for inside tables: such a table keeps the tree path.
_SEEN_BY_OTHER_PASSES = tuple(mark.encode("utf-8") for mark in (
    "<w:drawing", "<w:pict", "<w:object", "<wp:docPr", "<mc:AlternateContent",
    f'w:val="{DATE_STYLE}"', f'w:val="{SIGNER_STYLE}"'))


@dataclass
class LongTable:
    """A long table's rows, as spans of the rendered text, and their written bytes once finished."""

    number: int
    text: bytes | bytearray
    spans: list[tuple[int, int]]
    fragments: Fragments
    styles: Styles
    written: list[bytes] = field(default_factory=list)

    @property
    def placeholder(self) -> bytes:
        return f"<?{PLACEHOLDER} {self.number}?>".encode("ascii")

    def count(self) -> int:
        return len(self.spans)

    def measured(self) -> Iterator[Row]:
        """Each row, read and measured, in order; each is dropped once the caller lets go of it."""
        for start, end in self.spans:
            yield read_row(self._parse(start, end), self.styles)

    def finish(self, work: Callable[[Row], None]) -> None:
        """``work`` done on each row in order, each row written as it is done."""
        self.written = []
        for start, end in self.spans:
            tr = self._parse(start, end)
            work(read_row(tr, self.styles))
            self.written.append(self.fragments.write(tr.getparent()))

    def _parse(self, start: int, end: int) -> etree._Element:
        return self.fragments.parse(self.text[start:end])[0]


def take_out(text: bytes | bytearray, styles: Styles) -> tuple[bytes, list[LongTable]]:
    """``text`` (a rendered body part) with the rows of its long tables replaced by
    placeholders, and those tables; empty text and no tables when it has none."""
    tables: list[LongTable] = []
    pieces: list[bytes | bytearray] = []
    taken_to = 0
    fragments = Fragments(text)
    for start, end, rows in _top_level_tables(text):
        if len(rows) <= LONG_TABLE_ROWS or not _streamable(text, start, end, rows):
            continue
        # Each row's piece runs to the next row, so the space between rows goes with it.
        spans = [(row_start, next_start) for (row_start, _), (next_start, _) in zip(rows, rows[1:])]
        spans.append(rows[-1])
        table = LongTable(len(tables), text, spans, fragments, styles)
        tables.append(table)
        pieces += [text[taken_to:rows[0][0]], table.placeholder]
        taken_to = rows[-1][1]
    if not tables:
        return b"", []
    pieces.append(text[taken_to:])
    return b"".join(pieces), tables


def _top_level_tables(text: bytes | bytearray) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """(start, end, rows) of each table not inside another, rows as (start, end) of its own
    ``w:tr`` elements; a table with a nested table or an empty row gives no rows."""
    depth = 0
    start, usable, row_start = 0, True, 0
    rows: list[tuple[int, int]] = []
    for token in _TOKENS.finditer(text):
        tag = token.group(0)
        if tag == b"<w:tbl":
            depth += 1
            if depth == 1:
                start, rows, usable = token.start(), [], True
            else:
                usable = False
        elif tag == b"</w:tbl>":
            depth -= 1
            if depth == 0:
                yield start, token.end(), rows if usable else []
            elif depth < 0:
                return  # not the XML it should be: the tree path will say so
        elif depth == 1 and tag == b"<w:tr":
            if text.startswith(b"/>", text.index(b">", token.end()) - 1):
                usable = False  # an empty row: nothing to lay out, not worth the special case
            row_start = token.start()
        elif depth == 1 and tag == b"</w:tr>":
            rows.append((row_start, token.end()))


def _streamable(text: bytes | bytearray, start: int, end: int, rows: list[tuple[int, int]]) -> bool:
    """Whether the table's rows stand one after another with nothing between them, and hold
    nothing other passes over the body must see."""
    between = (text[a_end:b_start] for (_, a_end), (b_start, _) in zip(rows, rows[1:]))
    after = text[rows[-1][1]:end - len(b"</w:tbl>")]
    if any(gap.strip() for gap in (*between, after)):
        return False
    return all(text.find(mark, rows[0][0], rows[-1][1]) < 0 for mark in _SEEN_BY_OTHER_PASSES)


def placed(body: etree._Element, tables: list[LongTable], merges: Iterable[CellMerge]) -> dict[etree._Element, LongTable] | None:
    """Each long table's shell in the parsed ``body``, or None when one is not directly in the
    body or a merge names it (then the whole body must be parsed as it is)."""
    found: dict[etree._Element, LongTable] = {}
    for instruction in body.iter(etree.ProcessingInstruction):
        if instruction.target == PLACEHOLDER:
            shell = instruction.getparent()
            if shell is None or shell.getparent() is not body or shell.tag != f"{W}tbl":
                return None
            found[shell] = tables[int(instruction.text or "0")]
    if len(found) != len(tables):
        return None
    level = body.findall(f"{W}tbl")
    merged = {level[m.table] for m in merges if 0 <= m.table < len(level)}
    if merged & found.keys():
        return None
    return found


def put_back(serialized: bytes, tables: list[LongTable]) -> list[bytes]:
    """The serialized body, in pieces, with each placeholder replaced by its table's written
    rows (compressed as they are, never joined: ``zipfiles.deflate``); the tables let go of the
    rendered text and of their rows."""
    pieces: list[bytes] = []
    rest = serialized
    for table in tables:
        table.text = b""
        before, marker, rest = rest.partition(table.placeholder)
        if not marker:
            raise ValueError(f"placeholder of long table {table.number} lost")
        pieces += [before, *table.written]
        table.written = []
    pieces.append(rest)
    return pieces
