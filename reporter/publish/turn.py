"""Landscape pages turned onto portrait pages, for a booklet printed and bound in portrait.

GB/T 9704 (10.1): a landscape A4 table keeps its page number where the other pages have
it, with the table's head on the binding side of an odd page and on the outer side of an
even one. In a booklet bound on the left of odd pages and on the right of even ones that
is, on every page, the head on the left: the content turns a quarter-turn counter-clockwise
(its top edge goes to the page's left edge) and the page becomes portrait. The number is
the booklet's business (``publish.folios`` takes the page's own away first).

Margins follow the turn: the landscape page is bound at its top (28 mm), which becomes the
portrait left margin, and its bottom margin (26 mm) the right one. Its left and right
margins (37 and 35 mm) become the portrait bottom and top; the content is moved down by
their difference, so that its type area lies where a portrait page's does (top 37 mm,
bottom 35 mm).
"""

from __future__ import annotations

from pypdf import PageObject
from pypdf.generic import ContentStream, NameObject, RectangleObject

#: How far the turned content moves down: the landscape left margin (37 mm, at the foot
#: once turned) less its right margin (35 mm, at the head): render.page's 2098 − 1984 twips.
SHIFT_DOWN_PT = (2098 - 1984) / 20
_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def is_landscape(page: PageObject) -> bool:
    """Whether the page is wider than high. A page with /Rotate is shown as its maker
    wanted and counts as not landscape: it is left as it is."""
    return not page.get("/Rotate", 0) and float(page.mediabox.width) > float(page.mediabox.height)


def _number(value: float) -> bytes:
    return f"{value:.4f}".rstrip("0").rstrip(".").encode()


def turn_upright(page: PageObject, data: bytes) -> None:
    """Make the landscape ``page`` (without /Rotate), whose content stream is ``data``, a
    portrait page showing that content turned (see the module's description)."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    # (x, y) goes to (top − y, x − left − shift): the box's top edge to the left edge
    matrix = b"q 0 1 -1 0 %s %s cm\n" % (_number(float(box.top)), _number(-float(box.left) - SHIFT_DOWN_PT))
    stream = ContentStream(None, None)
    stream.set_data(matrix + data + b"\nQ\n")
    page.replace_contents(stream)
    for name in _BOXES:
        if name in page:
            del page[name]
    page[NameObject("/MediaBox")] = RectangleObject([0, 0, height, width])
