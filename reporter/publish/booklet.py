"""The booklet: every document's PDF merged into one file, with bookmarks and page labels."""

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


@dataclass
class BookletEntry:
    """One document of a booklet: its bookmark title, its PDF, and the bookmark group
    (a parent bookmark) it sits under, or None for the top level."""

    title: str
    pdf: Path
    group: str | None = None


def _read_pdf(path: Path) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(Path(path).read_bytes()))
    except OSError as e:
        raise InputError([Problem(str(path), f"无法读取：{e.strerror or e}")]) from e
    except (PyPdfError, ValueError) as e:
        raise InputError([Problem(str(path), f"不是有效的 PDF 文件：{e}")]) from e


def make_booklet(entries: Sequence[BookletEntry], out: Path, title: str, author: str) -> Path:
    """Merge the entries' PDFs, in order, into one PDF ``out``; returns ``out``.

    Bookmarks: one per document pointing at its first page, nested under one parent
    bookmark per group (in order of first appearance; a group's bookmark points at the
    first page of its first document); entries without a group are at the top level.
    Page labels: the pages of document N are labelled "N-1", "N-2" …, so the viewer shows
    each document's own page numbers. Metadata: /Title and /Author, no dates, so equal
    inputs give equal bytes. Written atomically.
    """
    entries = list(entries)
    if not entries:
        raise InputError([Problem(str(out), "没有可合订的文件")])
    readers = [_read_pdf(e.pdf) for e in entries]
    empty = [Problem(str(e.pdf), "PDF 没有页面") for e, r in zip(entries, readers)
             if len(r.pages) == 0]
    if empty:
        raise InputError(empty)

    writer = PdfWriter()
    starts = []
    for reader in readers:
        starts.append(len(writer.pages))
        writer.append(reader, import_outline=False)

    groups: dict[str, Any] = {}
    for entry, start in zip(entries, starts):
        parent = None
        if entry.group is not None:
            parent = groups.get(entry.group)
            if parent is None:
                parent = writer.add_outline_item(title=entry.group, page_number=start)
                groups[entry.group] = parent
        writer.add_outline_item(title=entry.title, page_number=start, parent=parent)

    for number, (start, reader) in enumerate(zip(starts, readers), start=1):
        writer.set_page_label(start, start + len(reader.pages) - 1, style=PageLabelStyle.DECIMAL,
                              prefix=f"{number}-", start=1)

    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "reporter (pypdf)"})
    writer.page_mode = "/UseOutlines"
    data = io.BytesIO()
    writer.write(data)
    with OutputBatch() as batch:
        batch.add(Path(out), data.getvalue())
    return Path(out)

