"""``reporter backup`` and ``reporter restore``: a workspace of the intake server in one zip
archive, written while the server runs, and a workspace rebuilt from it that serves the same
links and versions.

The archive holds ``workspace/`` (inputs/ with the configuration, templates/, the secret key and
the link generations beside it), ``database/`` (every table as JSON lines, ``web.dump``) and
``manifest.json`` (what it is, when it was made, each entry's size and sha256). inputs/ is read
before the database: a workbook filed meanwhile is then in the database too, and ``restore``
writes the newest version back into inputs/ where inputs/ holds an older one of it.
The archive holds the secret key: it opens every link, keep it as safely as the server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from reporter import __version__
from reporter.atomic import OWNER_ONLY, replacing
from reporter.errors import ReporterError, UsageError
from reporter.web.dump import dump_tables, load_tables, snapshot
from reporter.web.filing import repair
from reporter.web.storage import STATE_FOLDER, Store, database_url, unfiled
from reporter.web.tokens import GENERATIONS_FILE, SECRET_FILE
from reporter.workspace import open_workspace

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

FORMAT = "reporter-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
WORKSPACE_PREFIX = "workspace/"
DATABASE_PREFIX = "database/"
BACKUP_FOLDER = "备份"
#: What of a workspace is kept: its folders (every file but hidden ones and Office lock files) and its secrets.
FOLDERS = ("inputs", "templates")
SECRETS = (f"{STATE_FOLDER}/{SECRET_FILE}", f"{STATE_FOLDER}/{GENERATIONS_FILE}")


class BrokenBackup(ReporterError):
    """An archive that is not a reporter backup, or whose content does not match its manifest."""


@dataclass(frozen=True)
class Backup:
    """An archive written: where, how many files, and the rows of each table."""

    path: Path
    files: int
    rows: dict[str, int]


@dataclass(frozen=True)
class Restored:
    """A workspace rebuilt: where, its database, what was in the archive, and what was repaired."""

    root: Path
    database: str
    files: int
    rows: dict[str, int]
    notes: list[str]


class _Hashing(io.RawIOBase):
    """A zip entry being written, counting its size and sha256."""

    def __init__(self, entry: IO[bytes], name: str, files: dict[str, dict[str, object]]):
        self.entry, self.name, self.files = entry, name, files
        self.digest, self.size = hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        self.entry.write(data)
        self.digest.update(data)
        written = memoryview(data).nbytes
        self.size += written
        return written

    def close(self) -> None:
        if not self.closed:
            self.entry.close()
            self.files[self.name] = {"size": self.size, "sha256": self.digest.hexdigest()}
        super().close()


def _workspace_files(root: Path) -> Iterator[tuple[str, Path]]:
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not any(p.startswith((".", "~$")) for p in relative.parts):
                yield relative.as_posix(), path
    for name in SECRETS:
        if (root / name).is_file():
            yield name, root / name


def default_path(root: Path, at: dt.datetime) -> Path:
    return root / BACKUP_FOLDER / f"工作目录备份-{at:%Y%m%d-%H%M%S}.zip"


def create_backup(root: str | Path, path: str | Path | None = None) -> Backup:
    """Write the backup of the workspace at ``root`` to ``path`` (in its 备份/ folder by default),
    in one step: a half-written archive never takes its place."""
    ws = open_workspace(root)
    at = dt.datetime.now().replace(microsecond=0)
    target = Path(path) if path else default_path(ws.root, at)
    target.parent.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, object]] = {}
    store = Store.for_workspace(ws.root, must_exist=True)
    try:
        with replacing(target, mode=OWNER_ONLY, durable=False) as handle, \
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:  # owner only: it holds the secret key
            def open_entry(name: str) -> IO[bytes]:
                info = zipfile.ZipInfo(name, date_time=at.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                return _Hashing(archive.open(info, "w", force_zip64=True), name, files)  # type: ignore[return-value]

            for name, source in _workspace_files(ws.root):
                with open_entry(WORKSPACE_PREFIX + name) as out, open(source, "rb") as data:
                    while chunk := data.read(1 << 20):
                        out.write(chunk)
            with snapshot(store) as db:
                rows = dump_tables(db, lambda name: open_entry(DATABASE_PREFIX + name))
            manifest = {"format": FORMAT, "version": FORMAT_VERSION, "created_at": at.isoformat(),
                        "reporter": __version__, "database": store.engine.dialect.name, "rows": rows,
                        "files": files}
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    finally:
        store.close()
    return Backup(target, sum(1 for name in files if name.startswith(WORKSPACE_PREFIX)), rows)


def _safe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts and "\\" not in name


def read_manifest(archive: zipfile.ZipFile, where: str) -> dict:
    """The manifest of ``archive`` once every entry is checked against it."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as e:
        raise BrokenBackup(f"{where}: 不是 reporter backup 生成的备份（缺少或无法读取 {MANIFEST}）") from e
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BrokenBackup(f"{where}: 不是本版本 reporter backup 生成的备份")
    listed = manifest.get("files", {})
    present = set(archive.namelist()) - {MANIFEST}
    problems = [f"{where}: 缺少 {name}" for name in sorted(set(listed) - present)]
    problems += [f"{where}: 多出清单中没有的 {name}" for name in sorted(present - set(listed))]
    for name in sorted(present & set(listed)):
        digest = hashlib.sha256()
        with archive.open(name) as data:
            while chunk := data.read(1 << 20):
                digest.update(chunk)
        if not _safe(name) or digest.hexdigest() != listed[name]["sha256"]:
            problems.append(f"{where}: {name} 与清单中的校验值不符（备份已损坏或被改动）")
    if problems:
        raise BrokenBackup(*problems)
    return manifest


def restore_backup(path: str | Path, root: str | Path) -> Restored:
    """Rebuild the workspace of the backup ``path`` at ``root`` (a folder that does not exist or
    is empty), its database the SQLite file inside it, or ``DATABASE_URL`` (empty) when set."""
    path, root = Path(path), Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UsageError(f"{root} 已存在且不是空文件夹；请指定一个新的文件夹来恢复，以免覆盖现有文件")
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        raise BrokenBackup(f"{path}: 无法打开备份（{type(e).__name__}）") from e
    with archive:
        manifest = read_manifest(archive, str(path))
        root.mkdir(parents=True, exist_ok=True)
        (root / STATE_FOLDER).mkdir(mode=0o700, exist_ok=True)
        names = [n for n in manifest["files"] if n.startswith(WORKSPACE_PREFIX)]
        for name in names:
            destination = root / name[len(WORKSPACE_PREFIX):]
            destination.parent.mkdir(parents=True, exist_ok=True)
            mode = 0o600 if destination.parent.name == STATE_FOLDER else 0o644
            fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as out, archive.open(name) as data:
                while chunk := data.read(1 << 20):
                    out.write(chunk)
        store = Store(database_url(root))
        try:
            try:
                rows = load_tables(store, lambda name: archive.open(DATABASE_PREFIX + name))
            except ValueError as e:
                raise UsageError(f"数据库 {store.where} 中已有数据（{e}），恢复只写入空数据库；"
                                 "请为恢复新建一个数据库并在 DATABASE_URL 中指定它") from e
            notes = _file_newest(root, store)
            where = store.where
        finally:
            store.close()
    return Restored(root, where, len(names), rows, notes)


def _file_newest(root: Path, store: Store) -> list[str]:
    """Where inputs/ holds an older version of a unit's workbook than the database (filed while
    the backup ran), or none, mark the newest to be written and write it (``web.filing.repair``).
    A workbook that is no version at all (put there by hand) stays."""
    ws = open_workspace(root)
    periods = {ws.campaign.period.key} | {p.name for p in ws.inputs.iterdir() if p.is_dir()}
    marks, already = [], set(store.unfiled_versions())
    for period in sorted(periods):
        for unit in ws.campaign.units:
            kept = store.versions_of(period, unit.code)
            file = ws.inputs / period / f"{unit.short}.xlsx"
            if kept and (period, unit.code, kept[0].number) not in already and (not file.is_file()
                         or hashlib.sha256(file.read_bytes()).hexdigest() in {v.sha256 for v in kept[1:]}):
                marks.append({"period": period, "unit_code": unit.code, "number": kept[0].number})
    if marks:
        with store.engine.begin() as db:
            db.execute(unfiled.insert(), marks)
    return repair(ws, store)
