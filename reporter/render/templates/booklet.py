"""The booklet's cover and 目录 as .docx documents, in the fonts and on the page of the documents.

Unlike the templates of this package they are built with their final text: their content is the
booklet's own layout (what it holds and on which page), not the office's wording. Neither page
carries a page number (the booklet counts them, but does not print their numbers).

A third document holds only page numbers: its pages are empty but for their footers, page k
printing "— k —" exactly where every document prints its numbers, in the same style; the
booklet prints its own page numbers from it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.enum.text import (
    WD_ALIGN_PARAGRAPH,
    WD_TAB_ALIGNMENT,
    WD_TAB_LEADER,
)
from docx.shared import Pt, Twips

from reporter.cnfmt.widths import text_width
from reporter.render.docstyle import line_paragraph, new_document
from reporter.render.page import MARGINS_TWIPS, PAGE_A4_TWIPS
from reporter.render.styles import FANGSONG, HEITI, KAITI, XIAOBIAOSONG, set_run_fonts
from reporter.zipfiles import normalized_zip

#: The width of the portrait type area (156 mm): where the 目录's page numbers end.
TEXT_WIDTH_TWIPS = PAGE_A4_TWIPS[0] - MARGINS_TWIPS["left"] - MARGINS_TWIPS["right"]
#: The 目录's heading: 目录 with an ideographic space between its characters.
CONTENTS_TITLE = "目\u3000录"


@dataclass(frozen=True)
class Cover:
    """What the cover says: the region and campaign (古塔区“三城联创”), the booklet's title
    (材料汇编), the period (2018年11月), the office, and the date ("" for none)."""

    heading: str
    title: str
    period: str
    office: str
    date: str = ""


@dataclass(frozen=True)
class ContentsLine:
    """A line of the 目录: its text (with its number, e.g. "一、督查通报"), the page it points
    to as the 目录 prints it (19, 第3份第1页; None for a group's heading), and its level: 1 for
    a section, 2 for a document of a group (indented)."""

    text: str
    page: int | str | None
    level: int = 1


def _unnumbered(doc: Document) -> None:
    """Drop the page-number footers: the booklet does not print numbers on these pages."""
    section = doc.sections[0]
    section.footer.is_linked_to_previous = True
    section.even_page_footer.is_linked_to_previous = True
    doc.settings.odd_and_even_pages_header_footer = False


def _lines_needed(text: str, size_pt: float) -> int:
    """Lines ``text`` takes across the type area at ``size_pt`` (Latin letters and digits
    half as wide as Chinese characters)."""
    width = text_width(text) * size_pt
    return max(1, math.ceil(width / (TEXT_WIDTH_TWIPS / 20)))


def _saved(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


def cover_bytes(cover: Cover, author: str = "", stamp: dt.datetime | None = None) -> bytes:
    """The cover: the region and campaign and the title in 小标宋 in the upper third, the
    period in 楷体 below them, the office and the date in 仿宋 near the foot of the page."""
    doc = new_document(title=f"{cover.heading}{cover.title}", author=author, stamp=stamp)
    _unnumbered(doc)
    # The type area is 225 mm (638 pt) high; these spaces and lines add up to 606 pt when the
    # heading takes one line. Each further line of it (or of the office) comes out of the gap
    # above the office, so the cover stays one page.
    heading, office = _lines_needed(cover.heading, 36), _lines_needed(cover.office, 18)
    gap = max(20, 235 - 54 * (heading - 1) - 30 * (office - 1))
    line_paragraph(doc, cover.heading, XIAOBIAOSONG, 36, before_pt=110, line_pt=54)  # 小初
    line_paragraph(doc, cover.title, XIAOBIAOSONG, 42, before_pt=24, line_pt=63, spacing_twentieths=160)  # 初号
    line_paragraph(doc, f"（{cover.period}）", KAITI, 18, before_pt=30, line_pt=30)  # 小二
    line_paragraph(doc, cover.office, FANGSONG, 18, before_pt=gap, line_pt=30)
    if cover.date:
        line_paragraph(doc, cover.date, FANGSONG, 16, before_pt=8, line_pt=30)  # 三号
    return _saved(doc)


def contents_bytes(lines: Sequence[ContentsLine], author: str = "", stamp: dt.datetime | None = None) -> bytes:
    """The 目录: its heading in 2号 小标宋, then one line per item in 3号 on the documents'
    28.95 pt lines, sections in 黑体 and the documents of a group in 仿宋 two characters in;
    each item's page number right-aligned at the type area's edge after a dotted leader."""
    doc = new_document(title="目录", author=author, stamp=stamp)
    _unnumbered(doc)
    line_paragraph(doc, CONTENTS_TITLE, XIAOBIAOSONG, 22, line_pt=28.95)
    line_paragraph(doc, "", FANGSONG, 16, line_pt=28.95)
    for item in lines:
        paragraph = line_paragraph(doc, "", HEITI if item.level == 1 else FANGSONG, 16, line_pt=28.95,
                          align=WD_ALIGN_PARAGRAPH.LEFT)
        layout = paragraph.paragraph_format
        layout.left_indent = Pt(32 if item.level > 1 else 0)  # two characters
        layout.right_indent = Twips(0)
        layout.keep_with_next = item.page is None  # a group's heading stays with its first item
        layout.tab_stops.add_tab_stop(Twips(TEXT_WIDTH_TWIPS), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        font = HEITI if item.level == 1 else FANGSONG
        set_run_fonts(paragraph.add_run(item.text), font, 16, bold=False)
        if item.page is not None:
            set_run_fonts(paragraph.add_run("\t" + str(item.page)), FANGSONG, 16, bold=False)
    return _saved(doc)


def page_numbers_bytes(pages: int, author: str = "", stamp: dt.datetime | None = None) -> bytes:
    """A portrait document of ``pages`` empty pages printing their page numbers: page k
    prints "— k —" in the documents' footer, odd pages on the right, even ones on the left."""
    doc = new_document(title="页码", author=author, stamp=stamp)
    for page in range(pages):
        # one paragraph per page (LibreOffice keeps only one of several breaks in a row)
        line_paragraph(doc, "", FANGSONG, 16, line_pt=28.95).paragraph_format.page_break_before = page > 0
    return _saved(doc)
