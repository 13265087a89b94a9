"""Atomic file writes: a file is written in full under a temporary name in the folder it goes
to, then moved into place in one step (``os.replace``), so readers see the old file or the new
one, never a part of it, and a failed write leaves nothing behind.

The permission of the file written is explicit: ``OWNER_ONLY`` (0600) for secrets and what lies
beside the database, ``AS_CREATED`` (``None``) for the mode any new file gets under the
process's umask (outputs, caches, downloads), or an exact mode such as 0o644.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

#: Readable and writable by the owner only (secrets, files kept beside the database).
OWNER_ONLY = 0o600
#: The mode a newly created file gets under the process's umask (0o666 less the umask).
AS_CREATED: int | None = None
#: How temporary files end (the sweeps of killed runs look for it).
SUFFIX = ".tmp"


def _create(folder: Path, prefix: str, private: bool) -> tuple[int, Path]:
    """A new, empty file in ``folder`` named ``prefix`` + random + ``SUFFIX``, open for writing;
    private (0600) or as the umask makes new files."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        path = folder / f"{prefix}{secrets.token_hex(6)}{SUFFIX}"
        try:
            return os.open(path, flags, 0o600 if private else 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: no free temporary file name")


@contextmanager
def new_file(folder: Path, prefix: str, mode: int | None = AS_CREATED,
             durable: bool = True) -> Iterator[tuple[BinaryIO, Path]]:
    """A new temporary file in ``folder`` (``prefix`` + random + ``.tmp``) as an open binary
    handle and its path: private (0600) while written when an exact ``mode`` is asked for,
    else created as the umask makes new files (``AS_CREATED``). On leaving the block it is
    flushed, on disk when ``durable`` (fsync), and given ``mode``; on an error (or any
    exception) it is removed."""
    descriptor, path = _create(folder, prefix, private=mode is not None)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle, path
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_new(folder: Path, prefix: str, data: bytes, mode: int | None = AS_CREATED,
              durable: bool = True) -> Path:
    """``data`` written in full to a new temporary file in ``folder`` (see ``new_file``): the
    first half of an atomic write, for callers that move it into place later."""
    with new_file(folder, prefix, mode, durable) as (handle, path):
        handle.write(data)
    return path


@contextmanager
def replacing(path: Path, mode: int | None = AS_CREATED, durable: bool = True) -> Iterator[BinaryIO]:
    """An open binary handle whose content replaces ``path`` in one step when the block ends
    without an error (written beside it as ``.<name>.<random>.tmp``); on an error ``path`` is
    left as it was and nothing is left behind. ``mode`` and ``durable`` as in ``new_file``."""
    with new_file(path.parent, f".{path.name}.", mode, durable) as (handle, temporary):
        yield handle
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | str, mode: int | None = AS_CREATED, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one step; see ``replacing``."""
    with replacing(path, mode, durable) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
