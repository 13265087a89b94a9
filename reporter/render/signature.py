"""The 落款 of a sealed document (GB/T 9704-2012 7.3.5.1), placed once its text is known.

"成文日期右空四字编排，发文机关署名以成文日期为准居中编排": the date stands four characters in
from the right margin, the issuing office's name is centred over it. Both indents depend on
the widths of the rendered texts, so ``place_signatures`` sets them on the rendered body:
each paragraph in the style 成文日期, and the paragraphs in the style 发文机关署名 right
before it, get right indents computed from their text. A name wider than the date would
reach past the right margin; it then stands two characters in (as an unsealed one does,
7.3.5.2) and the date moves left to stay centred under it.

Widths are those of 3号 仿宋 in the format's styles: 16 pt characters less the −0.25 pt
character spacing, digits and Latin letters half as wide, and the space LibreOffice and
Word put between Chinese text and digits (about 0.22 of a character, measured on the PDF).
"""

from __future__ import annotations

from lxml import etree

from reporter.cnfmt.widths import text_width
from reporter.render.styles import BODY_PT, CHAR_SPACING
from reporter.render.wordxml import PPR_ORDER, insert_at_place

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SIGNER_STYLE, DATE_STYLE = "发文机关署名", "成文日期"
#: The date's right indent, and the least right indent of a long name, in characters.
DATE_INDENT_CHARS, LEAST_SIGNER_INDENT_CHARS = 4, 2
#: Space between Chinese characters and digits, in characters (measured: 3.5 pt at 16 pt).
AUTOSPACE_CHARS = 0.22


def printed_width(text: str, size_pt: float = BODY_PT, spacing_pt: float = CHAR_SPACING / 20) -> float:
    """Width of ``text`` in points as set in the body font: each character's width plus the
    character spacing, and the space between Chinese text and digits or Latin letters."""
    return text_width(text, autospace=AUTOSPACE_CHARS) * size_pt + len(text) * spacing_pt


def signature_indents(name: str, date: str, size_pt: float = BODY_PT) -> tuple[float, float]:
    """Right indents in points of the name and of the date: the date four characters in, the
    name centred over it; a name too wide for that two characters in, the date centred under it."""
    name_w, date_w = printed_width(name, size_pt), printed_width(date, size_pt)
    date_indent = DATE_INDENT_CHARS * size_pt
    name_indent = date_indent + (date_w - name_w) / 2
    least = LEAST_SIGNER_INDENT_CHARS * size_pt
    if name_indent < least:
        name_indent = least
        date_indent = least + (name_w - date_w) / 2
    return name_indent, date_indent


def place_signatures(body: etree._Element) -> None:
    """Set the right indents of every 落款 in ``body`` (a rendered w:body): each 成文日期
    paragraph and the 发文机关署名 paragraphs right before it."""
    # Tables count as breaks: the names of a 落款 stand right before its date, not across a table.
    items = list(body.iter(f"{W}p", f"{W}tbl"))
    for i, paragraph in enumerate(items):
        if paragraph.tag != f"{W}p" or _style(paragraph) != DATE_STYLE:
            continue
        names = []
        for before in reversed(items[:i]):
            if before.tag != f"{W}p" or _style(before) != SIGNER_STYLE:
                break
            names.append(before)
        date = _text(paragraph)
        if not names or not date.strip():
            continue
        widest = max((_text(p) for p in names), key=printed_width)
        name_indent, date_indent = signature_indents(widest, date)
        for named in names:
            _set_right_indent(named, name_indent + (printed_width(widest) - printed_width(_text(named))) / 2)
        _set_right_indent(paragraph, date_indent)


def _style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _set_right_indent(paragraph: etree._Element, points: float) -> None:
    """The paragraph's right indent, in twips and in hundredths of a 16 pt character (Word
    reads the latter, which a style's w:rightChars would otherwise override)."""
    ppr = paragraph.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.SubElement(paragraph, f"{W}pPr")
        paragraph.remove(ppr)
        paragraph.insert(0, ppr)
    ind = ppr.find(f"{W}ind")
    if ind is None:
        ind = insert_at_place(ppr, etree.Element(f"{W}ind"), PPR_ORDER)
    ind.set(f"{W}right", str(round(points * 20)))
    ind.set(f"{W}rightChars", str(round(points * 100 / BODY_PT)))
