"""The intake database as plain rows, for backups: every table of links, versions, attempts and
kept originals written as JSON lines (bytes in base64, times in ISO form), from one consistent
state while the server keeps running, and loaded back into an empty SQLite or PostgreSQL
database. The jobs table is not kept: its results expire anyway.

Consistency: a SQLite file is first copied with SQLite's online backup (a snapshot no writer
disturbs); PostgreSQL is read in one REPEATABLE READ transaction.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, DateTime, LargeBinary, Row, Table, func, insert, select, text

from reporter.web.originals import originals, originals_metadata
from reporter.web.storage import Store, attempts, links, unfiled, versions

#: The tables kept, in the order they are loaded.
TABLES: tuple[Table, ...] = (links, versions, attempts, unfiled, originals)
#: Tables whose id PostgreSQL numbers from a sequence, set past the loaded ids.
NUMBERED = (versions, attempts, originals)
BATCH = 200


def _plain(table: Table, row: Row[*tuple[Any, ...]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for column in table.columns:
        value = getattr(row, column.name)
        if isinstance(value, (bytes, memoryview)):
            value = base64.b64encode(bytes(value)).decode("ascii")
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        out[column.name] = value
    return out


def _typed(table: Table, plain: dict[str, object]) -> dict[str, object]:
    row = dict(plain)
    for column in table.columns:
        value = row.get(column.name)
        if value is None:
            continue
        if isinstance(column.type, LargeBinary):
            row[column.name] = base64.b64decode(str(value))
        elif isinstance(column.type, DateTime):
            row[column.name] = dt.datetime.fromisoformat(str(value))
    return row


@contextlib.contextmanager
def snapshot(store: Store) -> Iterator[Connection]:
    """A connection that sees the database as it was at one moment, for as long as it is open."""
    if store.file is not None:
        with tempfile.TemporaryDirectory(prefix="reporter-backup-") as folder:
            copy = Path(folder) / "snapshot.sqlite3"
            source, target = sqlite3.connect(store.file), sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            frozen = Store(f"sqlite:///{copy}")
            originals_metadata.create_all(frozen.engine)
            try:
                with frozen.engine.connect() as db:
                    yield db
            finally:
                frozen.close()
        return
    originals_metadata.create_all(store.engine)
    with store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as db, db.begin():
        yield db


def dump_tables(db: Connection, open_entry: Callable[[str], IO[bytes]]) -> dict[str, int]:
    """Write each table as ``<name>.jsonl`` through ``open_entry``; the rows of each."""
    counts = {}
    for table in TABLES:
        counts[table.name] = 0
        with open_entry(f"{table.name}.jsonl") as out:
            key = list(table.primary_key.columns)
            for row in db.execute(select(table).order_by(*key)).yield_per(BATCH):
                out.write(json.dumps(_plain(table, row), ensure_ascii=False).encode("utf-8") + b"\n")
                counts[table.name] += 1
    return counts


def load_tables(store: Store, read_entry: Callable[[str], IO[bytes]]) -> dict[str, int]:
    """Fill the tables of an empty ``store`` from the ``<name>.jsonl`` entries; the rows of each.
    ``ValueError`` when the store already holds links or versions."""
    originals_metadata.create_all(store.engine)
    counts = {}
    with store.engine.begin() as db:
        for table in TABLES:
            if db.execute(select(func.count()).select_from(table)).scalar():
                raise ValueError(table.name)
        for table in TABLES:
            counts[table.name] = 0
            batch: list[dict[str, object]] = []
            with read_entry(f"{table.name}.jsonl") as lines:
                for line in lines:
                    batch.append(_typed(table, json.loads(line)))
                    if len(batch) >= BATCH:
                        db.execute(insert(table), batch)
                        counts[table.name] += len(batch)
                        batch = []
            if batch:
                db.execute(insert(table), batch)
                counts[table.name] += len(batch)
        if store.engine.dialect.name == "postgresql":
            for table in NUMBERED:
                db.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    return counts
