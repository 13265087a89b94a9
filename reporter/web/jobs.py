"""Background jobs the office starts from the board (check, report): each runs in its own
thread, reports its progress, and keeps its result to download until the server stops."""

from __future__ import annotations

import itertools
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from reporter.errors import ReporterError

T = TypeVar("T")


@dataclass
class Job:
    """One run: what it is, how far it got, and its result (a file to download) or error."""

    id: str
    title: str
    state: str = "running"  # running, done, failed
    label: str = "准备中"
    done: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)
    result: bytes | None = None
    result_name: str = ""

    def progress(self, items: Iterable[T], label: str) -> Iterator[T]:
        """A ``Progress`` for the pipeline: counts the items of each step as they pass."""
        items = list(items)
        self.label, self.done, self.total = label, 0, len(items)
        for item in items:
            yield item
            self.done += 1

    def view(self) -> dict[str, object]:
        """The job as the board's script polls it."""
        return {"id": self.id, "title": self.title, "state": self.state, "label": self.label,
                "done": self.done, "total": self.total, "lines": self.lines,
                "result": self.result_name if self.result is not None else None}


#: What a job runs: given the job (for progress), it returns the lines to show and the file
#: to download (name, bytes).
Work = Callable[[Job], tuple[list[str], str, bytes]]


class Jobs:
    """The jobs of one server, by id."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._order = itertools.count()

    def start(self, title: str, work: Work) -> Job:
        job = Job(f"{next(self._order)}-{secrets.token_hex(4)}", title)
        with self._lock:
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, work), name=f"job-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        try:
            job.lines, job.result_name, job.result = work(job)
            job.state = "done"
        except ReporterError as e:
            job.lines, job.state = e.lines(), "failed"
        except Exception as e:  # noqa: BLE001 - shown on the board; the server keeps running
            job.lines, job.state = [f"内部错误（{type(e).__name__}），请把此信息告知维护人员"], "failed"
