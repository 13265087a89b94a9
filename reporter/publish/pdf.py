"""PDF output: .docx to PDF through LibreOffice.

``convert`` hands the documents to LibreOffice (``soffice``) in a few large batches run side
by side, showing progress and stopping them all when one fails. It may convert a document
again, changed, after seeing its page count (``Redo``). Given each document's text, it
checks that every character of it is in the PDF (``pdftext``), since LibreOffice can drop
one without a sign. It writes its outputs all at once through ``OutputBatch``, so a failure
leaves existing files untouched.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reporter.errors import InputError, Problem, ToolError
from reporter.feedback import Progress
from reporter.publish import scratch
from reporter.publish.files import OutputBatch
from reporter.publish.pdftext import missing_characters, page_texts
from reporter.publish.soffice import (
    FONTS_CONF,
    INSTALL_HINT,
    Batch,
    find_soffice,
    names,
    run_batch,
    split_batches,
)

__all__ = ["FONTS_CONF", "INSTALL_HINT", "MAX_REDO", "Redo", "convert", "find_soffice"]

#: ``redo(docx, pages, attempt)``: after the PDF of ``docx`` came out with ``pages`` pages,
#: the .docx bytes to convert instead (a page break moved, say), or None to keep that PDF.
#: ``attempt`` counts the tries of one document from 1.
Redo = Callable[[Path, int, int], "bytes | None"]
#: At most this many more conversions of one document.
MAX_REDO = 2


def _iterate(progress: Progress | None, items: list[Any], label: str) -> Iterable[Any]:
    return items if progress is None else progress(items, label)


def convert(docx_files: Sequence[Path], out_dir_for: Callable[[Path], Path] | None = None,
            progress: Progress | None = None, workers: int = 2, timeout: float = 300,
            soffice: str | None = None, expected_text: Callable[[Path], str] | None = None,
            display: Callable[[Path], str] = str, redo: Redo | None = None) -> list[Path]:
    """Convert every .docx to a PDF of the same stem; returns the PDFs in input order.

    Each PDF goes to ``out_dir_for(docx)``, by default the .docx's own folder. The files
    are split into ``workers`` batches converted side by side, one ``soffice`` call each
    (with its own throwaway profile and reporter's fontconfig file). ``timeout`` bounds
    each call in seconds. ``progress(items, label)`` wraps an iterable to show a bar; it
    advances once per converted file. ``soffice`` is the program to run (default:
    ``find_soffice()``).

    ``expected_text(docx)``, when given, is the text the document prints (body and
    tables); every character of it must be in the PDF's text, or the PDF is not written.
    ``display(path)`` names a file in messages (default: the path as given).
    ``redo`` (see ``Redo``) may ask for a document to be converted again, changed, after
    seeing how many pages its PDF has; the last PDF made of it is the one kept.

    All or nothing: the PDFs are moved into place only when every one was produced (and
    checked). Raises InputError when a .docx is missing or two of them would give the
    same PDF, ToolError (exit code 3) when LibreOffice is absent, fails, times out, exits
    without writing a PDF, or left characters out. Temporary files are always removed.
    """
    sources = [Path(p) for p in docx_files]
    if not sources:
        return []
    destinations = [
        (out_dir_for(src) if out_dir_for is not None else src.parent) / f"{src.stem}.pdf"
        for src in sources
    ]
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
    binary = soffice if soffice is not None else find_soffice()

    root = Path(tempfile.mkdtemp(prefix="reporter-pdf-", dir=scratch.current()))
    cancel = threading.Event()
    events: queue.Queue[BaseException | None] = queue.Queue()
    try:
        batches = [Batch(part, root / f"batch{i}")
                   for i, part in enumerate(split_batches(sources, workers))]

        def work(batch: Batch) -> None:
            ticked = 0

            def tick() -> None:
                nonlocal ticked
                if ticked < len(batch.sources):
                    ticked += 1
                    events.put(None)

            try:
                run_batch(binary, batch, timeout, cancel, tick)
            except BaseException as e:
                events.put(e)
                raise
            finally:
                for _ in range(len(batch.sources) - ticked):
                    events.put(None)

        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            try:
                futures = [pool.submit(work, b) for b in batches]
                for _ in _iterate(progress, list(range(len(sources))), "转换 PDF"):
                    event = _next_event(events)
                    if event is not None:
                        raise event
                for future in futures:
                    future.result()
            except BaseException:
                cancel.set()
                raise

        missing = [src for batch in batches
                   for src, pdf in zip(batch.sources, batch.outputs)
                   if not pdf.is_file() or pdf.stat().st_size == 0]
        if missing:
            raise ToolError(f"LibreOffice 没有生成 PDF（文件可能已损坏或无法打开）：{names(missing)}")

        produced = [pdf for batch in batches for pdf in batch.outputs]
        if redo is not None:
            produced = _redo(binary, sources, produced, redo, root, timeout, cancel)
        if expected_text is not None:
            _check_text(list(zip(sources, produced, destinations)), expected_text, display, progress)
        with OutputBatch() as out:
            for pdf, dest in zip(produced, destinations):
                out.add(dest, pdf.read_bytes())
        return destinations
    finally:
        cancel.set()
        shutil.rmtree(root, ignore_errors=True)


def _page_count(pdf: Path) -> int:
    try:
        return len(PdfReader(pdf).pages)
    except (PyPdfError, ValueError, OSError) as e:
        raise ToolError(f"LibreOffice 生成的 PDF 无法读取（{e}）：{pdf.name}") from e


def _redo(binary: str, sources: list[Path], produced: list[Path], redo: Redo, root: Path,
          timeout: float, cancel: threading.Event) -> list[Path]:
    """The PDFs after converting again, in one soffice call per round, the documents
    ``redo`` gives new contents for; at most ``MAX_REDO`` rounds."""
    current = list(produced)
    for attempt in range(1, MAX_REDO + 1):
        todo = []
        for i, (source, pdf) in enumerate(zip(sources, current)):
            data = redo(source, _page_count(pdf), attempt)
            if data is not None:
                todo.append((i, data))
        if not todo:
            break
        folder = root / f"redo{attempt}"
        (folder / "docx").mkdir(parents=True)
        changed = []
        for i, data in todo:
            changed.append(folder / "docx" / f"{i:04d}.docx")
            changed[-1].write_bytes(data)
        batch = Batch(changed, folder / "batch")
        run_batch(binary, batch, timeout, cancel, lambda: None)
        for (i, _data), pdf in zip(todo, batch.outputs):
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise ToolError(f"LibreOffice 没有生成 PDF（第{attempt + 1}次转换）：{sources[i]}")
            current[i] = pdf
    return current


def _check_text(items: list[tuple[Path, Path, Path]], expected_text: Callable[[Path], str],
                display: Callable[[Path], str], progress: Progress | None) -> None:
    """Raise ToolError naming every PDF that lacks characters of its document's text.

    ``items`` are (docx, produced PDF, destination) triples; nothing has been written yet.
    """
    failures: list[str] = []
    lost = False
    for source, pdf, destination in _iterate(progress, items, "核对 PDF 文字"):
        kept = "，原有文件保持不变" if destination.exists() else ""
        try:
            pages = page_texts(pdf)
        except ValueError as e:
            failures.append(f"{display(destination)}: LibreOffice 生成的 PDF 无法读取（{e}），未写入 PDF{kept}")
            continue
        missing = missing_characters(expected_text(source), pages)
        if missing:
            lost = True
            failures.append(f"{display(destination)}: {missing.describe()}（LibreOffice 转换时丢失），"
                            f"未写入 PDF{kept}")
    if not failures:
        return
    others = len(items) - len(failures)
    if others:
        failures.append(f"其余 {others} 个 PDF 核对无误，但也未写入：全部核对无误后才一起写入")
    if lost:
        failures.append("请在 Word 或 WPS 中打开文档查看这些页：文字若在页面之外（如表格过宽），请修改模板；"
                        "否则是 LibreOffice 的排版缺陷，可在 Word 或 WPS 中另存为 PDF")
    raise ToolError("\n".join(failures))


def _next_event(events: queue.Queue) -> BaseException | None:
    """The next progress event, waiting in short steps so Ctrl-C is seen at once."""
    while True:
        try:
            return events.get(timeout=0.5)
        except queue.Empty:
            continue
