"""Checked workbooks remembered between commands, so that each workbook is parsed once.

``reporter check`` stores what reading each input workbook gave under ``outputs/.cache/``;
``report``, ``tasks`` and ``notice`` take it from there instead of parsing the workbook
again. An entry is used only when everything it was read under is unchanged: the file's
path, size, modification time and content hash, the configuration file, the 责任分解表 the
forms were checked against, the period, and reporter itself (its version and its code).
Deleting the folder is always safe: the workbooks are then read again.

Entries are pickles, so each is signed (HMAC-SHA256) with a key kept in the workspace's
``.reporter/cache.key``, readable by its owner only; an entry whose signature does not match
is never unpickled, so whoever can write to outputs/ cannot make reporter run code.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import reporter
from reporter.atomic import write_atomic
from reporter.workspace import Workspace

CACHE_FOLDER = ".cache"
KEY_FILE = Path(".reporter") / "cache.key"
SIGNATURE_BYTES = 32
T = TypeVar("T")


@functools.cache
def _code_digest() -> bytes:
    """A hash of reporter's version and source code: a changed reporter never trusts old entries."""
    digest = hashlib.sha256(reporter.__version__.encode())
    package = Path(reporter.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


def _file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b""


class ReadCache:
    """The remembered readings of one workspace's inputs under one configuration.

    With ``store``, new readings are kept until ``save``: a caller saves them only when every
    input was valid, so that a run that finds problems leaves outputs/ as it was."""

    def __init__(self, ws: Workspace, period: str, store: bool = False):
        self.folder = ws.outputs / CACHE_FOLDER
        self.key_path = ws.root / KEY_FILE
        self.store = store
        self._pending: list[tuple[Path, tuple[Any, Any]]] = []
        context = hashlib.sha256(_code_digest())
        for part in (_file_digest(ws.config_path), _file_digest(ws.tasks_path), period.encode()):
            context.update(hashlib.sha256(part).digest())
        self.context = context.hexdigest()

    def read(self, kind: str, path: Path, reader: Callable[[], T]) -> T:
        """What ``reader`` gives for the workbook at ``path``, remembered as ``kind``."""
        key, value = self.recall(kind, path)
        if key is not None and value is not None:
            return value
        value = reader()
        self.remember(kind, path, key, value)
        return value

    def recall(self, kind: str, path: Path) -> tuple[tuple[Any, ...] | None, Any]:
        """The workbook's key and its remembered reading (None when there is none to trust)."""
        key = self._key(kind, path)
        remembered = self._load(self._entry(kind, path))
        if remembered is not None and key is not None and remembered[0] == key:
            return key, remembered[1]
        return key, None

    def remember(self, kind: str, path: Path, key: tuple[Any, ...] | None, value: object) -> None:
        """Keep ``value``, read from the workbook while it had ``key`` (when it still has), for ``save``."""
        if self.store and key is not None and key == self._key(kind, path):
            self._pending.append((self._entry(kind, path), (key, value)))

    def save(self) -> None:
        """Write the readings kept since the last save under outputs/.cache/."""
        for entry, value in self._pending:
            self._save(entry, value)
        self._pending.clear()

    def _entry(self, kind: str, path: Path) -> Path:
        # os.fsencode: a file name that is not UTF-8 (kept as surrogates) has its own bytes.
        name = hashlib.sha256(kind.encode() + b":" + os.fsencode(path.resolve())).hexdigest()
        return self.folder / f"{name}.pickle"

    def _key_bytes(self, create: bool) -> bytes | None:
        """The workspace's signing key; made (owner-only) when ``create`` and there is none."""
        try:
            return self.key_path.read_bytes()
        except OSError:
            if not create:
                return None
        try:
            self.key_path.parent.mkdir(exist_ok=True)
            descriptor = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(os.urandom(32))
            return self.key_path.read_bytes()
        except OSError:
            return None

    def _key(self, kind: str, path: Path) -> tuple[Any, ...] | None:
        try:
            info = path.stat()
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        return (self.context, kind, str(path.resolve()), info.st_size, info.st_mtime_ns, content)

    def _load(self, entry: Path) -> tuple[Any, Any] | None:
        key = self._key_bytes(create=False)
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        signature, body = data[:SIGNATURE_BYTES], data[SIGNATURE_BYTES:]
        if key is None or not hmac.compare_digest(signature, hmac.digest(key, body, "sha256")):
            return None
        try:
            value = pickle.loads(body)
        except Exception:  # noqa: BLE001 — a damaged entry is simply not used
            return None
        return value if isinstance(value, tuple) and len(value) == 2 else None

    def _save(self, entry: Path, value: tuple[Any, Any]) -> None:
        try:
            key = self._key_bytes(create=True)
            if key is None:
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(entry, hmac.digest(key, body, "sha256") + body, durable=False)
        except OSError:  # a read-only outputs/ only costs the next command a re-read
            pass
