"""The receipt (报送回执) a unit sees after an accepted upload or web submission, and later from
its page for any version: every figure with its name, value and measure, the work notes, the
task states, the version's number and time. Also what the unit page and the web form share:
the version a request names, and the refusal of a period the office has closed."""

from __future__ import annotations

from flask import abort, render_template, request

from reporter.errors import Problem
from reporter.model import Unit
from reporter.pipeline.receipt import receipt_of
from reporter.web.site import site
from reporter.web.status import deadline_text
from reporter.web.storage import Version
from reporter.web.submissions import Outcome
from reporter.workspace.closing import closed_message, is_closed

#: The HTTP status of a submission to a closed period.
CLOSED_STATUS = 409


def named_version(unit: Unit) -> Version:
    """The version ``?version=N`` names (the newest without it); 404 when the unit has none such."""
    s = site()
    versions = s.store.versions_of(s.ws.campaign.period.key, unit.code)
    wanted = request.args.get("version", "")
    if not versions:
        abort(404)
    if not wanted:
        return versions[0]
    found = next((v for v in versions if str(v.number) == wanted), None)
    if found is None:
        abort(404)
    return found


def period_closed() -> bool:
    """Whether the office has closed the period to submissions."""
    s = site()
    return is_closed(s.ws, s.ws.campaign.period)


def closed_outcome() -> Outcome:
    """The refusal of a submission to the closed period, in Chinese."""
    return Outcome((Problem("", closed_message(site().ws.campaign.period)),), None, False, status=CLOSED_STATUS)


def receipt_page(token: str, unit: Unit, version: Version, outcome: Outcome | None = None,
                 status: int = 200) -> tuple[str, int]:
    """The receipt of ``version``; after a submission, with its ``outcome`` on top."""
    s = site()
    campaign = s.ws.campaign
    content = s.store.content(campaign.period.key, unit.code, version.number)
    receipt = receipt_of(s.ws, unit, content) if content is not None else None
    newest = s.store.versions_of(campaign.period.key, unit.code)[0].number
    return render_template("receipt.html", unit=unit, campaign=campaign, token=token, version=version,
                           receipt=receipt, outcome=outcome, newest=newest,
                           deadline=deadline_text(campaign, s.today())), status
