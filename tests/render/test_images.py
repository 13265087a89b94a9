"""Pictures placed from remembered measurements and drawings give what python-docx makes anew."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from lxml import etree
from PIL import Image as PILImage

from reporter.model import ImageRef
from reporter.render import images
from reporter.render.images import Pictures


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("number", [1, 7, 42, 1234])
def test_a_remembered_drawing_is_python_docx_own(number: int):
    cx, cy = Mm(80), Mm(60)
    made = etree.tostring(CT_Inline.new_pic_inline(number, f"rIdReporter{number}", f"reporter{number}.png", cx, cy),
                          encoding="unicode")
    assert images._drawing(cx, cy, "png").replace(images._SENTINEL, str(number)) == made


def test_pictures_placed_again_give_the_same_text_as_the_first_time(tmp_path: Path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(400, 300))
    first = Pictures("word/document.xml", frozenset())
    texts = [first.place(ImageRef(80, path=str(photo))) for _ in range(3)]
    assert len(set(texts)) == 3  # numbered 1, 2, 3
    again = Pictures("word/document.xml", frozenset())
    assert [again.place(ImageRef(80, path=str(photo))) for _ in range(3)] == texts


def test_a_picture_file_changed_is_measured_again(tmp_path: Path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(400, 300))
    wide = Pictures("word/document.xml", frozenset()).place(ImageRef(80, path=str(photo)))
    photo.write_bytes(png(300, 400))
    os.utime(photo, ns=(photo.stat().st_atime_ns, photo.stat().st_mtime_ns + 10**9))
    tall = Pictures("word/document.xml", frozenset()).place(ImageRef(80, path=str(photo)))
    for text, (width, height) in ((wide, (400, 300)), (tall, (300, 400))):
        cx, cy = Image.from_blob(png(width, height)).scaled_dimensions(Mm(80), None)
        assert f'cx="{cx}" cy="{cy}"' in text
    assert wide != tall


def test_a_taken_media_name_still_gets_a_drawing_of_its_own_name():
    taken = frozenset({"word/media/reporter1.png"})
    text = Pictures("word/document.xml", taken).place(ImageRef(50, data=png(10, 10)))
    assert 'name="xreporter1.png"' in text and 'r:embed="rIdReporter1"' in text
