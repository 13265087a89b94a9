"""The booklet: a cover, a 目录 and every document's PDF in one file, to print on both sides
and bind, with bookmarks and page labels.

Every part (the cover, the 目录, each document) starts on an odd, right-hand page: a blank
page follows any part that ends on an odd page. The documents print their own page numbers,
odd ones on the right and even ones on the left by their own page parity; since each of them
starts on an odd booklet page, its own parity is the booklet's, and every number lands on the
outer edge of its sheet.

Booklet page numbers (what the 目录 lists) count every page from the cover on: they are what
every PDF viewer's page counter and every print dialog show. Page labels name each page as
it prints: "封面", "目录", "空白页", and "N-k" for page k of the document numbered N in the
目录 ("N.M-k" for the M-th document of group N).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.errors import PyPdfError

from reporter.errors import InputError, Problem
from reporter.publish.files import OutputBatch

#: The page label of an inserted blank page.
BLANK_LABEL = "空白页"


@dataclass(frozen=True)
class BookletEntry:
    """One document of a booklet: its bookmark title, its PDF, and the bookmark group
    (a parent bookmark, a heading in the 目录) it sits under, or None for the top level."""

    title: str
    pdf: Path
    group: str | None = None


@dataclass(frozen=True)
class FrontPart:
    """A part before the documents (the cover, the 目录): its bookmark title, which is also
    the page label of its pages, and its PDF."""

    title: str
    pdf: Path


@dataclass(frozen=True)
class Placement:
    """Where one part lands in the booklet: its first page (booklet page number, from 1 at
    the cover) and its own page count. An odd count is followed by a blank page."""

    first: int
    pages: int

    @property
    def blank_after(self) -> bool:
        return self.pages % 2 == 1

    @property
    def following(self) -> int:
        """The booklet page the next part starts on (always odd)."""
        return self.first + self.pages + self.pages % 2


def place(counts: Sequence[int], first: int = 1) -> list[Placement]:
    """Parts of these page counts laid one after another from booklet page ``first`` (odd),
    each starting on an odd page."""
    if first % 2 == 0:
        raise ValueError(f"a booklet part must start on an odd page, not {first}")
    out = []
    for count in counts:
        if count < 1:
            raise ValueError(f"a booklet part needs at least one page, not {count}")
        out.append(Placement(first, count))
        first = out[-1].following
    return out


@dataclass(frozen=True)
class Section:
    """A top-level item of the booklet: one document, or consecutive documents of one group
    under the group's title. ``number`` counts sections from 1; ``entries`` are indexes
    into the booklet's entries."""

    number: int
    title: str
    entries: tuple[int, ...]
    grouped: bool


def sections(entries: Sequence[BookletEntry]) -> list[Section]:
    """The entries as the 目录 lists them: consecutive entries of one group form one section."""
    out: list[Section] = []
    for index, entry in enumerate(entries):
        last = out[-1] if out else None
        if entry.group is not None and last is not None and last.grouped and last.title == entry.group:
            out[-1] = Section(last.number, last.title, (*last.entries, index), True)
        else:
            out.append(Section(len(out) + 1, entry.group if entry.group is not None else entry.title,
                               (index,), entry.group is not None))
    return out


def label_prefix(section: Section, position: int) -> str:
    """The page label prefix of the ``position``-th (0-based) document of ``section``."""
    return f"{section.number}.{position + 1}-" if section.grouped else f"{section.number}-"


@dataclass(frozen=True)
class ContentsItem:
    """A line of the 目录: a section heading (``level`` 1) or a document of a group
    (``level`` 2), with the booklet page it starts on (None for a group's heading)."""

    level: int
    number: int | None
    title: str
    page: int | None


def contents(entries: Sequence[BookletEntry], placements: Sequence[Placement]) -> list[ContentsItem]:
    """The lines of the 目录 for documents placed at ``placements`` (one per entry)."""
    items = []
    for section in sections(entries):
        if section.grouped:
            items.append(ContentsItem(1, section.number, section.title, None))
            items.extend(ContentsItem(2, None, entries[i].title, placements[i].first) for i in section.entries)
        else:
            items.append(ContentsItem(1, section.number, section.title, placements[section.entries[0]].first))
    return items


def _read_pdf(path: Path) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(Path(path).read_bytes()))
    except OSError as e:
        raise InputError([Problem(str(path), f"无法读取：{e.strerror or e}")]) from e
    except (PyPdfError, ValueError) as e:
        raise InputError([Problem(str(path), f"不是有效的 PDF 文件：{e}")]) from e


def _read_all(paths: Sequence[Path]) -> list[PdfReader]:
    readers = [_read_pdf(p) for p in paths]
    empty = [Problem(str(p), "PDF 没有页面") for p, r in zip(paths, readers) if len(r.pages) == 0]
    if empty:
        raise InputError(empty)
    return readers


def page_counts(paths: Sequence[Path]) -> list[int]:
    """The number of pages of each PDF; InputError naming any that is unreadable or empty."""
    return [len(r.pages) for r in _read_all(paths)]


def make_booklet(entries: Sequence[BookletEntry], out: Path, title: str, author: str,
                 front: Sequence[FrontPart] = ()) -> Path:
    """Merge the ``front`` parts and then the entries' PDFs, in order, into one PDF ``out``,
    every part starting on an odd page (see the module's description); returns ``out``.

    Bookmarks: one per front part, then one per section (``sections``): a document's points
    at its first page; a group's points at its first document and holds one per document.
    Page labels as the module describes. Metadata: /Title and /Author, no dates, so equal
    inputs give equal bytes. Written atomically.
    """
    entries, front = list(entries), list(front)
    if not entries:
        raise InputError([Problem(str(out), "没有可合订的文件")])
    readers = _read_all([p.pdf for p in front] + [e.pdf for e in entries])
    placements = place([len(r.pages) for r in readers])

    writer = PdfWriter()
    for reader, placement in zip(readers, placements):
        writer.append(reader, import_outline=False)
        if placement.blank_after:
            box = writer.pages[-1].mediabox
            writer.add_blank_page(width=box.width, height=box.height)
            index = len(writer.pages) - 1
            writer.set_page_label(index, index, prefix=BLANK_LABEL)

    front_places, doc_places = placements[:len(front)], placements[len(front):]
    for part, placement in zip(front, front_places):
        several = placement.pages > 1
        _label(writer, placement, f"{part.title}-" if several else part.title, numbered=several)
        writer.add_outline_item(title=part.title, page_number=placement.first - 1)
    for section in sections(entries):
        parent: Any = None
        if section.grouped:
            parent = writer.add_outline_item(title=section.title,
                                             page_number=doc_places[section.entries[0]].first - 1)
        for position, index in enumerate(section.entries):
            placement = doc_places[index]
            _label(writer, placement, label_prefix(section, position), numbered=True)
            writer.add_outline_item(title=entries[index].title, page_number=placement.first - 1,
                                    parent=parent)

    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "reporter (pypdf)"})
    writer.page_mode = "/UseOutlines"
    data = io.BytesIO()
    writer.write(data)
    with OutputBatch() as batch:
        batch.add(Path(out), data.getvalue())
    return Path(out)


def _label(writer: PdfWriter, placement: Placement, prefix: str, numbered: bool) -> None:
    """Label a part's own pages ``prefix`` followed, when ``numbered``, by 1, 2, …"""
    first, last = placement.first - 1, placement.first + placement.pages - 2
    if numbered:
        writer.set_page_label(first, last, style=PageLabelStyle.DECIMAL, prefix=prefix, start=1)
    else:
        writer.set_page_label(first, last, prefix=prefix)
