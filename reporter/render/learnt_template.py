"""An existing report read as paragraphs, and made into a template by putting tags where its figures
stand (``reporter learn``): styles, headings, tables, headers and layout stay as they were.

A paragraph's text here is the text of its own w:t elements in order (tables' paragraphs
included, text of nested text boxes counted in their own paragraphs, Word's fallback copies for
old readers left out), so that places found in it are places in those elements. A tag replaces
the characters of its figure and takes the properties of the figure's first character's run.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from reporter.errors import InputError, Problem

_P, _T, _TC = qn("w:p"), qn("w:t"), qn("w:tc")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters that open Jinja syntax; written as text through a tag so that the original's own
# braces stay text.
_OPENERS = ("{{", "{%", "{#")


@dataclass(frozen=True)
class SourceParagraph:
    """A paragraph of the report being learnt: its text, its style's name, and whether it
    stands in a table cell."""

    text: str
    style: str
    in_table: bool


@dataclass(frozen=True)
class Replacement:
    """Characters ``start``..``end`` of a paragraph's text to be replaced by ``text`` (a tag)."""

    start: int
    end: int
    text: str


def _open(data: bytes, display: str) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise InputError([Problem(display, f"不是有效的 Word 文档（.docx），无法读取（{e}）；"
                                  "旧版 .doc 或 WPS 文档请先另存为 .docx")]) from e


def _paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs under ``body`` in document order, without Word's fallback copies."""
    for p in body.iter(_P):
        if not any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
            yield p


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """The w:t elements of ``p`` itself (not those of paragraphs nested in its text boxes)."""
    return [t for t in p.iter(_T) if next(t.iterancestors(_P)) is p]


def read_paragraphs(data: bytes, display: str) -> list[SourceParagraph]:
    """The paragraphs of the .docx ``data`` (named ``display`` in messages), in document order."""
    document = _open(data, display)
    names = {style.style_id: style.name for style in document.styles}
    found = []
    for p in _paragraphs(document.element.body):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_name = names.get(style.get(qn("w:val")), "") if style is not None else ""
        in_table = any(a.tag == _TC for a in p.iterancestors())
        found.append(SourceParagraph("".join(t.text or "" for t in _own_texts(p)), style_name or "", in_table))
    return found


def learnt_template(data: bytes, display: str, edits: Mapping[int, Sequence[Replacement]]) -> bytes:
    """The .docx ``data`` with, in paragraph ``i`` (as ``read_paragraphs`` counts them), each of
    ``edits[i]`` made; braces that would open template syntax are kept as text."""
    document = _open(data, display)
    tags: list[str] = []
    for index, p in enumerate(_paragraphs(document.element.body)):
        texts = _own_texts(p)
        for replacement in sorted(edits.get(index, ()), key=lambda r: r.start, reverse=True):
            # A mark in the tag's place until the original's braces are escaped.
            _replace(texts, replacement.start, replacement.end, f"\ue000{len(tags)}\ue001")
            tags.append(replacement.text)
        for t in texts:
            _escape_braces(t)
            if "\ue000" in (t.text or ""):
                t.text = re.sub("\ue000(\\d+)\ue001", lambda m: tags[int(m.group(1))], t.text or "")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _escape_braces(t: etree._Element) -> None:
    text = t.text or ""
    if any(o in text for o in _OPENERS):
        for opener in _OPENERS:
            text = text.replace(opener, "{{ '" + opener[0] + "' }}" + opener[1])
        t.text = text


def _replace(texts: list[etree._Element], start: int, end: int, new: str) -> None:
    """Characters ``start``..``end`` of the concatenated ``texts`` become ``new``, written where
    the first of them stood."""
    position = 0
    placed = False
    for t in texts:
        text = t.text or ""
        low, high = position, position + len(text)
        position = high
        if high <= start or low >= end:
            continue
        cut_from = max(start, low) - low
        cut_to = min(end, high) - low
        inserted = "" if placed else new
        placed = True
        t.text = text[:cut_from] + inserted + text[cut_to:]
        t.set(_XML_SPACE, "preserve")
