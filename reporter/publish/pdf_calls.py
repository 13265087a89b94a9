"""The LibreOffice calls of a PDF run, shared among a few workers.

Documents are taken longest first (by the size of their text, ``weight``), so the longest
starts at once and the short ones fill the other workers around it. A heavy document, or one
whose long tables are cut at their pages (``table_pages``), has a call of its own; the others
go together, several to a call (a worker's share of what is left, within bounds), so that
LibreOffice starts seldom (about 1.4 s each time) and, the calls growing shorter towards the
end, the workers finish about together.
A call that fails (an exit
code, no progress for too long, documents without a PDF) fails no document yet: LibreOffice
takes its documents in order, so the first without a PDF, the one it was on, is converted
again alone, and those it never reached go back to be converted with the others; only what
fails alone fails, with its reason.

``CallPlan`` decides the calls (in the thread that runs the conversion, ``pdf.convert``);
``Caller.call`` makes one, in a worker thread of its pool: the work is LibreOffice's, in
processes of its own.
"""

from __future__ import annotations

import itertools
import math
import shutil
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reporter.errors import ToolError
from reporter.publish import soffice
from reporter.publish.table_pages import Paging, Plan, convert_cut, plan_document

#: At most this many documents in one call: LibreOffice 7.4 has been seen to stop converting
#: after 242 documents of one command line, quietly, exiting 0.
MOST_PER_CALL = 100
#: At least this many in a call that can have them: each call costs LibreOffice's start-up.
LEAST_PER_CALL = 20
#: A document with more text than this (bytes of its body's XML) has a call of its own.
ALONE_WEIGHT = 1_000_000
#: Why a document came out without a PDF and without a word from LibreOffice.
NO_PDF = "LibreOffice 没有生成 PDF（文件可能已损坏或无法打开）"


def _alone(job: Job) -> bool:
    return job.cut or job.weight >= ALONE_WEIGHT


def weight(docx: Path) -> int:
    """How much work a document is for LibreOffice: the size of its body's XML (its file's
    size when that cannot be read)."""
    try:
        with zipfile.ZipFile(docx) as archive:
            return archive.getinfo("word/document.xml").file_size
    except (zipfile.BadZipFile, KeyError, OSError):
        try:
            return docx.stat().st_size
        except OSError:
            return 0


@dataclass(eq=False)
class Job:
    """One conversion: the .docx given to LibreOffice, for the caller's document ``key``, and
    what came of it: the PDF (in the run's folder) or why there is none. ``plan`` carries how
    its long tables were cut, for a later conversion of the same document."""

    key: int
    source: Path
    weight: int
    cut: bool = False
    plan: Plan | None = None
    pdf: Path | None = None
    failure: str | None = None


@dataclass
class CallPlan:
    """The jobs of one run not yet given to LibreOffice, and how they are grouped into calls:
    ``take`` the next call's jobs (longest first), ``add`` a job, ``put_back`` what a failed
    call did not convert. Used by one thread only."""

    workers: int
    _pending: list[Job] = field(default_factory=list)
    _retry: list[Job] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self._pending or self._retry)

    def add(self, job: Job) -> None:
        self._pending.append(job)
        self._pending.sort(key=lambda j: -j.weight)

    def take(self) -> list[Job] | None:
        """The next call's jobs, or None when none is waiting."""
        if self._retry:
            return [self._retry.pop(0)]
        if not self._pending:
            return None
        if _alone(self._pending[0]):
            count = 1
        else:
            # A worker's share of what is left: smaller calls as the end nears, so that the
            # workers finish about together.
            share = math.ceil(len(self._pending) / max(1, self.workers))
            count = min(MOST_PER_CALL, max(LEAST_PER_CALL, share))
            count = next((i for i, job in enumerate(self._pending[:count]) if _alone(job)), count)
        taken, self._pending = self._pending[:count], self._pending[count:]
        return taken

    def put_back(self, missing: list[Job]) -> None:
        """The jobs a call of several left without a PDF. LibreOffice takes its documents in
        order: the first without a PDF is the one it was on when it failed or stopped. That one
        is tried again alone; those it never reached go back among the others."""
        if missing:
            self._retry.append(missing[0])
            for job in missing[1:]:
                self.add(job)


@dataclass
class Caller:
    """How the calls of one run are made: ``program`` with each call in a folder of its own
    under ``root``, stopped when it has produced nothing for ``idle`` seconds or once
    ``cancel`` is set; ``paging``, when given, cuts long tables."""

    program: str
    root: Path
    idle: float | None
    cancel: threading.Event
    paging: Paging | None = None
    _numbers: itertools.count = field(default_factory=itertools.count)

    def _folder(self) -> Path:
        return self.root / f"call{next(self._numbers)}"

    def call(self, jobs: list[Job], done: Callable[[Job], None]) -> list[Job]:
        """Convert ``jobs`` in one LibreOffice call (in a worker thread); ``done(job)`` hears
        of each job once it has its PDF, or has failed alone. Returns the jobs of a call of
        several left without a PDF (for ``CallPlan.put_back``); raises ToolError when
        LibreOffice cannot start."""
        if len(jobs) == 1 and jobs[0].cut and self.paging is not None and self._paged(jobs[0], done):
            return []
        folder = self._folder()
        inputs = [folder / "in" / f"{i:04d}.docx" for i in range(1, len(jobs) + 1)]
        inputs[0].parent.mkdir(parents=True)
        for job, copy in zip(jobs, inputs):
            shutil.copyfile(job.source, copy)
        by_output = {f"{copy.stem}.pdf": job for job, copy in zip(jobs, inputs)}

        def written(path: Path) -> None:
            job = by_output.get(path.name)
            if job is not None and job.pdf is None and path.stat().st_size > 0:
                job.pdf = path
                done(job)

        reason = None
        try:
            finished = soffice.run(self.program, folder, inputs, "pdf", idle=self.idle, cancel=self.cancel,
                                   written=written)
            if finished.returncode != 0:
                detail = f"：{finished.last_words}" if finished.last_words else ""
                reason = f"LibreOffice 转换失败（退出码 {finished.returncode}）{detail}"
        except soffice.Stopped as e:
            if self.cancel.is_set():
                return []
            detail = f"（最后的输出：{e.last_words}）" if e.last_words else ""
            reason = f"LibreOffice 连续 {e.seconds:g} 秒没有任何进展，已终止{detail}"
        except soffice.NotStarted as e:
            raise _not_started(e) from e
        missing = [job for job in jobs if job.pdf is None]
        if len(jobs) > 1:
            return missing
        for job in missing:
            job.failure = reason or NO_PDF
            done(job)
        return []

    def _paged(self, job: Job, done: Callable[[Job], None]) -> bool:
        """Convert ``job`` with its long tables cut at their pages (planning the cut first when
        it has no plan yet); False when that is not possible, to convert it as it is."""
        assert self.paging is not None
        data = job.source.read_bytes()
        try:
            if job.plan is None:
                job.plan = plan_document(data, self.paging, self._convert_one, self._folder())
                if job.plan is None:
                    job.cut = False
                    return False
            pdf = convert_cut(data, job.plan, self.paging, self._convert_one, self._folder())
        except ValueError:  # a document the cut cannot read: LibreOffice gets it as it is
            return False
        if pdf is None:
            return False
        job.pdf = pdf
        done(job)
        return True

    def _convert_one(self, docx: bytes, folder: Path) -> Path | None:
        """One document converted alone in ``folder``: its PDF, or None when LibreOffice made
        none, failed or stalled (the caller then takes another way)."""
        source = folder / "in" / "0001.docx"
        source.parent.mkdir(parents=True)
        source.write_bytes(docx)
        try:
            finished = soffice.run(self.program, folder, [source], "pdf", idle=self.idle, cancel=self.cancel)
        except soffice.Stopped:
            if self.cancel.is_set():
                raise
            return None
        except soffice.NotStarted as e:
            raise _not_started(e) from e
        pdf = folder / "out" / "0001.pdf"
        if finished.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            return None
        return pdf


def _not_started(e: soffice.NotStarted) -> ToolError:
    return ToolError(f"无法启动 LibreOffice（{e.program}）：{e.reason}。{soffice.INSTALL_HINT}")
