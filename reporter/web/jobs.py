"""Background jobs the office starts from the board (check, report, 催报): rows in the intake
database (``web.jobrows``) run by a bounded pool of worker threads of the process that accepted
them, their result a file under the workspace (``.reporter/jobs/<id>/``).

Any server process on the same database and workspace answers a job's status and hands out its
result. A process running jobs renews their heartbeat; a job whose process stopped (killed,
restarted) is shown as interrupted rather than running forever. Finished jobs, their files
with them, are removed once older than ``keep``. An unexpected error is logged with its
traceback and shown on the board with the job's id to find it by.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reporter.atomic import write_atomic
from reporter.errors import ReporterError
from reporter.web.filing import running
from reporter.web.jobrows import DONE, FAILED, QUEUED, RUNNING, JobRow, JobRows, result_path
from reporter.web.requestlog import log
from reporter.web.storage import STATE_FOLDER, Store, now

T = TypeVar("T")

RESULTS_FOLDER = "jobs"
DEFAULT_WORKERS = 2
DEFAULT_KEEP = dt.timedelta(hours=24)
#: How often a process renews the heartbeat of the jobs it runs, and how long a silent job
#: is still believed to run.
HEARTBEAT_SECONDS = 15
STALE_AFTER = dt.timedelta(seconds=90)
#: Progress is written at most this often (a step of many small items would write each).
PROGRESS_SECONDS = 0.5
INTERRUPTED = "运行此任务的服务进程已停止（可能已重启），任务未完成，请重新运行"
BUSY = "后台任务已满（本进程有 {count} 个任务在运行或排队），请等前面的任务完成后再试"


class JobsBusy(ReporterError):
    """This process already runs or queues as many jobs as it may."""


class Job:
    """The handle a running job's work reports through: its progress, step by step."""

    def __init__(self, rows: JobRows, job_id: str):
        self.id = job_id
        self._rows = rows

    def progress(self, items: Iterable[T], label: str) -> Iterator[T]:
        """A ``Progress`` for the pipeline: counts the items of each step as they pass."""
        items = list(items)
        self._rows.set(self.id, label=label[:64], done=0, total=len(items))
        written = time.monotonic()
        for done, item in enumerate(items, 1):
            yield item
            if done == len(items) or time.monotonic() - written >= PROGRESS_SECONDS:
                self._rows.set(self.id, done=done)
                written = time.monotonic()


#: What a job runs: given the job (for progress), it returns the lines to show and the file
#: to download (name, bytes).
Work = Callable[[Job], tuple[list[str], str, bytes]]


@dataclass(frozen=True)
class JobView:
    """A job as any server process sees it: what the board shows and its result file."""

    row: JobRow
    result_file: Path | None

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def result_name(self) -> str:
        return self.row.result_name or ""

    @property
    def result(self) -> bytes | None:
        """The result file's bytes, or None while there is none."""
        if self.row.state != DONE or self.result_file is None or not self.result_file.is_file():
            return None
        return self.result_file.read_bytes()

    def view(self) -> dict[str, object]:
        """The job as the board's script polls it (a queued job shows as running)."""
        row = self.row
        return {"id": row.id, "title": row.title, "state": RUNNING if row.state == QUEUED else row.state,
                "label": row.label, "done": row.done, "total": row.total, "lines": row.lines,
                "result": row.result_name if row.state == DONE and row.result_file else None}


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Jobs:
    """The jobs of the service: started here and run by at most ``workers`` threads (with as
    many again waiting), read from the database by id."""

    def __init__(self, store: Store, workspace: Path, workers: int = DEFAULT_WORKERS,
                 keep: dt.timedelta = DEFAULT_KEEP):
        self.rows = JobRows(store)
        self.folder = workspace / STATE_FOLDER / RESULTS_FOLDER
        self.workspace = workspace
        self.keep = keep
        self.limit = 2 * workers
        self.owner = this_process()
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="job")
        self._pending = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._heartbeat, name="job-heartbeat", daemon=True).start()
        self._settle_orphans()
        self.expire()

    def start(self, title: str, work: Work) -> JobView:
        """Queue ``work``; ``JobsBusy`` when this process has as many jobs as it may."""
        with self._lock:
            if self._pending >= self.limit:
                raise JobsBusy(BUSY.format(count=self._pending))
            self._pending += 1
        try:
            self.expire()
            job_id = secrets.token_hex(8)
            self.rows.add(job_id, title, self.owner)
            self._pool.submit(self._run, job_id, work)
        except BaseException:
            with self._lock:
                self._pending -= 1
            raise
        found = self.get(job_id)
        assert found is not None
        return found

    def get(self, job_id: str) -> JobView | None:
        """The job ``job_id`` as stored (None when unknown or expired); a job whose process
        stopped shows as failed."""
        row = self.rows.get(job_id)
        if row is None or (row.finished_at or row.created_at) < now() - self.keep:
            return None
        if row.state in (QUEUED, RUNNING) and row.beat_at < now() - STALE_AFTER:
            row = JobRow(**{**row.__dict__, "state": FAILED, "lines": [*row.lines, INTERRUPTED]})
        return JobView(row, result_path(self.workspace, row))

    def expire(self) -> None:
        """Remove the jobs older than ``keep`` and their files."""
        for row in self.rows.expired(now() - self.keep):
            shutil.rmtree(self.folder / row.id, ignore_errors=True)
            self.rows.remove(row.id)

    def close(self) -> None:
        """Wait for the running jobs and stop the workers."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job_id: str, work: Work) -> None:
        try:
            self.rows.set(job_id, state=RUNNING, label="准备中")
            lines, name, data = work(Job(self.rows, job_id))
            file = self._keep_result(job_id, name, data)
            self.rows.set(job_id, state=DONE, lines=lines, result_name=name[:200],
                          result_file=file.relative_to(self.workspace).as_posix(), finished_at=now())
        except ReporterError as e:
            self._fail(job_id, e.lines())
        except Exception as e:  # noqa: BLE001 - shown on the board; the server keeps running
            log.error("job=%s 内部错误", job_id, exc_info=e)
            self._fail(job_id, [f"内部错误（{type(e).__name__}，任务编号 {job_id}），请把此信息告知维护人员"])
        finally:
            with self._lock:
                self._pending -= 1

    def _fail(self, job_id: str, lines: list[str]) -> None:
        try:
            self.rows.set(job_id, state=FAILED, lines=lines, finished_at=now())
        except Exception as e:  # noqa: BLE001 - the database is gone: the heartbeat stops, the job reads as interrupted
            log.error("job=%s 无法记录任务结果", job_id, exc_info=e)

    def _keep_result(self, job_id: str, name: str, data: bytes) -> Path:
        folder = self.folder / job_id
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / Path(name).name
        write_atomic(path, data, durable=False)  # a download: lost with the machine, the job is run again
        return path

    def _settle_orphans(self) -> None:
        """Mark as failed the unfinished jobs of processes of this machine that are gone."""
        host = socket.gethostname()
        for row in self.rows.unfinished():
            owner_host, _, pid = row.owner.rpartition(":")
            if owner_host == host and pid.isdigit() and int(pid) != os.getpid() and not running(int(pid)):
                self.rows.set(row.id, state=FAILED, lines=[*row.lines, INTERRUPTED], finished_at=now())

    def _heartbeat(self) -> None:
        while True:
            time.sleep(HEARTBEAT_SECONDS)
            if self._pending:
                try:
                    self.rows.beat(self.owner)
                except Exception as e:  # noqa: BLE001 - logged; the next beat tries again
                    log.error("任务心跳无法写入数据库：%s", type(e).__name__)
