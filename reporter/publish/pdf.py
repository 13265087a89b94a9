"""PDF output: .docx to PDF through LibreOffice.

``convert`` hands the documents to LibreOffice in calls made by a pool of a few worker threads,
longest first (``pdf_calls``); a call is stopped only when it has produced nothing for ``idle``
seconds, and the documents of a call that failed are converted again alone, so a bad or slow
document fails only itself. Long tables go to LibreOffice one printed page at a time when the
caller says how (``paging``, see ``table_pages``). A document may be converted again, changed,
after its page count is seen (``Redo``). Given each document's text, every character of it
must be in the PDF (``pdftext``), since LibreOffice can drop one without a sign. Progress
counts documents and their pages. The PDFs that came out whole are written together
(``OutputBatch``); the documents that failed are named one by one, each with its reason, and
their old PDFs are left as they were.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reporter.errors import InputError, Problem, ToolError
from reporter.feedback import Progress
from reporter.publish import scratch
from reporter.publish.files import OutputBatch
from reporter.publish.pdf_calls import Caller, CallPlan, Job, weight
from reporter.publish.pdf_pool import Conversions, Converted, Outcome
from reporter.publish.pdftext import missing_characters, page_texts
from reporter.publish.soffice import FONTS_CONF, INSTALL_HINT, find_soffice
from reporter.publish.table_pages import Paging

__all__ = ["FONTS_CONF", "INSTALL_HINT", "MAX_REDO", "Converted", "Redo", "convert",
           "find_soffice"]

#: ``redo(docx, pages, attempt)``: after the PDF of ``docx`` came out with ``pages`` pages,
#: the .docx bytes to convert instead (a page break moved, say), or None to keep that PDF.
#: ``attempt`` counts the tries of one document from 1.
Redo = Callable[[Path, int, int], "bytes | None"]
#: At most this many more conversions of one document.
MAX_REDO = 2
#: Documents whose body's XML is smaller than this have no table long enough to cut.
CUT_WEIGHT = 200_000


def convert(docx_files: Sequence[Path], out_dir_for: Callable[[Path], Path] | None = None,
            progress: Progress | None = None, workers: int = 2, idle: float | None = None,
            soffice: str | None = None, expected_text: Callable[[Path], str] | None = None,
            display: Callable[[Path], str] = str, redo: Redo | None = None,
            paging: Paging | None = None) -> list[Path]:
    """Convert every .docx to a PDF of the same stem; returns the PDFs in input order.

    Each PDF goes to ``out_dir_for(docx)``, by default the .docx's own folder. ``workers``
    LibreOffice calls run side by side (each with its own throwaway profile and reporter's
    fontconfig file), taking the documents longest first; a call is stopped once it has
    produced nothing for ``idle`` seconds (None: never; commands pass ``[limits]
    pdf_idle_seconds``). ``progress(items, label)`` wraps an
    iterable to show a bar: it yields a ``Converted`` as each document is done. ``soffice``
    is the program to run (default: ``find_soffice()``). ``paging`` cuts long tables for
    LibreOffice (``table_pages.Paging``).

    ``expected_text(docx)``, when given, is the text the document prints (body and tables);
    every character of it must be in the PDF's text, or that PDF is not written.
    ``display(path)`` names a file in messages (default: the path as given). ``redo`` (see
    ``Redo``) may ask for a document to be converted again, changed, after seeing how many
    pages its PDF has; the last PDF made of it is the one kept.

    Every PDF that came out whole (and checked) is written, all together; then, if any
    document failed, ToolError (exit code 3) names each with its reason (its old PDF kept).
    Raises InputError when a .docx is missing or two of them would give the same PDF,
    ToolError when LibreOffice is absent or cannot start. Temporary files are always removed.
    """
    sources = [Path(p) for p in docx_files]
    if not sources:
        return []
    destinations = [(out_dir_for(src) if out_dir_for is not None else src.parent) / f"{src.stem}.pdf"
                    for src in sources]
    _refuse_bad_inputs(sources, destinations)
    binary = soffice if soffice is not None else find_soffice()

    root = Path(tempfile.mkdtemp(prefix="reporter-pdf-", dir=scratch.current()))
    cancel = threading.Event()
    outcomes = [Outcome() for _ in sources]
    try:
        caller = Caller(binary, root, idle, cancel, paging)
        plan = CallPlan(max(1, workers))
        for key, source in enumerate(sources):
            heavy = weight(source)
            plan.add(Job(key, source, heavy, cut=heavy >= CUT_WEIGHT and _has_long_tables(source, paging)))

        def settle(job: Job) -> Job | None:
            return _settle(job, sources[job.key], outcomes[job.key], root, redo, expected_text)

        with ThreadPoolExecutor(max_workers=plan.workers, thread_name_prefix="pdf") as pool:
            run: Conversions | None = None
            try:  # the first calls start as ``run`` is made: a Ctrl-C then must stop them too
                run = Conversions(pool, plan, caller, settle, sources, outcomes)
                for _ in (run if progress is None else progress(run, "转换 PDF")):
                    pass
            finally:  # Ctrl-C, or an error: no call starts, the running ones stop, the pool ends
                cancel.set()
                if run is not None:
                    run.stop()
        written = _write(outcomes, destinations)
        failures = [(src, dest, outcome) for src, dest, outcome in zip(sources, destinations, outcomes)
                    if outcome.failure is not None]
        if failures:
            raise ToolError(_failure_report(failures, written, display))
        return destinations
    finally:
        cancel.set()
        shutil.rmtree(root, ignore_errors=True)


def _refuse_bad_inputs(sources: list[Path], destinations: list[Path]) -> None:
    problems = [Problem(str(src), "文件不存在") for src in sources if not src.is_file()]
    first_of: dict[Path, Path] = {}
    for src, dest in zip(sources, destinations):
        key = dest.resolve()
        if key in first_of:
            problems.append(Problem(str(src), f"与 {first_of[key]} 会生成同一个 PDF：{dest}"))
        else:
            first_of[key] = src
    if problems:
        raise InputError(problems, "PDF 未生成。")


def _has_long_tables(source: Path, paging: Paging | None) -> bool:
    if paging is None:
        return False
    try:
        return bool(paging.tables(source.read_bytes()))
    except ValueError:  # not a document the cut can read: LibreOffice gets it as it is
        return False


def _settle(job: Job, source: Path, outcome: Outcome, root: Path, redo: Redo | None,
            expected_text: Callable[[Path], str] | None) -> Job | None:
    """In a worker: ``job`` has its PDF or has failed. The document to convert again when
    ``redo`` asks for it; else None, with its PDF's pages counted and its text checked."""
    outcome.attempts += 1
    again = f"（第{outcome.attempts}次转换）" if outcome.attempts > 1 else ""
    if job.pdf is None:
        outcome.failure = f"{job.failure or 'LibreOffice 没有生成 PDF'}{again}"
        return None
    pages = _page_count(job.pdf)
    if redo is not None and outcome.attempts <= MAX_REDO:
        data = redo(source, pages, outcome.attempts) if pages else None
        if data is not None:
            changed = root / f"redo{outcome.attempts}" / f"{job.key:04d}.docx"
            changed.parent.mkdir(exist_ok=True)
            changed.write_bytes(data)
            return Job(job.key, changed, job.weight, cut=job.cut, plan=job.plan)
    outcome.pdf, outcome.pages = job.pdf, pages
    if expected_text is not None:
        outcome.failure = _text_lost(source, job.pdf, expected_text)
    return None


def _page_count(pdf: Path) -> int:
    """The pages of a PDF LibreOffice made; 0 when pypdf cannot read it (the text check, if
    any, says so)."""
    try:
        return len(PdfReader(pdf).pages)
    except (PyPdfError, ValueError, OSError, KeyError, TypeError):
        return 0


def _text_lost(source: Path, pdf: Path, expected_text: Callable[[Path], str]) -> str | None:
    """Why ``pdf`` must not be written: it cannot be read, or it lacks characters of its
    document's text; None when every character is there."""
    try:
        pages = page_texts(pdf)
    except ValueError as e:
        return f"LibreOffice 生成的 PDF 无法读取（{e}）"
    missing = missing_characters(expected_text(source), pages)
    if missing:
        return f"{missing.describe()}（LibreOffice 转换时丢失）"
    return None


def _write(outcomes: list[Outcome], destinations: list[Path]) -> int:
    """Move every PDF that came out whole into place; how many."""
    good = [(outcome.pdf, dest) for outcome, dest in zip(outcomes, destinations)
            if outcome.failure is None and outcome.pdf is not None]
    if good:
        with OutputBatch() as out:
            for pdf, dest in good:
                out.add(dest, pdf.read_bytes())
    return len(good)


def _failure_report(failures: list[tuple[Path, Path, Outcome]], written: int,
                    display: Callable[[Path], str]) -> str:
    """One line per failed document, then what was written and what to do."""
    lines = []
    lost = False
    for source, destination, outcome in failures:
        kept = "，原有文件保持不变" if destination.exists() else ""
        if outcome.pdf is not None:  # converted, but its text check failed
            lost = lost or "转换时丢失" in (outcome.failure or "")
            lines.append(f"{display(destination)}: {outcome.failure}，未写入 PDF{kept}")
        else:
            lines.append(f"{display(source)}: {outcome.failure}，未生成 PDF{kept}")
    if written:
        lines.append(f"其余 {written} 个 PDF 已转换并写入")
    if lost:
        lines.append("请在 Word 或 WPS 中打开文档查看这些页：文字若在页面之外（如表格过宽），请修改模板；"
                     "否则是 LibreOffice 的排版缺陷，可在 Word 或 WPS 中另存为 PDF")
    return "\n".join(lines)
