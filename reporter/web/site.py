"""What the routes of the intake server share: the workspace, its records, the link checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, g, request

from reporter.model import Unit
from reporter.web.jobs import Jobs
from reporter.web.storage import Store
from reporter.web.submissions import Intake
from reporter.web.tokens import OFFICE, csrf_token, same, token_hash
from reporter.workspace import Workspace


@dataclass
class Site:
    """What the routes share: the workspace, its store and intake, the secret key, the jobs."""

    ws: Workspace
    store: Store
    intake: Intake
    key: bytes
    jobs: Jobs
    today: Callable[[], dt.date]
    max_upload: int

    def holder(self, token: str) -> str | None:
        """The name a link token opens (a unit code or ``OFFICE``), or None."""
        return self.store.name_of(token_hash(token))

    def unit(self, token: str) -> Unit:
        """The unit of a unit link; 404 for anything else."""
        name = self.holder(token)
        units = {u.code: u for u in self.ws.campaign.units}
        if name not in units:
            abort(404)
        return units[name]

    def office(self, token: str) -> None:
        """Nothing for the office's link; 404 for anything else."""
        if self.holder(token) != OFFICE:
            abort(404)

    def check_csrf(self, token: str) -> None:
        """403 unless the request carries the anti-forgery value of its link."""
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
        if not same(sent, csrf_token(self.key, token)):
            abort(403)

    def csrf(self, token: str) -> str:
        return csrf_token(self.key, token)


def site() -> Site:
    return g.site


def wants_json() -> bool:
    """Whether the client asked for JSON (``Accept: application/json``) rather than a page."""
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]
