"""What the routes of the intake server share: the workspace, its records, the secret key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import g, request

from reporter.web.jobs import Jobs
from reporter.web.storage import Store
from reporter.web.submissions import Intake
from reporter.web.tokens import csrf_token
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
    notes: list[str] = field(default_factory=list)  # what was repaired as the server started

    def csrf(self, token: str) -> str:
        """The anti-forgery value the pages of the link ``token`` carry (checked by ``web.policy``)."""
        return csrf_token(self.key, token)


def site() -> Site:
    return g.site


def wants_json() -> bool:
    """Whether the client asked for JSON (``Accept: application/json``) rather than a page."""
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]
