"""Where body content lands on the printed pages, estimated without a typesetter: a model of
how Word and LibreOffice flow paragraphs, pictures and tables down the type area.

Heights come from the styles (exact line pitches, spacing before and after, the character
spacing that makes the 28-character line) and from ``measure.line_count``; paragraphs split
between pages keep two lines on each side (widow and orphan control), ``w:keepNext`` chains
move together, table rows marked ``w:cantSplit`` stay whole and header rows repeat on each
page. It is an estimate (a line or two per page either way): callers leave a margin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from reporter.render.measure import Styles, line_count, paragraph_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMU_PER_TWIP = 635
#: A table row's borders and LibreOffice's rounding, added to its text: 0.5 pt, measured.
ROW_EXTRA = 10
#: Default left and right cell margins (Word's 0.19 cm).
CELL_MARGIN = 108
_ON = {None, "1", "true", "on"}


@dataclass(frozen=True)
class Geometry:
    """The type area of a portrait or landscape section, in twips."""

    width: int
    height: int


def geometry(sect_pr: etree._Element | None) -> Geometry:
    """The type area a ``w:sectPr`` sets (A4 with the GB/T 9704 margins when it sets none)."""
    def number(path: str, name: str, default: int) -> int:
        found = sect_pr.find(f"{W}{path}") if sect_pr is not None else None
        value = found.get(f"{W}{name}", "") if found is not None else ""
        return int(value) if value.lstrip("-").isdigit() else default

    width = number("pgSz", "w", 11906) - number("pgMar", "left", 1587) - number("pgMar", "right", 1474)
    height = number("pgSz", "h", 16838) - number("pgMar", "top", 2098) - number("pgMar", "bottom", 1984)
    return Geometry(width, height)


class ParagraphStyles:
    """Paragraph properties resolved through the style chain: spacing, indents, keeps and the
    character spacing of the text (``measure.Styles`` gives the font size and line pitch)."""

    def __init__(self, root: etree._Element | None):
        self.metrics = Styles(root)
        self._styles = {s.get(f"{W}styleId"): s for s in (root.findall(f"{W}style") if root is not None else [])}
        defaults = root.find(f"{W}docDefaults") if root is not None else None
        self._defaults = defaults

    def _chain(self, paragraph: etree._Element) -> list[etree._Element]:
        """The elements that may set a property, nearest first: the paragraph's own pPr and
        rPr, its style and the styles it is based on, the document defaults."""
        chain = [e for e in (paragraph.find(f"{W}pPr"), paragraph.find(f"{W}r/{W}rPr")) if e is not None]
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else self.metrics.default_id
        seen = set()
        while style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            element = self._styles[style_id]
            chain += [e for e in (element.find(f"{W}pPr"), element.find(f"{W}rPr")) if e is not None]
            based = element.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        if self._defaults is not None:
            chain += [e for e in (self._defaults.find(f"{W}pPrDefault/{W}pPr"),
                                  self._defaults.find(f"{W}rPrDefault/{W}rPr")) if e is not None]
        return chain

    def value(self, paragraph: etree._Element, child: str, attribute: str, default: int = 0) -> int:
        """A number the nearest ``child`` in the chain sets as ``attribute`` (twips)."""
        for element in self._chain(paragraph):
            found = element.find(f"{W}{child}")
            if found is not None and found.get(f"{W}{attribute}", "").lstrip("-").isdigit():
                return int(found.get(f"{W}{attribute}"))
        return default

    def flag(self, paragraph: etree._Element, name: str) -> bool:
        """Whether the nearest pPr in the chain that names ``name`` turns it on."""
        for element in self._chain(paragraph):
            found = element.find(f"{W}{name}")
            if found is not None and etree.QName(element).localname == "pPr":
                return found.get(f"{W}val") in _ON
        return False


@dataclass
class Piece:
    """A body element as the flow places it: its heights (the lines of a paragraph, one
    block for a picture; the header rows and each row of a table), whether it goes with the
    next element, and whether a new page starts before it."""

    element: etree._Element
    lines: list[int]
    keep_next: bool = False
    whole: bool = False
    header: int = 0
    new_page: bool = False
    page_break: bool = False


def _drawings_height(paragraph: etree._Element) -> int:
    extents = [int(e.get("cy", "0")) for e in paragraph.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")]
    return sum(extents) // EMU_PER_TWIP


def paragraph_piece(paragraph: etree._Element, styles: ParagraphStyles, width: int) -> Piece:
    """A paragraph's lines as the flow places them, in twips."""
    metrics = styles.metrics.metrics(paragraph)
    em = metrics.em + styles.value(paragraph, "spacing", "val") if paragraph.find(f"{W}r") is not None else metrics.em
    before = styles.value(paragraph, "spacing", "before")
    after = styles.value(paragraph, "spacing", "after")
    picture = _drawings_height(paragraph)
    if picture:
        lines = [picture + metrics.em // 4]
    else:
        left = styles.value(paragraph, "ind", "left") + styles.value(paragraph, "ind", "right")
        capacity = max(width - left, em) / max(em, 1)
        first_chars = styles.value(paragraph, "ind", "firstLineChars") / 100
        count = 0
        for index, text in enumerate(paragraph_lines(paragraph)):
            indent = "\u3000" * round(first_chars) if index == 0 else ""
            count += line_count(indent + text, capacity) if text else 1
        lines = [metrics.line] * count
    lines[0] += before
    lines[-1] += after
    breaks = any(b.get(f"{W}type") == "page" for b in paragraph.iter(f"{W}br"))
    return Piece(paragraph, lines, keep_next=styles.flag(paragraph, "keepNext"),
                 whole=bool(picture) or styles.flag(paragraph, "keepLines"),
                 new_page=styles.flag(paragraph, "pageBreakBefore"), page_break=breaks)


def table_piece(table: etree._Element, styles: ParagraphStyles) -> Piece:
    """A table's rows as the flow places them: each row's height, the repeated header rows."""
    grid = [int(c.get(f"{W}w", "0")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
    margin = table.find(f"{W}tblPr/{W}tblCellMar/{W}left")
    sides = 2 * int(margin.get(f"{W}w", CELL_MARGIN)) if margin is not None else 2 * CELL_MARGIN
    heights, header = [], 0
    for row in table.findall(f"{W}tr"):
        column, tallest = 0, 0
        for cell in row.findall(f"{W}tc"):
            span_element = cell.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_element.get(f"{W}val", "1")) if span_element is not None else 1
            width = sum(grid[column:column + span]) - sides
            column += span
            content = sum(sum(paragraph_piece(p, styles, max(width, 200)).lines) for p in cell.findall(f"{W}p"))
            tallest = max(tallest, content)
        given = row.find(f"{W}trPr/{W}trHeight")
        if given is not None and given.get(f"{W}val", "").isdigit():
            tallest = int(given.get(f"{W}val")) if given.get(f"{W}hRule") == "exact" else max(
                tallest, int(given.get(f"{W}val")))
        heights.append(tallest + ROW_EXTRA)
        if row.find(f"{W}trPr/{W}tblHeader") is not None and header == len(heights) - 1:
            header += 1
    return Piece(table, heights, header=header)


def pieces(elements: Iterable[etree._Element], styles: ParagraphStyles, area: Geometry) -> list[Piece]:
    """The body's paragraphs and tables as pieces (other elements take no room)."""
    found = []
    for element in elements:
        if element.tag == f"{W}p":
            found.append(paragraph_piece(element, styles, area.width))
            if element.find(f"{W}pPr/{W}sectPr") is not None:
                found.append(Piece(element, [0], new_page=True))
        elif element.tag == f"{W}tbl":
            found.append(table_piece(element, styles))
    return found


def _first_part(piece: Piece) -> int:
    """The least of a piece that must stand on a page with what it is kept with."""
    if piece.whole or len(piece.lines) < 4 and not piece.header:
        return sum(piece.lines)
    if piece.header:
        return sum(piece.lines[:piece.header + 1])
    return sum(piece.lines[:2])


def _place(piece: Piece, y: int, height: int) -> tuple[int, int]:
    """Where ``piece`` ends on its last page (y from the type area's top), starting at ``y``,
    and how many pages it turned."""
    rows = piece.lines
    if piece.whole or (len(rows) < 4 and not piece.header):
        total = sum(rows)
        return (y + total, 0) if y + total <= height or y == 0 else (total, 1)
    turned = 0
    if piece.header:
        head, body = sum(rows[:piece.header]), rows[piece.header:]
        y += head
        for row in body:
            if y + row > height and y > head:
                y, turned = head, turned + 1
            y += row
        return y, turned
    # a paragraph: lines fill the page, two at least on each side of a break
    left = list(rows)
    while True:
        fit = 0
        while fit < len(left) and y + sum(left[:fit + 1]) <= height:
            fit += 1
        if fit == len(left):
            return y + sum(left), turned
        if len(left) - fit < 2:
            fit = len(left) - 2
        if fit >= 2 or (y == 0 and fit >= 1):
            left = left[fit:]
        y, turned = 0, turned + 1


def flow(placed: list[Piece], height: int) -> list[tuple[int, int, int]]:
    """Where each piece starts: (page from 0, y of its start, y of its end on its last page);
    a piece moved back by a keep chain is given its final place."""
    y, page = 0, 0
    chain_start: tuple[int, int, int] | None = None  # (index, page, y) where the current keep chain began
    places: list[tuple[int, int, int]] = []
    index = 0
    while index < len(placed):
        piece = placed[index]
        if piece.new_page and y > 0:
            y, page = 0, page + 1
        starts_later = y > 0 and y + _first_part(piece) > height
        if starts_later and chain_start is not None and chain_start[2] > 0:
            index, page, y = chain_start[0], chain_start[1] + 1, 0  # the chain moves with it
            del places[index:]
            chain_start = None
            continue
        if starts_later:
            y, page = 0, page + 1
        if piece.keep_next and chain_start is None:
            chain_start = (index, page, y)
        elif not piece.keep_next:
            chain_start = None
        start = y
        y, pages = _place(piece, y, height)
        page += pages
        places.append((page - pages, start, y))
        if piece.page_break:
            y, page = 0, page + 1
        index += 1
    return places


def space_left(elements: Iterable[etree._Element], area: Geometry, styles: ParagraphStyles) -> int:
    """The height left on the page (twips) after ``elements``, laid out from a page's top."""
    placed = pieces(elements, styles, area)
    places = flow(placed, area.height)
    if not places:
        return area.height
    end = places[-1][2]
    return area.height if placed[-1].page_break else area.height - end
