"""The printed paragraphs of a .docx body, each with where it is (第3段, 表格1第2行第2列), for
notices about a document's text.

Printed means what ``docxtext`` prints: field results (page numbers), runs hidden with
w:vanish and the fallback copies of text boxes (mc:Fallback) are left out, as are headers
and footers. Paragraphs are counted as template messages count them (``paragraphs``): every
paragraph of the body in document order, those in table cells included. The body is read as
a stream and let go of paragraph by paragraph, so a 督查通报 with tens of thousands of table
rows is never held whole in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reporter.render.docxtext import follow_field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DOCUMENT = "word/document.xml"
_P, _T, _TAB, _BR, _CR = f"{W}p", f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"
_TBL, _TR, _TC = f"{W}tbl", f"{W}tr", f"{W}tc"
_FLD_CHAR, _FLD_SIMPLE, _R, _RPR, _VANISH = f"{W}fldChar", f"{W}fldSimple", f"{W}r", f"{W}rPr", f"{W}vanish"
_TAGS = (_P, _T, _TAB, _BR, _CR, _TBL, _TR, _TC, _FLD_CHAR, _FLD_SIMPLE, MC_FALLBACK)
# What separates text within a paragraph (a tab, a line break) reads as white space.
_SPACES = {_TAB: "\t", _BR: "\n", _CR: "\n"}


class UnreadableDocument(ValueError):
    """A document whose body cannot be read back: not a .docx, or its XML broken."""


@dataclass(frozen=True)
class PrintedParagraph:
    """The printed text of one paragraph of a document and where it is."""

    label: str
    text: str


def printed_paragraphs(path: Path) -> Iterator[PrintedParagraph]:
    """Every paragraph of the body of the .docx at ``path``, empty ones too, in document order
    (the paragraphs of a text box before the paragraph holding it).

    Raises ``UnreadableDocument`` when the file is no readable .docx, ``OSError`` when it
    cannot be read at all.
    """
    try:
        with zipfile.ZipFile(path) as archive, archive.open(DOCUMENT) as stream:
            # The document was written by reporter itself: its text nodes may be long.
            yield from _read(etree.iterparse(stream, events=("start", "end"), tag=_TAGS,
                                             resolve_entities=False, no_network=True, huge_tree=True))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise UnreadableDocument(f"不是有效的 .docx 文件（{e}）") from e


def _read(events: Iterable[tuple[str, etree._Element]]) -> Iterator[PrintedParagraph]:
    """The printed paragraphs told by the start and end events of a body being parsed."""
    numbered = 0
    paragraphs: list[tuple[str, list[str]]] = []  # open paragraphs (text boxes nest them)
    tables: list[list[int]] = []  # open tables: [number, row, column]
    table_count = 0
    hidden = 0  # depth inside simple fields and fallback copies
    fields: list[bool] = []  # open complex fields, True once their result has begun
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == _P:
                numbered += 1
                label = f"表格{tables[-1][0]}第{tables[-1][1]}行第{tables[-1][2]}列" if tables else f"第{numbered}段"
                paragraphs.append((label, []))
            elif tag == _TBL:
                table_count += 1
                tables.append([table_count, 0, 0])
            elif tag == _TR and tables:
                tables[-1][1] += 1
                tables[-1][2] = 0
            elif tag == _TC and tables:
                tables[-1][2] += 1
            elif tag in (_FLD_SIMPLE, MC_FALLBACK):
                hidden += 1
            continue
        if tag == _FLD_CHAR:
            follow_field(fields, element)
        elif tag in (_FLD_SIMPLE, MC_FALLBACK):
            hidden -= 1
        elif tag in (_T, _TAB, _BR, _CR):
            if paragraphs and not hidden and not any(fields) and not _vanished(element):
                paragraphs[-1][1].append((element.text or "") if tag == _T else _SPACES[tag])
        elif tag == _P:
            label, texts = paragraphs.pop()
            if not hidden:
                yield PrintedParagraph(label, "".join(texts))
            if not paragraphs:
                _let_go(element)
        elif tag == _TBL:
            tables.pop()
            if not paragraphs:
                _let_go(element)
        elif tag == _TR and not paragraphs:
            _let_go(element)


def _vanished(element: etree._Element) -> bool:
    """Whether the run of ``element`` is hidden (w:vanish not switched off)."""
    run = element.getparent()
    if run is None or run.tag != _R:
        return False
    properties = run.find(_RPR)
    vanish = properties.find(_VANISH) if properties is not None else None
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")


def _let_go(element: etree._Element) -> None:
    """Free a finished element and the finished siblings before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
