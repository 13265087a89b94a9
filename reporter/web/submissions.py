"""Taking in a unit's workbook: checked as ``reporter check`` checks it, every attempt recorded,
a clean one stored as a new immutable version and written atomically to inputs/<period>/ (in
the order ``web.filing`` describes, so that the two never disagree).

Concurrent uploads of different units never touch the same rows or file; two uploads of the
same unit get distinct version numbers from the database, and the file in inputs/ always ends
up holding the newest version (written under the unit's lock, only by the newest version).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from reporter.errors import Problem
from reporter.model import Unit
from reporter.pipeline.submit import Busy, CheckedUpload, check_upload, input_path
from reporter.web import quotas
from reporter.web.filing import file_version
from reporter.web.storage import Store, Version
from reporter.workspace import Workspace


@dataclass(frozen=True)
class Outcome:
    """What became of one upload: accepted as ``version``, or rejected with its problems."""

    problems: tuple[Problem, ...]
    version: Version | None
    converted: bool
    status: int = 422  # the HTTP status of a refusal: 422 problems, 429 over a quota, 503 busy

    @property
    def accepted(self) -> bool:
        return self.version is not None


#: The longest 填报人 kept (the database column also holds how the workbook came).
FILLED_BY_LIMIT = 100


class Intake:
    """The workspace's intake: checks uploads and keeps what is clean."""

    def __init__(self, ws: Workspace, store: Store):
        self.ws, self.store = ws, store
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
        campaign, display = self.ws.campaign, self.ws.relative(input_path(self.ws, unit))
        if refusal := quotas.too_often(self.store, campaign, unit):
            return Outcome((Problem(display, refusal),), None, False, status=429)
        try:
            checked = check_upload(self.ws, unit, data, suffix)
        except Busy as e:
            return Outcome((Problem(display, str(e)),), None, True, status=503)
        problems = checked.problems or self._field_problems(unit, checked)
        if problems or not checked.ok:
            self.store.add_attempt(self.period, unit.code, False, len(problems))
            return Outcome(problems, None, checked.converted)
        if refusal := quotas.too_much(self.store, campaign, unit, checked.workbook):
            return Outcome((Problem(display, refusal),), None, checked.converted, status=429)
        # Recorded once kept: an upload the disk had no room for leaves no trace (see web.filing).
        version = self._keep(unit, checked, channel)
        self.store.add_attempt(self.period, unit.code, True, 0)
        quotas.keep_original(self.store, campaign, unit, version.number, data)
        return Outcome((), version, checked.converted)

    def _field_problems(self, unit: Unit, checked: CheckedUpload) -> tuple[Problem, ...]:
        """What the database could not keep as written (the same limits on SQLite and PostgreSQL)."""
        filled_by = checked.submission.filled_by if checked.submission else ""
        if len(filled_by) > FILLED_BY_LIMIT:
            return (Problem(self.ws.relative(input_path(self.ws, unit)),
                            f"填报人一栏有 {len(filled_by)} 个字，超过 {FILLED_BY_LIMIT} 个字，请只填写填报人姓名"),)
        return ()

    def _keep(self, unit: Unit, checked: CheckedUpload, channel: str) -> Version:
        assert checked.submission is not None
        who = f"{checked.submission.filled_by or unit.short}（{channel}）"
        with self._lock(unit):
            return file_version(self.ws, self.store, unit, checked.workbook, who)
