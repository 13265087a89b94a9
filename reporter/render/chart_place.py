"""Where a chart goes and how high it is drawn, so that no page is left half empty before it.

A template may give a chart a second place: a paragraph holding the chart's marker followed by
``SPARE_SUFFIX`` (the 督查通报 has one before its ranking table, the first place being after the
table and the boards). The chart takes the first of its places where it fits the space left on
the page (``page_flow`` estimates it), at its full height or shrunk to that space down to the
least height whose bar names LibreOffice still draws; where it fits nowhere, it takes the
place that leaves the least space empty and starts the next page at its full height. A chart
that shows only the best and the worst of a long list may show fewer of them to fit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from lxml import etree

from reporter.model import BarChart, Highlight
from reporter.model.layout import (CHART_FRAME_MM, CHART_ROW_MM, CHART_SMALL_ROW_MM,
                                    CHART_SMALL_TEXT_PT)
from reporter.render.page_flow import ParagraphStyles, geometry, space_left

#: What follows a chart's marker in the paragraph of its second place (the office sees it in
#: the template and may delete that paragraph).
SPARE_SUFFIX = "（备选位置）"
TWIPS_PER_MM = 1440 / 25.4
#: Space kept free below a chart: the estimate may be a line short.
MARGIN_MM = 10.0
#: Bars a thinned chart keeps on each side of its gap.
LEAST_SHOWN = 5


@dataclasses.dataclass(frozen=True)
class Place:
    """A place a chart may take: its paragraph's span in the document's XML, and the space
    left on the page where it starts (millimetres)."""

    span: tuple[int, int]
    space_mm: float


def least_height(chart: BarChart) -> float:
    """The least height of ``chart`` whose bar names all print."""
    return min(chart.height_mm, CHART_FRAME_MM + CHART_SMALL_ROW_MM * len(chart.bars))


def shrunk(chart: BarChart, space_mm: float) -> BarChart:
    """``chart`` at most ``space_mm`` high (less its margin), rows and text made smaller as
    far as ``least_height`` allows; unchanged when it fits or cannot shrink enough."""
    room = space_mm - MARGIN_MM
    if chart.height_mm <= room or room < least_height(chart):
        return chart
    row = (room - CHART_FRAME_MM) / max(len(chart.bars), 1)
    text = chart.text_pt if row >= CHART_ROW_MM else min(chart.text_pt, CHART_SMALL_TEXT_PT)
    return dataclasses.replace(chart, height_mm=round(room, 1), text_pt=text)


def fits(chart: BarChart, space_mm: float) -> bool:
    return space_mm - MARGIN_MM >= least_height(chart)


def thinned(chart: BarChart, space_mm: float) -> BarChart | None:
    """A chart that already leaves out the middle of a long list (a bar without a value stands
    for them) made to fit ``space_mm`` by leaving out more of the middle, at least
    ``LEAST_SHOWN`` bars kept on each side of the gap and every bar of a board; None when it
    cannot."""
    gaps = [i for i, bar in enumerate(chart.bars) if bar.value is None]
    if len(gaps) != 1:
        return None
    gap = gaps[0]
    best, worst = list(chart.bars[:gap]), list(chart.bars[gap + 1:])
    def removable(side: list, at: int) -> bool:  # a board's bar always stays
        return len(side) > LEAST_SHOWN and side[at].highlight is Highlight.NONE

    while removable(best, -1) or removable(worst, 0):
        if removable(best, -1) and (len(best) >= len(worst) or not removable(worst, 0)):
            best.pop()
        else:
            worst.pop(0)
        candidate = dataclasses.replace(chart, bars=(*best, chart.bars[gap], *worst))
        if fits(candidate, space_mm):
            return shrunk(candidate, space_mm)
    return None


def choose(chart: BarChart, places: Sequence[Place]) -> tuple[Place, BarChart]:
    """The place the chart takes and the chart as drawn there: the first place where it fits
    at full height, else the first where it fits shrunk, else the first where it fits with
    fewer bars, else the one leaving least space."""
    full = [p for p in places if p.space_mm - MARGIN_MM >= chart.height_mm]
    if full:
        return full[0], chart
    shrinking = [p for p in places if fits(chart, p.space_mm)]
    if shrinking:
        return shrinking[0], shrunk(chart, shrinking[0].space_mm)
    for place in places:
        fewer = thinned(chart, place.space_mm)
        if fewer is not None:
            return place, fewer
    return min(places, key=lambda p: p.space_mm), chart


def spaces(document: bytes, spans: Sequence[tuple[int, int]], parse: Callable[[bytes], etree._Element],
           styles_xml: bytes | None,
           parser: etree.XMLParser) -> list[float]:
    """The space left (mm) on the page where each of ``spans`` (paragraphs in the body of
    ``document``) starts, with the other spans taken out. ``parse`` parses a piece of the
    document's XML (``Fragments.parse``)."""
    body_start = document.find(b"<w:body>")
    body_start = body_start + len(b"<w:body>") if body_start >= 0 else document.find(b">", document.find(b"<w:body")) + 1
    sect_start = document.rfind(b"<w:sectPr")
    sect_end = document.find(b"</w:sectPr>", sect_start)
    section = None
    if 0 <= sect_start < sect_end:
        holder = parse(document[sect_start:sect_end + len(b"</w:sectPr>")])
        section = holder[0] if len(holder) else None
    area = geometry(section)
    styles = ParagraphStyles(etree.fromstring(styles_xml, parser) if styles_xml else None)
    found = []
    for start, _end in spans:
        pieces, taken = [], body_start
        for other_start, other_end in spans:
            if other_start >= start:
                break
            pieces.append(document[taken:other_start])
            taken = other_end
        pieces.append(document[taken:start])
        holder = parse(b"".join(pieces))
        found.append(space_left(list(holder), area, styles) / TWIPS_PER_MM)
    return found

