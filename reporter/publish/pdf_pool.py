"""The documents of a PDF run converted by a pool of worker threads, each making LibreOffice
calls (``pdf_calls.Caller``) as ``pdf_calls.CallPlan`` groups them, and told done one by one
(``Converted``) for a progress bar. Used by ``pdf.convert``."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from reporter.feedback import Step
from reporter.publish.pdf_calls import Caller, CallPlan, Job

#: Seconds between looks for a finished call or document (and so for Ctrl-C).
POLL = 0.5


@dataclass(frozen=True)
class Converted(Step):
    """One more document done (``failed`` when it has no PDF), with the run's counts so far:
    documents done, pages of their PDFs, documents failed."""

    document: Path
    failed: bool
    done: int
    pages: int
    failures: int

    def shown(self) -> str:
        return f"{self.pages} 页" + (f"，{self.failures} 份失败" if self.failures else "")


@dataclass
class Outcome:
    """What became of one document: its PDF in the run's folder and its pages, or why not."""

    pdf: Path | None = None
    pages: int = 0
    failure: str | None = None
    attempts: int = 0


class Conversions:
    """A run's LibreOffice calls in a pool of worker threads, as one ``Converted`` per document
    when it is done, for a progress bar (it knows how many there will be). The first calls
    start at once; iterating keeps ``plan.workers`` calls running until every document is
    done, raising what stopped a call (LibreOffice that cannot start). Each worker settles
    its documents as their PDFs appear (``settle``) and tells this thread through a queue,
    since a call of many documents finishes them one by one."""

    def __init__(self, pool: ThreadPoolExecutor, plan: CallPlan, caller: Caller,
                 settle: Callable[[Job], Job | None], sources: list[Path], outcomes: list[Outcome]):
        self.pool, self.plan, self.caller, self.settle = pool, plan, caller, settle
        self.sources, self.outcomes = sources, outcomes
        self.running: dict[Future[list[Job]], list[Job]] = {}
        self.settled: queue.SimpleQueue[tuple[Job, Job | None]] = queue.SimpleQueue()
        self._fill()

    def __len__(self) -> int:
        return len(self.sources)

    def __iter__(self) -> Iterator[Converted]:
        done = pages = failures = 0
        while done < len(self.sources):
            finished, _ = wait(self.running, timeout=POLL, return_when=FIRST_COMPLETED)
            while not self.settled.empty():
                job, again = self.settled.get()
                if again is not None:  # converted again, changed (``redo``)
                    self.plan.add(again)
                    continue
                outcome = self.outcomes[job.key]
                done += 1
                pages += outcome.pages
                failures += outcome.failure is not None
                yield Converted(self.sources[job.key], outcome.failure is not None, done, pages, failures)
            for future in finished:
                del self.running[future]
                self.plan.put_back(future.result())
            self._fill()
            if not self.running and done < len(self.sources) and self.settled.empty():
                raise RuntimeError("PDF run ended with documents neither converted nor failed")

    def _fill(self) -> None:
        while len(self.running) < self.plan.workers and (jobs := self.plan.take()) is not None:
            self.running[self.pool.submit(self.caller.call, jobs, self._done)] = jobs

    def _done(self, job: Job) -> None:
        """In a worker: ``job`` has its PDF or has failed."""
        self.settled.put((job, self.settle(job)))

    def stop(self) -> None:
        """No call starts any more; the running ones stop LibreOffice (``cancel``)."""
        self.caller.cancel.set()
        for future in self.running:
            future.cancel()
