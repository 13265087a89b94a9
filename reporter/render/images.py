"""Pictures in rendered documents: every ``ImageRef`` of a context becomes an inline picture.

A template prints a picture like any value (``{{ 图表 }}``); printing it closes the text
run, adds a run holding the drawing and opens a new run, as docxtpl's ``InlineImage`` does.
Each picture is a media file of its own (``word/media/reporterN.ext``) related from the
part it is printed in; drawings of the body are numbered in document order afterwards.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from lxml import etree

from reporter.model import ImageRef

WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# docxtpl numbers the drawings of a rendered body from 1001 on; documents keep that numbering.
FIRST_DRAWING_ID = 1001


@dataclass(frozen=True)
class Placed:
    """A picture placed in a document: the part it is in, its relationship id there, its
    media file's name in the package and its bytes."""

    part: str
    rel_id: str
    media: str
    content_type: str
    data: bytes


@dataclass
class Pictures:
    """The pictures placed while one document renders, in the order the template printed
    them; ``part`` is the part being rendered; ``taken`` the names the template already uses."""

    part: str
    taken: Collection[str]
    placed: list[Placed] = field(default_factory=list)

    def place(self, ref: ImageRef) -> str:
        """The picture as text the template prints in place of the value."""
        blob = Path(ref.path).read_bytes() if ref.path else ref.data
        image = Image.from_blob(blob)
        number = len(self.placed) + 1
        media = f"word/media/reporter{number}.{image.ext}"
        while media in self.taken:
            media = posixpath.join(posixpath.dirname(media), f"x{posixpath.basename(media)}")
        rel_id = f"rIdReporter{number}"
        self.placed.append(Placed(self.part, rel_id, media, image.content_type, blob))
        cx, cy = image.scaled_dimensions(Mm(ref.width_mm), None)
        inline = CT_Inline.new_pic_inline(number, rel_id, posixpath.basename(media), cx, cy)
        drawing = etree.tostring(inline, encoding="unicode")
        return f'</w:t></w:r><w:r><w:drawing>{drawing}</w:drawing></w:r><w:r><w:t xml:space="preserve">'


class Picture:
    """An ``ImageRef`` as a template sees it: printing it places the picture (``__html__``
    keeps the autoescaping from touching the drawing's XML)."""

    def __init__(self, pictures: Pictures, ref: ImageRef):
        self.pictures, self.ref = pictures, ref

    def __html__(self) -> str:
        return self.pictures.place(self.ref)

    __str__ = __html__


def with_pictures(pictures: Pictures, value: Any) -> Any:
    """``value`` with every ``ImageRef`` in it (in dicts, lists and tuples) made a ``Picture``."""
    if isinstance(value, ImageRef):
        return Picture(pictures, value)
    if isinstance(value, dict):
        return {key: with_pictures(pictures, item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(with_pictures(pictures, item) for item in value)
    return value


def number_drawings(body: etree._Element) -> None:
    """Give the drawings of a rendered body distinct ids in document order, as docxtpl does
    (pictures repeated by a loop would otherwise share one)."""
    for number, doc_pr in enumerate(body.iter(WP_DOC_PR), start=FIRST_DRAWING_ID):
        doc_pr.set("id", str(number))
