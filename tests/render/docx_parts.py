"""Making small .docx files in memory and reading the parts of rendered ones, for the tests
of tests/render/: a PNG, a document of plain paragraphs, its zip parts, its tables and their
grids and cell lines."""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree
from PIL import Image

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def png(width: int, height: int, color: str) -> bytes:
    """A PNG image of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def docx_with(*texts: str) -> bytes:
    """A .docx of one plain paragraph for each text."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def opened(data: bytes) -> docx.document.Document:
    """The .docx ``data`` opened with python-docx."""
    return docx.Document(io.BytesIO(data))


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of the .docx ``data``: name -> bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def part(data: bytes, name: str) -> etree._Element:
    """The XML part ``name`` of the .docx ``data``, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def tables(data: bytes) -> list[etree._Element]:
    """The top-level tables of the body of the .docx ``data``."""
    return part(data, "word/document.xml").findall(f"{W}body/{W}tbl")


def grid(table: etree._Element) -> list[int]:
    """The column widths of ``table``, in twips."""
    return [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]


def cell_lines(table: etree._Element, row: int, column: int) -> list[str]:
    """The lines of one cell of ``table``, split at its line breaks."""
    cell = table.findall(f"{W}tr")[row].findall(f"{W}tc")[column]
    lines = [""]
    for element in cell.iter(f"{W}t", f"{W}br"):
        if element.tag == f"{W}br":
            lines.append("")
        else:
            lines[-1] += element.text or ""
    return lines
