"""Taking in a unit's workbook: checked as ``reporter check`` checks it, every attempt recorded,
a clean one stored as a new immutable version and written atomically to inputs/<period>/.

Concurrent uploads of different units never touch the same rows or file; two uploads of the
same unit get distinct version numbers from the database, and the file in inputs/ always ends
up holding the newest version (written under the unit's lock, only by the newest version).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reporter.errors import Problem
from reporter.model import Unit
from reporter.pipeline.submit import CheckedUpload, check_upload, input_path
from reporter.web.storage import Store, Version
from reporter.workspace import Workspace


@dataclass(frozen=True)
class Outcome:
    """What became of one upload: accepted as ``version``, or rejected with its problems."""

    problems: tuple[Problem, ...]
    version: Version | None
    converted: bool

    @property
    def accepted(self) -> bool:
        return self.version is not None


#: How an upload being written is named beside its destination: .upload-<pid>-<random>.tmp.
UPLOAD_PREFIX = ".upload-"


def sweep_uploads(inputs: Path) -> None:
    """Remove the uploads a server process that is gone was writing when it ended (killed, or
    the power cut): their names carry the writer's process number."""
    for temporary in inputs.glob(f"*/{UPLOAD_PREFIX}*.tmp"):
        writer = temporary.name[len(UPLOAD_PREFIX):].split("-", 1)[0]
        if writer.isdigit() and not _running(int(writer)):
            temporary.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_atomically(path: Path, data: bytes) -> None:
    """``path`` replaced by ``data`` in one step: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f"{UPLOAD_PREFIX}{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Intake:
    """The workspace's intake: checks uploads and keeps what is clean."""

    def __init__(self, ws: Workspace, store: Store):
        self.ws, self.store = ws, store
        sweep_uploads(ws.inputs)
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def _lock(self, unit: Unit) -> threading.Lock:
        with self._guard:
            return self._locks[unit.code]

    @property
    def period(self) -> str:
        return self.ws.campaign.period.key

    def submit(self, unit: Unit, data: bytes, suffix: str, channel: str) -> Outcome:
        """Check ``data`` as ``unit``'s workbook and keep it when clean; ``channel`` says how it
        came (上传, 网页填报)."""
        checked = check_upload(self.ws, unit, data, suffix)
        self.store.add_attempt(self.period, unit.code, checked.ok, len(checked.problems))
        if not checked.ok:
            return Outcome(checked.problems, None, checked.converted)
        return Outcome((), self._keep(unit, checked, channel), checked.converted)

    def _keep(self, unit: Unit, checked: CheckedUpload, channel: str) -> Version:
        assert checked.submission is not None
        who = f"{checked.submission.filled_by or unit.short}（{channel}）"
        digest = hashlib.sha256(checked.workbook).hexdigest()
        version = self.store.add_version(self.period, unit.code, digest, checked.workbook, who)
        with self._lock(unit):
            newest = self.store.versions_of(self.period, unit.code)[0]
            if newest.number == version.number:
                write_atomically(input_path(self.ws, unit), checked.workbook)
        return version
