"""The booklet: a cover, a 目录 and every document's PDF in one file, to print on both sides
and bind, with bookmarks and page labels.

Every part (the cover, the 目录, each document) starts on an odd, right-hand page: a blank
page follows any part that ends on an odd page.

Booklet page numbers count every page from the cover on: they are what every PDF viewer's
page counter and every print dialog show, and what the booklet prints. The documents' own
page numbers are taken off their pages (``publish.folios``) and the booklet's printed in
their place, from a PDF of page numbers made like the documents' own (page k of it prints
"— k —" where a document prints its number): so the 目录 and the pages agree. Pages that
print no number in their document (the cover, the 目录, blank pages) print none here.
Numbered per part instead (``per_part``), each section of the 目录 counts its own pages from
1 (a group's documents one after another) and the 目录 says 第N份第M页. Either way a number's
parity is its page's, odd numbers on the right and even ones on the left.

Landscape pages are turned onto portrait pages (``publish.turn``), their number printed
where a portrait page has it.

Page labels name each page as it prints: "封面", "目录", "空白页", and "N-k" for page k of
the document numbered N in the 目录 ("N.M-k" for the M-th document of group N).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.errors import PyPdfError
from pypdf.generic import ContentStream

from reporter.errors import InputError, Problem
from reporter.publish import folios as folio_text
from reporter.publish import turn
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
    (``level`` 2), with the booklet page it starts on and what the 目录 prints for that page
    (both None for a group's heading)."""

    level: int
    number: int | None
    title: str
    page: int | None
    printed: str | None = None


def page_numbers(entries: Sequence[BookletEntry], placements: Sequence[Placement],
                 per_part: bool = False) -> dict[int, int]:
    """The number each page of the documents placed at ``placements`` prints, by booklet page
    (blank pages after a document included: they are counted, though not printed on): the
    booklet page itself, or with ``per_part`` the page's place in its section from 1."""
    numbers = {}
    for section in sections(entries):
        first = placements[section.entries[0]].first
        for index in section.entries:
            placement = placements[index]
            for page in range(placement.first, placement.following):
                numbers[page] = page - first + 1 if per_part else page
    return numbers


def contents(entries: Sequence[BookletEntry], placements: Sequence[Placement],
             per_part: bool = False) -> list[ContentsItem]:
    """The lines of the 目录 for documents placed at ``placements`` (one per entry): each
    document's first booklet page, printed as that number or, with ``per_part``, as
    第N份第M页 (N the section's number, M the number its first page prints)."""
    numbers = page_numbers(entries, placements, per_part)
    part_of = {index: section.number for section in sections(entries) for index in section.entries}

    def item(level: int, number: int | None, title: str, index: int) -> ContentsItem:
        page = placements[index].first
        printed = f"第{part_of[index]}份第{numbers[page]}页" if per_part else str(page)
        return ContentsItem(level, number, title, page, printed)

    items = []
    for section in sections(entries):
        if section.grouped:
            items.append(ContentsItem(1, section.number, section.title, None))
            items.extend(item(2, None, entries[i].title, i) for i in section.entries)
        else:
            items.append(item(1, section.number, section.title, section.entries[0]))
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
                 front: Sequence[FrontPart] = (), folios: Path | None = None, per_part: bool = False) -> Path:
    """Merge the ``front`` parts and then the entries' PDFs, in order, into one PDF ``out``,
    every part starting on an odd page (see the module's description); returns ``out``.

    With ``folios``, a PDF whose page k prints the page number k, the documents' pages print
    the booklet's numbers (``page_numbers``) where they printed their own, and landscape
    pages are turned upright; without it, they are merged as they are.

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
    front_places, doc_places = placements[:len(front)], placements[len(front):]
    numbers = page_numbers(entries, doc_places, per_part)
    stamps = list(_read_pdf(folios).pages) if folios is not None else None

    writer = PdfWriter()
    for index, (reader, placement) in enumerate(zip(readers, placements)):
        writer.append(reader, import_outline=False)
        if stamps is not None and index >= len(front):
            for page in range(placement.first, placement.first + placement.pages):
                _reprint(writer.pages[page - 1], numbers[page], stamps)
        if placement.blank_after:
            box = writer.pages[-1].mediabox
            writer.add_blank_page(width=box.width, height=box.height)
            index = len(writer.pages) - 1
            writer.set_page_label(index, index, prefix=BLANK_LABEL)

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


def _reprint(page: PageObject, number: int, stamps: Sequence[PageObject]) -> None:
    """Take the page number ``page`` prints away and, if it printed one, print ``number`` in
    its place from page ``number`` of ``stamps``; turn the page upright if it is landscape."""
    contents = page.get_contents()
    if contents is None:
        return
    data, taken = folio_text.without_folio(contents.get_data(), float(page.mediabox.width),
                                           float(page.mediabox.height))
    landscape = turn.is_landscape(page)
    if landscape:
        turn.turn_upright(page, data)
    elif taken:
        stream = ContentStream(None, None)
        stream.set_data(data)
        page.replace_contents(stream)
    if taken:
        if number > len(stamps):
            raise ValueError(f"the page-number PDF has {len(stamps)} pages, page {number} is needed")
        page.merge_page(stamps[number - 1])
    if taken or landscape:
        page.compress_content_streams()


def _label(writer: PdfWriter, placement: Placement, prefix: str, numbered: bool) -> None:
    """Label a part's own pages ``prefix`` followed, when ``numbered``, by 1, 2, …"""
    first, last = placement.first - 1, placement.first + placement.pages - 2
    if numbered:
        writer.set_page_label(first, last, style=PageLabelStyle.DECIMAL, prefix=prefix, start=1)
    else:
        writer.set_page_label(first, last, prefix=prefix)
