"""The 模板素材 template: a palette of tags to copy into a report template, each beside the text
it gives.

The palette is itself a report template. Under each heading a two-column table pairs what to
write (写法: the tag, each of its paragraphs one run, so that copying it into Word keeps it
whole) with what it gives (效果: static text); rendering the palette turns every 写法 cell into
what its tag gives, which is then the 效果 beside it. A per-unit table closes the palette: the
template's table (写法) and the table it renders to (效果).

``palette_cells`` reads those cells back from the palette or from a rendering of it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.table import _Cell

from reporter.render.templates.blocks import (
    BODY,
    H1,
    TITLE,
    Block,
    Grid,
    Table,
    document_bytes,
)

PALETTE_HEADERS = ("写法", "效果")
# The 写法 column wider: a tag takes more room than the text it gives (twips; 156 mm in all).
PALETTE_WIDTHS = (4900, 3945)
WRITTEN_LABEL, EFFECT_LABEL = "写法：", "效果："


@dataclass(frozen=True)
class Sample:
    """One row of the palette: the tag's paragraphs and, once rendered, the paragraphs it gives."""

    written: tuple[str, ...]
    effect: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleGroup:
    """A heading of the palette and the samples under it."""

    heading: str
    samples: tuple[Sample, ...]


@dataclass(frozen=True)
class TableSample:
    """The palette's table example: its heading, the template's table and, once rendered, the
    rows it gives (the header row first, each row its cells' texts)."""

    heading: str
    table: Table
    effect: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class PaletteCells:
    """The cells of a palette or of a rendering of it, in order: each sample's 写法 and 效果
    (paragraphs joined by line breaks), and the rows of the table example and of its 效果."""

    written: list[str]
    effects: list[str]
    table: list[list[str]]
    table_effect: list[list[str]]


def palette_template_bytes(title: str, lead: Sequence[str], groups: Sequence[SampleGroup],
                           table: TableSample) -> bytes:
    """The palette as a .docx template in the standard format."""
    blocks: list[Block] = [(TITLE, title), *((BODY, text) for text in lead)]
    for group in groups:
        blocks.append((H1, group.heading))
        rows = tuple(((*s.written,), (*s.effect,)) for s in group.samples)
        blocks.append(Grid(PALETTE_HEADERS, rows, PALETTE_WIDTHS))
    blocks += [(H1, table.heading), (BODY, WRITTEN_LABEL), table.table, (BODY, EFFECT_LABEL)]
    headers, *given = table.effect or ((*(c.header for c in table.table.specs()),),)
    blocks.append(Grid(headers, tuple(tuple((text,) for text in row) for row in given)))
    return document_bytes(blocks, title)


def palette_cells(data: bytes) -> PaletteCells:
    """The cells of the palette (or of a rendering of it) in ``data``: the sample tables are
    those headed 写法 | 效果; the two tables after them are the table example and its 效果."""
    def text(cell: _Cell) -> str:  # the lines a rendering's table fitting broke a cell into, joined
        return cell.text.replace("\n", "")

    tables = docx.Document(io.BytesIO(data)).tables
    samples = [t for t in tables if tuple(text(c) for c in t.rows[0].cells) == PALETTE_HEADERS]
    rest = [t for t in tables if all(t is not s for s in samples)]
    rows = [row for t in samples for row in t.rows[1:]]
    texts = [[[text(c) for c in row.cells] for row in t.rows] for t in rest]
    return PaletteCells([text(r.cells[0]) for r in rows], [text(r.cells[1]) for r in rows],
                        texts[0] if texts else [], texts[1] if len(texts) > 1 else [])
