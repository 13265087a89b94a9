"""The printable sheets of the units' links (``outputs/填报链接.pdf``): one A4 page per unit
with its name, the period and its deadline, the QR code of its link and the link itself, to
hand to the unit, whose staff scan it with a phone.

Built with its final text, like the booklet's cover: the content is each unit's own link, not
the office's wording. The pages carry no page numbers (each is handed out alone)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm

from reporter.render.docstyle import line_paragraph, new_document
from reporter.render.styles import FANGSONG, HEITI, KAITI, XIAOBIAOSONG
from reporter.zipfiles import normalized_zip

#: The printed width of the QR code (with its quiet zone): scanned easily from a desk.
QR_WIDTH_MM = 70
ADVICE = "请用手机扫描二维码，或在浏览器中打开上面的链接，上传填报表或在网页上直接填写。"
PRIVATE = "此链接只属于本单位，请勿转发或张贴在公共场所。"


@dataclass(frozen=True)
class LinkSheet:
    """One unit's page: its full name, the period (2018年11月), its deadline ("" for none),
    its link and the link's QR code as a PNG."""

    unit: str
    period: str
    deadline: str
    url: str
    qr_png: bytes


def link_sheets_bytes(title: str, sheets: Sequence[LinkSheet], author: str = "",
                      stamp: dt.datetime | None = None) -> bytes:
    """The document: for each unit a page headed ``title`` (古塔区“三城联创”网上填报), then the
    unit's name in 黑体, the period and deadline in 楷体, the QR code and the link."""
    doc = new_document(title=title, author=author, stamp=stamp)
    section = doc.sections[0]
    section.footer.is_linked_to_previous = True
    section.even_page_footer.is_linked_to_previous = True
    doc.settings.odd_and_even_pages_header_footer = False
    for index, sheet in enumerate(sheets):
        heading = line_paragraph(doc, title, XIAOBIAOSONG, 22)
        heading.paragraph_format.page_break_before = index > 0
        line_paragraph(doc, sheet.unit, HEITI, 22, before_pt=24)
        line_paragraph(doc, f"报送期：{sheet.period}", KAITI, 16, before_pt=18)
        if sheet.deadline:
            line_paragraph(doc, f"截止日期：{sheet.deadline}", KAITI, 16)
        picture = line_paragraph(doc, "", FANGSONG, 16, before_pt=18)
        picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        picture.add_run().add_picture(io.BytesIO(sheet.qr_png), width=Mm(QR_WIDTH_MM))
        line_paragraph(doc, sheet.url, FANGSONG, 12, before_pt=12)
        line_paragraph(doc, ADVICE, FANGSONG, 14, before_pt=24, align=WD_ALIGN_PARAGRAPH.LEFT)
        line_paragraph(doc, PRIVATE, FANGSONG, 14, align=WD_ALIGN_PARAGRAPH.LEFT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())
