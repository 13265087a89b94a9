"""PDF output: .docx to PDF through LibreOffice.

The only module that runs outside programs (``subprocess``).

``convert`` hands the documents to ``soffice --headless --convert-to pdf`` in a few large
batches run side by side, each with its own throwaway LibreOffice profile and with
``FONTCONFIG_FILE`` pointing at ``fonts.conf`` next to this module (the Windows font
names of the documents mapped to free fonts). Given each document's text, it checks that
every character of it is in the PDF (``pdftext``), since LibreOffice can drop one without
a sign. It writes its outputs all at once through ``OutputBatch``, so a failure leaves
existing files untouched.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reporter.errors import InputError, Problem, ToolError
from reporter.feedback import Progress
from reporter.publish.files import OutputBatch
from reporter.publish.pdftext import missing_characters, page_texts

#: How to install LibreOffice and the fonts (scripts/install-system-deps.sh).
INSTALL_HINT = ("请先安装：sudo make system-deps"
                "（或 sudo apt-get install --no-install-recommends libreoffice-writer-nogui "
                "fonts-noto-cjk fonts-liberation2）")

#: The fontconfig file given to LibreOffice.
FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"

#: Seconds between looks at a running LibreOffice (progress, timeout, cancellation).
_POLL = 0.1

#: ``redo(docx, pages, attempt)``: after the PDF of ``docx`` came out with ``pages`` pages,
#: the .docx bytes to convert instead (a page break moved, say), or None to keep that PDF.
#: ``attempt`` counts the tries of one document from 1.
Redo = Callable[[Path, int, int], "bytes | None"]
#: At most this many more conversions of one document.
MAX_REDO = 2



def find_soffice() -> str:
    """The path of the LibreOffice program (``soffice`` or ``libreoffice`` on PATH).

    Raises ToolError (exit code 3) with the install command when it is absent.
    """
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ToolError(f"未找到 LibreOffice（soffice），无法生成 PDF。{INSTALL_HINT}")
    return found


# --- conversion ---------------------------------------------------------------------------


@dataclass
class _Batch:
    """One soffice call: the documents it converts and its private working folder.

    Inputs are copied to ``in/0001.docx`` … so names never collide, start with ``-`` or
    need any encoding; LibreOffice writes ``out/0001.pdf`` …; ``profile/`` is its user
    profile, thrown away afterwards.
    """

    sources: list[Path]
    folder: Path

    @property
    def inputs(self) -> list[Path]:
        return [self.folder / "in" / f"{i:04d}.docx" for i in range(1, len(self.sources) + 1)]

    @property
    def outputs(self) -> list[Path]:
        return [self.folder / "out" / f"{i:04d}.pdf" for i in range(1, len(self.sources) + 1)]


def _split(items: Sequence[Path], parts: int) -> list[list[Path]]:
    """``items`` in at most ``parts`` contiguous, nearly equal, non-empty slices."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def _names(paths: Iterable[Path]) -> str:
    return "、".join(str(p) for p in paths)


def _soffice_env() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the process group started for ``proc`` (soffice and its children) and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _run_batch(soffice: str, batch: _Batch, timeout: float, cancel: threading.Event,
               tick: Callable[[], None]) -> None:
    """Run one soffice call for ``batch``; ``tick()`` once for each PDF seen appearing.

    Raises ToolError when soffice cannot start, fails, or runs longer than ``timeout``
    seconds (its process group is killed), and stops it quietly when ``cancel`` is set.
    """
    (batch.folder / "in").mkdir(parents=True)
    (batch.folder / "out").mkdir()
    (batch.folder / "profile").mkdir()
    for source, copy in zip(batch.sources, batch.inputs):
        shutil.copyfile(source, copy)
    command = [
        soffice, "--headless", "--invisible", "--nologo", "--nodefault", "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={(batch.folder / 'profile').as_uri()}",
        "--convert-to", "pdf", "--outdir", str(batch.folder / "out"),
        *(str(p) for p in batch.inputs),
    ]
    log_path = batch.folder / "soffice.log"
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, env=_soffice_env(),
                                    cwd=batch.folder, start_new_session=True)
        except OSError as e:
            raise ToolError(f"无法启动 LibreOffice（{soffice}）：{e.strerror or e}。"
                            f"{INSTALL_HINT}") from e
        deadline = time.monotonic() + timeout
        seen: set[Path] = set()
        try:
            while True:
                try:
                    returncode = proc.wait(timeout=_POLL)
                    break
                except subprocess.TimeoutExpired:
                    pass
                for pdf in batch.outputs:
                    if pdf not in seen and pdf.exists():
                        seen.add(pdf)
                        tick()
                if cancel.is_set():
                    _kill_group(proc)
                    return
                if time.monotonic() > deadline:
                    _kill_group(proc)
                    raise ToolError(f"LibreOffice 转换超时（超过 {timeout:g} 秒），已终止："
                                    f"{_names(batch.sources)}")
        finally:
            if proc.poll() is None:  # an exception from tick() or the like
                _kill_group(proc)
    if returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        detail = f"：{' / '.join(tail)}" if tail else ""
        raise ToolError(f"LibreOffice 转换失败（退出码 {returncode}）{detail}："
                        f"{_names(batch.sources)}")


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

    root = Path(tempfile.mkdtemp(prefix="reporter-pdf-"))
    cancel = threading.Event()
    events: queue.Queue[BaseException | None] = queue.Queue()
    try:
        batches = [_Batch(part, root / f"batch{i}")
                   for i, part in enumerate(_split(sources, workers))]

        def work(batch: _Batch) -> None:
            ticked = 0

            def tick() -> None:
                nonlocal ticked
                if ticked < len(batch.sources):
                    ticked += 1
                    events.put(None)

            try:
                _run_batch(binary, batch, timeout, cancel, tick)
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
            raise ToolError(f"LibreOffice 没有生成 PDF（文件可能已损坏或无法打开）：{_names(missing)}")

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
        batch = _Batch(changed, folder / "batch")
        _run_batch(binary, batch, timeout, cancel, lambda: None)
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
