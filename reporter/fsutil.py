"""Writing outputs safely: all-or-nothing batches of atomic file writes, reproducible zips.

A batch collects every output in a temporary file next to its destination and moves them
into place (``os.replace``) only when all of them were written, so a failed or interrupted
run leaves ``outputs/`` as it was.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class OutputBatch:
    """A set of files to be written together: ``add`` stages, ``commit`` publishes them all."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def add(self, destination: Path, data: bytes) -> None:
        """Stage ``data`` for ``destination`` in a temporary file in the same folder."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=destination.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            os.unlink(tmp)
            raise
        self._staged.append((Path(tmp), destination))

    def commit(self) -> list[Path]:
        """Move every staged file into place; returns the destinations."""
        done = []
        for tmp, destination in self._staged:
            os.replace(tmp, destination)
            done.append(destination)
        self._staged = []
        return done

    def discard(self) -> None:
        """Remove every staged temporary file."""
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged = []

    def __enter__(self) -> "OutputBatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def normalized_zip(data: bytes) -> bytes:
    """The same zip package with fixed entry timestamps and attributes, so equal content
    gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
