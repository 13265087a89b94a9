"""Pictures in rendered documents: every ``ImageRef`` of a context becomes an inline picture.

A template prints a picture like any value (``{{ 图表 }}``); printing it closes the text
run, adds a run holding the drawing and opens a new run, as docxtpl's ``InlineImage`` does.
Each picture is a media file of its own (``word/media/reporterN.ext``) related from the
part it is printed in; drawings of the body are numbered in document order afterwards.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docx.shared import Length, Mm
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
        if ref.path:
            blob = Path(ref.path).read_bytes()
            stat = Path(ref.path).stat()
            ext, content_type, cx, cy = _file_measured(ref.path, stat.st_size, stat.st_mtime_ns, ref.width_mm)
        else:
            blob = ref.data
            ext, content_type, cx, cy = _measured(blob, ref.width_mm)
        number = len(self.placed) + 1
        media = usual = f"word/media/reporter{number}.{ext}"
        while media in self.taken:
            media = posixpath.join(posixpath.dirname(media), f"x{posixpath.basename(media)}")
        rel_id = f"rIdReporter{number}"
        self.placed.append(Placed(self.part, rel_id, media, content_type, blob))
        if media == usual:  # the name the remembered drawing was made with
            drawing = _drawing(cx, cy, ext).replace(_SENTINEL, str(number))
        else:
            drawing = etree.tostring(CT_Inline.new_pic_inline(number, rel_id, posixpath.basename(media), cx, cy),
                                     encoding="unicode")
        return f'</w:t></w:r><w:r><w:drawing>{drawing}</w:drawing></w:r><w:r><w:t xml:space="preserve">'


def _measured(blob: bytes, width_mm: float) -> tuple[str, str, Length, Length]:
    """A picture's extension, content type and size in EMU at ``width_mm``."""
    image = Image.from_blob(blob)
    cx, cy = image.scaled_dimensions(Mm(width_mm), None)
    return image.ext, image.content_type, cx, cy


@functools.lru_cache(maxsize=1024)
def _file_measured(path: str, size: int, mtime_ns: int, width_mm: float) -> tuple[str, str, Length, Length]:
    """``_measured`` of a picture file, remembered by path, size and time (a batch repeats
    the same photos in many documents)."""
    return _measured(Path(path).read_bytes(), width_mm)


# A number no picture's numbers or sizes hold, replaced by the picture's number in a drawing made once.
_SENTINEL = "4294967291"


@functools.lru_cache(maxsize=1024)
def _drawing(cx: Length, cy: Length, ext: str) -> str:
    """python-docx's inline picture XML for picture number ``_SENTINEL`` of this size."""
    number = int(_SENTINEL)
    inline = CT_Inline.new_pic_inline(number, f"rIdReporter{number}", f"reporter{number}.{ext}", cx, cy)
    return etree.tostring(inline, encoding="unicode")


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
