"""The grid of a rendered table as ``table_fit`` sees it: rows of cells, each cell's column,
span, header mark and paragraphs (lines between explicit breaks, em, line pitch), read from
the table's XML with the text measured by ``measure``."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from reporter.render.measure import Styles, paragraph_lines
from reporter.render.measure import line_count as count_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL, WIDTH, TYPE = f"{W}val", f"{W}w", f"{W}type"

@dataclass
class Paragraph:
    """A paragraph of a cell: its lines (between explicit breaks), em and line pitch."""

    element: etree._Element
    lines: list[str]
    em: int
    pitch: int


@dataclass
class Cell:
    """A cell of a table: where it sits in the grid, whether it heads the table, its text."""

    element: etree._Element
    column: int
    span: int
    header: bool
    paragraphs: list[Paragraph] = field(default_factory=list)
    _heights: dict[int, float] = field(default_factory=dict)

    def height(self, text_width: float) -> float:
        """The estimated height of the cell's text in twips when its text is ``text_width`` wide."""
        key = int(text_width)
        if key not in self._heights:
            self._heights[key] = sum(sum(count_lines(line, text_width / p.em) for line in p.lines) * p.pitch
                                     for p in self.paragraphs)
        return self._heights[key]


@dataclass
class Row:
    element: etree._Element
    cells: list[Cell]


def read_rows(table: etree._Element, styles: Styles) -> list[Row]:
    """The table's own rows (not those of tables nested in its cells), measured."""
    return [read_row(tr, styles) for tr in table.findall(f"{W}tr")]


def read_row(tr: etree._Element, styles: Styles) -> Row:
    """One ``w:tr`` with its cells' columns, spans, header mark and measured paragraphs."""
    mark = tr.find(f"{W}trPr/{W}tblHeader")
    header = mark is not None and mark.get(VAL) not in ("0", "false", "off")
    column = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
    cells = []
    for tc in tr.findall(f"{W}tc"):
        span = max(_int(tc.find(f"{W}tcPr/{W}gridSpan"), 1), 1)
        paragraphs = []
        for p in tc.findall(f"{W}p"):
            metrics = styles.metrics(p)
            paragraphs.append(Paragraph(p, paragraph_lines(p), metrics.em, metrics.line))
        cells.append(Cell(tc, column, span, header, paragraphs))
        column += span
    return Row(tr, cells)


def _int(element: etree._Element | None, default: int) -> int:
    value = element.get(VAL, "") if element is not None else ""
    return int(value) if value.isdigit() else default
