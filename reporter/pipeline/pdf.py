"""``reporter pdf`` and ``reporter booklet``: the documents as PDFs, and all of them in one booklet."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from reporter import cnfmt
from reporter.documents.catalog import BY_NAME, DOCUMENTS
from reporter.errors import InputError, Problem, ToolError, UsageError
from reporter.feedback import Progress, no_progress
from reporter.model import Campaign, PageableTable, TableProbe
from reporter.pipeline.output import document_stamp
from reporter.publish import booklet, pdf, scratch
from reporter.pipeline.locking import locked
from reporter.render import page_cut
from reporter.render.backmatter import back_matter_later, has_back_matter
from reporter.render.docxtext import docx_text
from reporter.render.templates.booklet import (
    ContentsLine,
    Cover,
    contents_bytes,
    cover_bytes,
    page_numbers_bytes,
)
from reporter.workspace import Workspace, open_workspace

BOOKLET_NAME = "汇编.pdf"
#: Bookmark titles and page labels of the booklet's cover and 目录.
COVER, CONTENTS = "封面", "目录"
#: The name of the document printing the booklet's page numbers (never part of the booklet).
PAGE_NUMBERS = "页码"
#: Lines of the documents' grid on a page (the 目录 is set on it).
LINES_PER_PAGE = 22


def output_documents(ws: Workspace, order: tuple[str, ...], units: Sequence[str] = ()) -> list[Path]:
    """The generated .docx files of the document types named by ``order``; the documents of a
    per-unit set in the order of ``units`` (short names: their file stems), any others after
    them by name."""
    rank = {short: i for i, short in enumerate(units)}
    found = []
    for name in order:
        paths = BY_NAME[name].outputs_in(ws.outputs)
        found.extend(sorted(paths, key=lambda p: (rank.get(p.stem, len(rank)), p.stem)))
    return found


def _stale(doc: Path) -> bool:
    pdf_path = doc.with_suffix(".pdf")
    return not pdf_path.exists() or pdf_path.stat().st_mtime < doc.stat().st_mtime


def back_matter_on_even_page(doc: Path, pages: int, attempt: int) -> bytes | None:
    """``pdf.Redo`` for documents with a 版记, which belongs on the last page, an even one:
    when the PDF ends on an odd page, the document again with its 版记 on the next page
    (first try), or after a blank page (second try: the 版记 was alone on the odd page, the
    text having filled the page before)."""
    if pages % 2 == 0:
        return None
    data = doc.read_bytes()
    if not has_back_matter(data):
        return None
    return back_matter_later(data, blank_pages=attempt - 1)


class PageCut:
    """``publish.table_pages.Paging`` done by ``render.page_cut``: long tables handed to
    LibreOffice one printed page at a time."""

    def tables(self, docx: bytes) -> list[PageableTable]:
        return page_cut.pageable_tables(docx)

    def probe(self, docx: bytes, table: int, pages: Mapping[int, Sequence[int]]) -> TableProbe:
        return page_cut.probe(docx, table, pages)

    def cut(self, docx: bytes, pages: Mapping[int, Sequence[int]]) -> bytes:
        return page_cut.cut(docx, pages)


def build_pdfs(root: str | Path, files: list[Path] | None = None, force: bool = False,
               progress: Progress = no_progress, idle_seconds: float | None = None) -> list[Path]:
    """Convert .docx outputs to PDF next to them: the given files, or every document whose PDF
    is missing or older than the document (all of them with ``force``). Every PDF is checked
    to hold all the characters of its document's body and tables before it is written; a
    document whose 版记 lands on an odd page is converted again with it on the next page.
    A LibreOffice call is stopped after ``idle_seconds`` without progress (default: the
    configured ``[limits] pdf_idle_seconds``); a document that fails fails alone, the others
    are written."""
    ws = open_workspace(root)
    if files:
        missing = [f for f in files if not Path(f).is_file()]
        if missing:
            raise UsageError("找不到文件：" + "、".join(str(f) for f in missing))
        docs = [Path(f) for f in files]
        _only_outputs(ws, docs)
    else:
        docs = [d for d in output_documents(ws, tuple(spec.name for spec in DOCUMENTS)) if force or _stale(d)]
    with locked(ws.outputs):
        idle = idle_seconds if idle_seconds is not None else ws.campaign.pdf_idle_seconds
        return pdf.convert(docs, progress=progress, idle=idle,
                           expected_text=lambda doc: docx_text(doc, ws.relative(doc)),
                           display=ws.relative, redo=back_matter_on_even_page, paging=PageCut())


def _only_outputs(ws: Workspace, docs: list[Path]) -> None:
    """A usage error unless every file is a .docx inside the workspace's outputs (links followed):
    LibreOffice is given only documents reporter wrote, and writes its PDF only there."""
    outputs = ws.outputs.resolve()
    strangers = [d for d in docs if d.suffix.lower() != ".docx" or not d.resolve().is_relative_to(outputs)]
    if strangers:
        raise UsageError("只能转换本工作目录 outputs/ 中由 reporter 生成的 .docx 文件，以下文件不在其中："
                         + "、".join(str(d) for d in strangers) + "（请先用 reporter report 等命令生成）")


def build_booklet(root: str | Path, progress: Progress = no_progress) -> Path:
    """Make outputs/汇编.pdf: a cover, a 目录 and the PDF of every document, each starting on
    an odd page, with bookmarks and page labels, every page printing the page number the
    目录 gives for it (the booklet's, or with ``[booklet] numbering = "每份"`` each part's),
    landscape pages turned upright (see ``publish.booklet``).

    The documents come in the configured booklet order, the per-unit ones in the configured
    order of the units. The cover and the 目录 are documents converted by LibreOffice like
    every other, so this needs LibreOffice too (ToolError, exit code 3, without it).
    """
    ws = open_workspace(root)
    campaign = ws.campaign
    docs = output_documents(ws, campaign.booklet_order, [unit.short for unit in campaign.units])
    if not docs:
        raise InputError([Problem("outputs", "还没有生成任何文件，请先运行 reporter report / tasks / notice")])
    stale = [d for d in docs if _stale(d)]
    if stale:
        raise InputError([Problem(ws.relative(d), "还没有转换为 PDF（或 PDF 比文档旧）") for d in stale],
                         "请先运行 reporter pdf，再生成汇编")
    entries = []
    for doc in docs:
        spec = BY_NAME[doc.parent.name] if doc.parent != ws.outputs else BY_NAME[doc.stem]
        entries.append(booklet.BookletEntry(doc.stem, doc.with_suffix(".pdf"), spec.booklet_group))
    try:
        soffice = pdf.find_soffice()
    except ToolError as e:
        raise ToolError(f"未找到 LibreOffice（soffice），无法生成汇编的封面和目录。{pdf.INSTALL_HINT}") from e
    title = f"{campaign.region}“{campaign.name}”{campaign.period.label}材料汇编"
    with locked(ws.outputs), tempfile.TemporaryDirectory(prefix="reporter-booklet-", dir=scratch.current()) as folder:
        counts = booklet.page_counts([entry.pdf for entry in entries])
        front = _front_matter(campaign, entries, counts, Path(folder), soffice, progress)
        after_front = booklet.place(booklet.page_counts([part.pdf for part in front]))[-1].following
        placements = booklet.place(counts, first=after_front)
        highest = max(booklet.page_numbers(entries, placements, campaign.booklet_per_part).values())
        numbers = _page_numbers(campaign, highest, Path(folder), soffice, progress)
        return booklet.make_booklet(entries, ws.outputs / BOOKLET_NAME, title, campaign.office, front,
                                    folios=numbers, per_part=campaign.booklet_per_part)


def _page_numbers(campaign: Campaign, pages: int, folder: Path, soffice: str, progress: Progress) -> Path:
    """The PDF whose page k prints the page number k as the documents print theirs."""
    docx = folder / f"{PAGE_NUMBERS}.docx"
    docx.write_bytes(page_numbers_bytes(pages, campaign.office, document_stamp(campaign)))
    return pdf.convert([docx], progress=progress, workers=1, soffice=soffice, idle=campaign.pdf_idle_seconds,
                       display=lambda path: f"{BOOKLET_NAME}（{path.stem}）")[0]


def _contents_lines(items: list[booklet.ContentsItem]) -> list[ContentsLine]:
    return [ContentsLine(f"{cnfmt.heading(item.number, 1)}{item.title}" if item.number else item.title,
                         item.printed, item.level) for item in items]


def _front_matter(campaign: Campaign, entries: list[booklet.BookletEntry], counts: list[int], folder: Path,
                  soffice: str, progress: Progress) -> list[booklet.FrontPart]:
    """The cover and the 目录 as PDFs in ``folder``, the 目录 giving the booklet page each
    document starts on.

    Those pages depend on how many pages the 目录 itself takes, known only once it is
    converted: it is made for a guess from its number of lines and made again when the
    guess was wrong (its length does not depend on the numbers it prints).
    """
    stamp = document_stamp(campaign)
    date = cnfmt.cn_date(campaign.report_date) if campaign.report_date else ""
    cover = Cover(f"{campaign.region}“{campaign.name}”", "材料汇编", campaign.period.label, campaign.office, date)
    cover_docx, contents_docx = folder / f"{COVER}.docx", folder / f"{CONTENTS}.docx"
    cover_docx.write_bytes(cover_bytes(cover, campaign.office, stamp))

    def convert(docs: list[Path]) -> list[Path]:
        return pdf.convert(docs, progress=progress, workers=1, soffice=soffice, idle=campaign.pdf_idle_seconds,
                           expected_text=lambda doc: docx_text(doc, f"{BOOKLET_NAME}（{doc.stem}）"),
                           display=lambda path: f"{BOOKLET_NAME}（{path.stem}）")

    per_part = campaign.booklet_per_part
    entry_count = len(booklet.contents(entries, booklet.place(counts)))
    front = [1, math.ceil((entry_count + 2) / LINES_PER_PAGE)]
    pdfs: list[Path] = []
    for _attempt in range(3):
        placements = booklet.place(counts, first=booklet.place(front)[-1].following)
        lines = _contents_lines(booklet.contents(entries, placements, per_part))
        contents_docx.write_bytes(contents_bytes(lines, campaign.office, stamp))
        pdfs = convert([contents_docx] if pdfs else [cover_docx, contents_docx])
        made = booklet.page_counts([folder / f"{COVER}.pdf", folder / f"{CONTENTS}.pdf"])
        if made == front:
            return [booklet.FrontPart(COVER, folder / f"{COVER}.pdf"),
                    booklet.FrontPart(CONTENTS, folder / f"{CONTENTS}.pdf")]
        front = made
    raise RuntimeError(f"the 目录's page count does not settle: {front}")
