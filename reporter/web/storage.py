"""Where the intake server keeps its records, through SQLAlchemy Core: one code path for a
SQLite file in the workspace (WAL mode, the default; readable by its owner only) and PostgreSQL
(``DATABASE_URL``), with the same limits on both.

Tables: ``links`` (one hashed token per unit and one for the office), ``versions`` (every clean
workbook a unit submitted, immutable, with who, when and its sha256), ``attempts`` (every
upload, accepted or not, so the board can tell 有误待改 from 未报) and ``unfiled`` (versions
committed here whose file in inputs/ is not yet known to be written: see ``web.filing``).

A database that cannot be reached raises ``DatabaseUnavailable``; one that is not a database
(or was deleted while the server ran) raises ``DatabaseBroken``, naming the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

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
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DatabaseError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from reporter.errors import EXIT_TOOL, ReporterError

#: The workspace folder of the server's own files (database, secret key).
STATE_FOLDER = ".reporter"
DATABASE_FILE = "intake.sqlite3"
#: The longest 填报人 (with the channel it came by) kept with a version: the column's width,
#: checked before writing so that SQLite (which ignores widths) and PostgreSQL agree.
SUBMITTED_BY_LIMIT = 200
T = TypeVar("T")
P = ParamSpec("P")


class DatabaseUnavailable(ReporterError):
    """The database cannot be reached now (PostgreSQL down, the file locked by another program)."""

    exit_code = EXIT_TOOL

    def __init__(self, where: str, error: BaseException):
        self.where = where
        super().__init__(f"数据库暂时无法连接（{where}）：{type(error).__name__}，请稍后重试；"
                         "若一直如此，请检查数据库服务是否在运行")


class StorageFull(ReporterError):
    """The disk (or quota) is full: nothing of the submission was kept, in the database or inputs/."""

    def __init__(self, where: str):
        super().__init__(f"服务器磁盘已满（{where}），本次提交未保存，数据库和 inputs/ 都没有改动；请办公室清理磁盘后再提交")


class DatabaseBroken(ReporterError):
    """The database file is missing, damaged or was removed while the server ran."""

    def __init__(self, where: str, reason: str):
        self.where = where
        super().__init__(f"数据库 {where} {reason}")

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
    Column("submitted_by", String(SUBMITTED_BY_LIMIT), nullable=False),
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

unfiled = Table(
    "unfiled", metadata,
    Column("period", String(16), primary_key=True),
    Column("unit_code", String(64), primary_key=True),
    Column("number", Integer, primary_key=True),
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
    folder.mkdir(mode=0o700, exist_ok=True)
    return f"sqlite:///{(folder / DATABASE_FILE).resolve()}"


def _sqlite_pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _owner_only(path: Path) -> None:
    """Create the database file (and its WAL companions, which SQLite creates with the same
    mode) readable by its owner only, before SQLite would create it 0644.

    An existing file is only chmod-ed, never opened: closing any descriptor of a database file
    drops every POSIX lock this process's SQLite connections hold on it, and another process
    may then checkpoint under them (the file reads as malformed)."""
    if not path.exists():
        try:
            os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:  # another process created it meanwhile
            pass
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if companion.exists():
            os.chmod(companion, 0o600)


def _guarded(method: Callable[Concatenate[Store, P], T]) -> Callable[Concatenate[Store, P], T]:
    """``method`` of ``Store`` with the driver's connection errors told as ours."""
    @functools.wraps(method)
    def guarded(self: Store, *args: P.args, **kwargs: P.kwargs) -> T:
        self.check_present()
        try:
            return method(self, *args, **kwargs)
        except (OperationalError, InterfaceError) as e:
            if "disk is full" in str(e.orig) or "No space left" in str(e.orig):
                raise StorageFull(self.where) from e
            if self.file is not None and "not a database" in str(e.orig):
                raise DatabaseBroken(self.where, "不是有效的数据库文件（已损坏）") from e
            raise DatabaseUnavailable(self.where, e.orig or e) from e
        except DatabaseError as e:
            raise DatabaseBroken(self.where, "不是有效的数据库文件（已损坏）") from e
    return guarded


class Store:
    """The server's records in one database; safe to share between the server's threads.

    ``must_exist``: refuse a SQLite file that is not there yet (the server never starts on an
    empty database it would create: links issued earlier would all be lost).
    """

    def __init__(self, url: str, must_exist: bool = False):
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        self.file: Path | None = None
        self._inode: tuple[int, int] | None = None
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self.file = Path(self.engine.url.database)
        self.where = str(self.file) if self.file else self.engine.url.render_as_string(hide_password=True)
        if self.file is not None:
            if must_exist and not self.file.is_file():
                raise DatabaseBroken(self.where, "不存在：请先运行 reporter links 生成链接（会新建数据库），"
                                                 "或从备份恢复这个文件及同一文件夹中的 secret.key、link-generations.json")
            _owner_only(self.file)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._create()
        if self.file is not None:
            _owner_only(self.file)
            stat = self.file.stat()
            self._inode = (stat.st_dev, stat.st_ino)

    @_guarded
    def _create(self) -> None:
        metadata.create_all(self.engine)

    @classmethod
    def for_workspace(cls, workspace: Path, must_exist: bool = False) -> Store:
        """The store of ``workspace`` (see ``database_url``)."""
        return cls(database_url(workspace), must_exist)

    def close(self) -> None:
        self.engine.dispose()

    def check_present(self) -> None:
        """Refuse to go on when the SQLite file opened was deleted or replaced meanwhile: what
        would be written now would be lost (the server keeps writing to the deleted file)."""
        if self._inode is None or self.file is None:
            return
        try:
            stat = self.file.stat()
        except FileNotFoundError:
            stat = None
        if stat is None or (stat.st_dev, stat.st_ino) != self._inode:
            raise DatabaseBroken(self.where, "在服务运行中被删除或替换，本次操作未保存；请从备份恢复它后重新启动 reporter serve")

    # --- links ----------------------------------------------------------------------------

    @_guarded
    def link_generations(self) -> dict[str, int]:
        """Each linked name with the generation of its current token."""
        with self.engine.connect() as db:
            return {row.name: row.generation for row in db.execute(select(links.c.name, links.c.generation))}

    @_guarded
    def set_link(self, name: str, token_hash: str, generation: int) -> None:
        """Record (or replace) the token of ``name``: the old one stops working at once."""
        with self.engine.begin() as db:
            changed = db.execute(update(links).where(links.c.name == name).values(
                token_hash=token_hash, generation=generation, created_at=now())).rowcount
            if not changed:
                db.execute(insert(links).values(name=name, token_hash=token_hash, generation=generation,
                                                created_at=now()))

    @_guarded
    def name_of(self, token_hash: str) -> str | None:
        """The name whose current token has ``token_hash``, or None."""
        with self.engine.connect() as db:
            return db.execute(select(links.c.name).where(links.c.token_hash == token_hash)).scalar()

    # --- versions and attempts -----------------------------------------------------------

    @_guarded
    def add_version(self, period: str, unit_code: str, sha256: str, content: bytes, by: str,
                    unfiled_too: bool = False) -> Version:
        """Store ``content`` as the unit's next version; the same bytes as its latest version
        (a double submit) give that version back instead of a copy. ``unfiled_too``: record a
        new version as not yet written to inputs/, in the same transaction."""
        if len(by) > SUBMITTED_BY_LIMIT:
            raise ValueError(f"submitted_by longer than {SUBMITTED_BY_LIMIT} characters")
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
                if unfiled_too:
                    db.execute(insert(unfiled).values(period=period, unit_code=unit_code, number=version.number))
                return version
        raise RuntimeError(f"could not number a version of {unit_code} in {period}")

    @_guarded
    def versions_of(self, period: str, unit_code: str) -> list[Version]:
        """Every version of a unit in a period, newest first."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(versions.c.number, versions.c.sha256, versions.c.size, versions.c.submitted_at,
                       versions.c.submitted_by)
                .where(versions.c.period == period, versions.c.unit_code == unit_code)
                .order_by(versions.c.number.desc()))
            return [Version(*row) for row in rows]

    @_guarded
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

    @_guarded
    def content(self, period: str, unit_code: str, number: int) -> bytes | None:
        """The bytes of one version."""
        with self.engine.connect() as db:
            return db.execute(select(versions.c.content).where(
                versions.c.period == period, versions.c.unit_code == unit_code, versions.c.number == number)).scalar()

    @_guarded
    def add_attempt(self, period: str, unit_code: str, accepted: bool, problems: int) -> None:
        with self.engine.begin() as db:
            db.execute(insert(attempts).values(period=period, unit_code=unit_code, at=now(), accepted=accepted,
                                               problems=problems))

    @_guarded
    def latest_attempts(self, period: str) -> dict[str, Attempt]:
        """The latest upload of each unit in ``period``."""
        newest = (select(attempts.c.unit_code, func.max(attempts.c.id).label("id"))
                  .where(attempts.c.period == period).group_by(attempts.c.unit_code).subquery())
        with self.engine.connect() as db:
            rows = db.execute(select(attempts.c.unit_code, attempts.c.at, attempts.c.accepted, attempts.c.problems)
                              .join(newest, attempts.c.id == newest.c.id))
            return {row.unit_code: Attempt(row.at, row.accepted, row.problems) for row in rows}


    # --- versions not yet filed in inputs/ --------------------------------------------------

    @_guarded
    def unfiled_versions(self) -> list[tuple[str, str, int]]:
        """(period, unit code, number) of every version not yet known to be in inputs/."""
        with self.engine.connect() as db:
            return [tuple(row) for row in db.execute(
                select(unfiled.c.period, unfiled.c.unit_code, unfiled.c.number)
                .order_by(unfiled.c.period, unfiled.c.unit_code, unfiled.c.number))]

    @_guarded
    def mark_filed(self, period: str, unit_code: str, number: int) -> None:
        """Record that version ``number`` is settled in inputs/ (written, or superseded)."""
        with self.engine.begin() as db:
            db.execute(delete(unfiled).where(unfiled.c.period == period, unfiled.c.unit_code == unit_code,
                                             unfiled.c.number == number))

    @_guarded
    def withdraw_version(self, period: str, unit_code: str, number: int) -> None:
        """Remove a version never filed in inputs/ that could not be written there (the unit is
        told it was not kept); a version already filed (a double submit of it) stays."""
        with self.engine.begin() as db:
            if db.execute(delete(unfiled).where(unfiled.c.period == period, unfiled.c.unit_code == unit_code,
                                                unfiled.c.number == number)).rowcount:
                db.execute(delete(versions).where(versions.c.period == period, versions.c.unit_code == unit_code,
                                                  versions.c.number == number))
