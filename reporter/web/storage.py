"""Where the intake server keeps its records, through SQLAlchemy Core: one code path for a
SQLite file in the workspace (WAL mode, the default) and PostgreSQL (``DATABASE_URL``).

Tables: ``links`` (one hashed token per unit and one for the office), ``versions`` (every clean
workbook a unit submitted, immutable, with who, when and its sha256) and ``attempts`` (every
upload, accepted or not, so the board can tell 有误待改 from 未报).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

#: The workspace folder of the server's own files (database, secret key).
STATE_FOLDER = ".reporter"
DATABASE_FILE = "intake.sqlite3"

metadata = MetaData()

links = Table(
    "links", metadata,
    Column("name", String(64), primary_key=True),  # a unit code, or OFFICE
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("generation", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

versions = Table(
    "versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(16), nullable=False),
    Column("unit_code", String(64), nullable=False),
    Column("number", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("submitted_at", DateTime, nullable=False),
    Column("submitted_by", String(200), nullable=False),
    Column("content", LargeBinary, nullable=False),
    UniqueConstraint("period", "unit_code", "number", name="one_number_per_version"),
)

attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(16), nullable=False),
    Column("unit_code", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("problems", Integer, nullable=False),
)


@dataclass(frozen=True)
class Version:
    """One clean workbook a unit submitted (its bytes read separately)."""

    number: int
    sha256: str
    size: int
    submitted_at: dt.datetime
    submitted_by: str


@dataclass(frozen=True)
class Attempt:
    """The latest upload of a unit: when, whether it was accepted, how many problems it had."""

    at: dt.datetime
    accepted: bool
    problems: int


def now() -> dt.datetime:
    """The current local time to the second (stored without a zone, shown as is)."""
    return dt.datetime.now().replace(microsecond=0)


def database_url(workspace: Path) -> str:
    """``DATABASE_URL`` when set, else the SQLite file under the workspace's ``.reporter/``."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # postgres:// and postgresql:// (the usual forms) go through psycopg 3, the driver installed.
        for plain in ("postgres://", "postgresql://"):
            if url.startswith(plain):
                return "postgresql+psycopg://" + url[len(plain):]
        return url
    folder = workspace / STATE_FOLDER
    folder.mkdir(exist_ok=True)
    return f"sqlite:///{(folder / DATABASE_FILE).resolve()}"


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    """The server's records in one database; safe to share between the server's threads."""

    def __init__(self, url: str):
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    @classmethod
    def for_workspace(cls, workspace: Path) -> Store:
        """The store of ``workspace`` (see ``database_url``)."""
        return cls(database_url(workspace))

    def close(self) -> None:
        self.engine.dispose()

    # --- links ----------------------------------------------------------------------------

    def link_generations(self) -> dict[str, int]:
        """Each linked name with the generation of its current token."""
        with self.engine.connect() as db:
            return {row.name: row.generation for row in db.execute(select(links.c.name, links.c.generation))}

    def set_link(self, name: str, token_hash: str, generation: int) -> None:
        """Record (or replace) the token of ``name``: the old one stops working at once."""
        with self.engine.begin() as db:
            changed = db.execute(update(links).where(links.c.name == name).values(
                token_hash=token_hash, generation=generation, created_at=now())).rowcount
            if not changed:
                db.execute(insert(links).values(name=name, token_hash=token_hash, generation=generation,
                                                created_at=now()))

    def name_of(self, token_hash: str) -> str | None:
        """The name whose current token has ``token_hash``, or None."""
        with self.engine.connect() as db:
            return db.execute(select(links.c.name).where(links.c.token_hash == token_hash)).scalar()

    # --- versions and attempts -----------------------------------------------------------

    def add_version(self, period: str, unit_code: str, sha256: str, content: bytes, by: str) -> Version:
        """Store ``content`` as the unit's next version; the same bytes as its latest version
        (a double submit) give that version back instead of a copy."""
        for _ in range(20):
            with self.engine.begin() as db:
                latest = db.execute(
                    select(versions.c.number, versions.c.sha256, versions.c.size, versions.c.submitted_at,
                           versions.c.submitted_by)
                    .where(versions.c.period == period, versions.c.unit_code == unit_code)
                    .order_by(versions.c.number.desc()).limit(1)).first()
                if latest is not None and latest.sha256 == sha256:
                    return Version(*latest)
                version = Version((latest.number if latest else 0) + 1, sha256, len(content), now(), by)
                try:
                    db.execute(insert(versions).values(
                        period=period, unit_code=unit_code, number=version.number, sha256=sha256,
                        size=version.size, submitted_at=version.submitted_at, submitted_by=by, content=content))
                except IntegrityError:
                    continue  # another request took this number first: count again
                return version
        raise RuntimeError(f"could not number a version of {unit_code} in {period}")

    def versions_of(self, period: str, unit_code: str) -> list[Version]:
        """Every version of a unit in a period, newest first."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(versions.c.number, versions.c.sha256, versions.c.size, versions.c.submitted_at,
                       versions.c.submitted_by)
                .where(versions.c.period == period, versions.c.unit_code == unit_code)
                .order_by(versions.c.number.desc()))
            return [Version(*row) for row in rows]

    def latest_versions(self, period: str) -> dict[str, Version]:
        """The newest version of each unit that submitted in ``period``."""
        newest = (select(versions.c.unit_code, func.max(versions.c.number).label("number"))
                  .where(versions.c.period == period).group_by(versions.c.unit_code).subquery())
        with self.engine.connect() as db:
            rows = db.execute(
                select(versions.c.unit_code, versions.c.number, versions.c.sha256, versions.c.size,
                       versions.c.submitted_at, versions.c.submitted_by)
                .join(newest, (versions.c.unit_code == newest.c.unit_code) & (versions.c.number == newest.c.number))
                .where(versions.c.period == period))
            return {row.unit_code: Version(*row[1:]) for row in rows}

    def content(self, period: str, unit_code: str, number: int) -> bytes | None:
        """The bytes of one version."""
        with self.engine.connect() as db:
            return db.execute(select(versions.c.content).where(
                versions.c.period == period, versions.c.unit_code == unit_code, versions.c.number == number)).scalar()

    def add_attempt(self, period: str, unit_code: str, accepted: bool, problems: int) -> None:
        with self.engine.begin() as db:
            db.execute(insert(attempts).values(period=period, unit_code=unit_code, at=now(), accepted=accepted,
                                               problems=problems))

    def latest_attempts(self, period: str) -> dict[str, Attempt]:
        """The latest upload of each unit in ``period``."""
        newest = (select(attempts.c.unit_code, func.max(attempts.c.id).label("id"))
                  .where(attempts.c.period == period).group_by(attempts.c.unit_code).subquery())
        with self.engine.connect() as db:
            rows = db.execute(select(attempts.c.unit_code, attempts.c.at, attempts.c.accepted, attempts.c.problems)
                              .join(newest, attempts.c.id == newest.c.id))
            return {row.unit_code: Attempt(row.at, row.accepted, row.problems) for row in rows}

