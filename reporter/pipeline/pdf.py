"""``reporter pdf`` and ``reporter booklet``: the documents as PDFs, and all of them in one booklet."""

from __future__ import annotations

from pathlib import Path

from reporter.documents.catalog import BY_NAME, DOCUMENTS
from reporter.errors import InputError, Problem, UsageError
from reporter.feedback import Progress, no_progress
from reporter.publish import booklet, pdf
from reporter.publish.files import locked
from reporter.render.backmatter import back_matter_later, has_back_matter
from reporter.render.docxtext import docx_text
from reporter.workspace import Workspace, open_workspace

BOOKLET_NAME = "汇编.pdf"


def output_documents(ws: Workspace, order: tuple[str, ...]) -> list[Path]:
    """The generated .docx files of the document types named by ``order``."""
    return [path for name in order for path in BY_NAME[name].outputs_in(ws.outputs)]


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


def build_pdfs(root: str | Path, files: list[Path] | None = None, force: bool = False,
               progress: Progress = no_progress) -> list[Path]:
    """Convert .docx outputs to PDF next to them: the given files, or every document whose PDF
    is missing or older than the document (all of them with ``force``). Every PDF is checked
    to hold all the characters of its document's body and tables before any is written; a
    document whose 版记 lands on an odd page is converted again with it on the next page."""
    ws = open_workspace(root)
    if files:
        missing = [f for f in files if not Path(f).is_file()]
        if missing:
            raise UsageError("找不到文件：" + "、".join(str(f) for f in missing))
        docs = [Path(f) for f in files]
    else:
        docs = [d for d in output_documents(ws, tuple(spec.name for spec in DOCUMENTS)) if force or _stale(d)]
    with locked(ws.outputs):
        return pdf.convert(docs, progress=progress,
                           expected_text=lambda doc: docx_text(doc, ws.relative(doc)),
                           display=ws.relative, redo=back_matter_on_even_page)


def build_booklet(root: str | Path) -> Path:
    """Merge the PDFs of every document into outputs/汇编.pdf, with bookmarks and page labels."""
    ws = open_workspace(root)
    campaign = ws.campaign
    docs = output_documents(ws, campaign.booklet_order)
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
    title = f"{campaign.region}“{campaign.name}”{campaign.period.label}材料汇编"
    with locked(ws.outputs):
        return booklet.make_booklet(entries, ws.outputs / BOOKLET_NAME, title, campaign.office)
