"""What a document places besides its text: pictures, native bar charts, merged table cells,
the work notes as placed (for the data-source workbook that traces them), and long tables
as LibreOffice is given them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


@dataclass(frozen=True)
class PlacedNote:
    """A work note as placed in a document, for its data-source workbook."""

    section: str
    ordinal: str
    title: str
    unit: str
    source: str


@dataclass(frozen=True)
class CellMerge:
    """Cells of one column of a rendered table, rows ``first`` to ``last`` (0-based, header
    rows included), to be merged into one."""

    table: int
    column: int
    first: int
    last: int


@dataclass(frozen=True)
class PageableTable:
    """A long table of a document that LibreOffice is given one printed page at a time: its
    place among the body's tables, its header rows (repeated on every page), the rows after
    them, and how far its pages' type area ends above the bottom edge (points)."""

    index: int
    header_rows: int
    rows: int
    foot_pt: float


@dataclass(frozen=True)
class TableProbe:
    """A document made for LibreOffice to show how high the rows of a long table print: its
    bytes; for each row of the table (header rows first), the row of the probe printed as it
    is; and pairs of probe rows that are one row printed twice, in different places (rows that
    print as high wherever they are, as with exact line spacing, can be laid out in advance)."""

    docx: bytes
    places: tuple[int, ...]
    twins: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ImageRef:
    """A picture to place in a document: a file, or PNG bytes, at a width in millimetres."""

    width_mm: float
    path: str = ""
    data: bytes = b""


class Highlight(Enum):
    """How a bar of a chart stands out: on the 红榜 (good), on the 黑榜 (bad), or not at all."""

    NONE = "none"
    GOOD = "good"
    BAD = "bad"


@dataclass(frozen=True)
class ChartBar:
    """One bar of a bar chart: its category label, its value (None leaves a gap, as for the
    "……" between the best and the worst of a long list) and how it stands out."""

    label: str
    value: Decimal | None
    highlight: Highlight = Highlight.NONE


#: Bar-chart geometry, shared by a chart's first layout (``documents.chart``) and its placement
#: on the page (``render.chart_place``): the title and value axis take ``CHART_FRAME_MM``.
#: LibreOffice leaves out every other unit name when it finds the rows too narrow for names of
#: mixed lengths, whatever the chart asks (measured with 7.4): 9 pt names needed rows of 7 mm
#: (6.5 mm failed), 7.5 pt names rows of 6 mm; rows are kept at ``CHART_ROW_MM`` or wider.
CHART_FRAME_MM = 26.0
CHART_ROW_MM, CHART_TEXT_PT = 7.5, 9.0
CHART_SMALL_ROW_MM, CHART_SMALL_TEXT_PT = 6.0, 7.5


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart placed in a document as a native Word chart, drawn by the
    reader's own program (Word, WPS, LibreOffice) and its fonts.

    Bars run from the top in the order given; the value axis spans ``minimum`` to ``maximum``
    with a gridline every ``major_unit``; each bar is labelled with its value in
    ``label_format`` (an Excel number format). Names, values and axis are ``text_pt`` high."""

    title: str
    series: str
    bars: tuple[ChartBar, ...]
    minimum: Decimal
    maximum: Decimal
    major_unit: Decimal
    width_mm: float
    height_mm: float
    text_pt: float = CHART_TEXT_PT
    label_format: str = "0.00"
