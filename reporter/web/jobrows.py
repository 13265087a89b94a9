"""The board's background jobs as rows of the intake database, so that any server process on
the same database answers a job's status, whichever process runs it.

A row holds what the board shows (state, step, progress, lines), where the result file lies
under the workspace, which process runs it (``owner``, host and pid) and when that process last
said it is alive (``beat_at``). The table lives apart from ``storage``'s and is created on
first use, also in an existing database.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, Row, String, Table, Text, delete, insert, select, update

from reporter.web.storage import Store, now

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
UNFINISHED = (QUEUED, RUNNING)

jobs_metadata = MetaData()
jobs = Table(
    "jobs", jobs_metadata,
    Column("id", String(32), primary_key=True),
    Column("title", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("label", String(64), nullable=False),
    Column("done", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("lines", Text, nullable=False),  # a JSON list of the lines shown
    Column("result_name", String(200)),
    Column("result_file", String(400)),  # relative to the workspace
    Column("owner", String(200), nullable=False),  # host:pid of the process running it
    Column("created_at", DateTime, nullable=False),
    Column("beat_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
)


@dataclass(frozen=True)
class JobRow:
    """One job as stored: what the board shows of it, and where its result file is."""

    id: str
    title: str
    state: str
    label: str
    done: int
    total: int
    lines: list[str]
    result_name: str | None
    result_file: str | None
    owner: str
    created_at: dt.datetime
    beat_at: dt.datetime
    finished_at: dt.datetime | None


def _row(found: Row[*tuple[Any, ...]]) -> JobRow:
    return JobRow(found.id, found.title, found.state, found.label, found.done, found.total,
                  json.loads(found.lines), found.result_name, found.result_file, found.owner, found.created_at,
                  found.beat_at, found.finished_at)


class JobRows:
    """The jobs table of one store."""

    def __init__(self, store: Store):
        self.store = store
        jobs_metadata.create_all(store.engine)

    def add(self, job_id: str, title: str, owner: str) -> None:
        at = now()
        with self.store.engine.begin() as db:
            db.execute(insert(jobs).values(id=job_id, title=title, state=QUEUED, label="排队等候", done=0, total=0,
                                           lines="[]", owner=owner, created_at=at, beat_at=at))

    def get(self, job_id: str) -> JobRow | None:
        with self.store.engine.connect() as db:
            found = db.execute(select(jobs).where(jobs.c.id == job_id)).first()
        return _row(found) if found is not None else None

    def set(self, job_id: str, **values: object) -> None:
        """Change some columns of a job (``lines`` given as a list); its heartbeat too."""
        if "lines" in values:
            values["lines"] = json.dumps(values["lines"], ensure_ascii=False)
        with self.store.engine.begin() as db:
            db.execute(update(jobs).where(jobs.c.id == job_id).values(**{"beat_at": now(), **values}))

    def beat(self, owner: str) -> None:
        """Say that the unfinished jobs of ``owner`` are still being run."""
        with self.store.engine.begin() as db:
            db.execute(update(jobs).where(jobs.c.owner == owner, jobs.c.state.in_(UNFINISHED)).values(beat_at=now()))

    def unfinished(self) -> list[JobRow]:
        with self.store.engine.connect() as db:
            return [_row(r) for r in db.execute(select(jobs).where(jobs.c.state.in_(UNFINISHED)))]

    def expired(self, before: dt.datetime) -> list[JobRow]:
        """Jobs finished before ``before``, and those started before it that never finished."""
        with self.store.engine.connect() as db:
            return [_row(r) for r in db.execute(select(jobs).where(
                ((jobs.c.finished_at.is_not(None)) & (jobs.c.finished_at < before))
                | ((jobs.c.finished_at.is_(None)) & (jobs.c.created_at < before))))]

    def remove(self, job_id: str) -> None:
        with self.store.engine.begin() as db:
            db.execute(delete(jobs).where(jobs.c.id == job_id))


def result_path(workspace: Path, row: JobRow) -> Path | None:
    """The job's result file, when it has one."""
    return workspace / row.result_file if row.result_file else None
