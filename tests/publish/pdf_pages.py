"""PDF files for the tests: blank ones to assemble into booklets, and, for the GB/T 9704
measurements of converted ones, the text lines of a page, body lines, and the fonts used."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import Any

import pdfplumber
from pypdf import PdfReader, PdfWriter

MM = 72 / 25.4  # points per millimetre


def blank_pdf(path: Path, pages: int, width: float, height: float = 842) -> Path:
    """``path`` written as a PDF of ``pages`` blank pages of ``width`` × ``height`` points."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=height)
    data = io.BytesIO()
    writer.write(data)
    path.write_bytes(data.getvalue())
    return path


class Page:
    """One page as pdfplumber read it: its characters and its size in points."""

    def __init__(self, data: dict):
        self.chars = data["chars"]
        self.width = data["width"]
        self.height = data["height"]


def text_lines(page: Page, min_size: float = 15.9) -> list[list[dict]]:
    """The text lines of a page (characters of at least ``min_size`` pt), top to bottom,
    each a list of characters left to right."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for char in page.chars:
        if char["size"] >= min_size and char["text"].strip():
            rows[round(char["top"], 0)].append(char)
    return [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]


def is_body(line: list[dict]) -> bool:
    """A line of body text: 16 pt, mostly FandolFang (仿宋)."""
    fang = sum("FandolFang" in c["fontname"] for c in line)
    return abs(line[0]["size"] - 16) < 0.1 and fang >= len(line) / 2


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """Every font used in ``pdf``: base name (subset prefix removed) -> embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(pdf).pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            found[name] = found.get(name, True) and embedded
    return found


def cjk_fonts(pdf: Path) -> dict[str, set[str]]:
    """For each CJK character in ``pdf``, the fonts it is set in."""
    used: dict[str, set[str]] = defaultdict(set)
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for char in page.chars:
                if ord(char["text"][0]) >= 0x2E80:
                    used[char["text"]].add(char["fontname"].split("+", 1)[-1])
    return used
