"""The office's board: every unit's state with time and version, counts, days to the deadline;
the download of every submission as a zip; check and report run in the background."""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, abort, jsonify, render_template, request, url_for

from reporter.web.office_work import JOB_KINDS
from reporter.web.site import site, wants_json
from reporter.web.status import (
    NOT_REPORTED,
    REPORTED,
    TO_FIX,
    days_left,
    deadline_text,
    statuses,
)
from reporter.web.unit_routes import download

blueprint = Blueprint("office", __name__)


@blueprint.get("/office/<token>")
def board(token: str):
    s = site()
    s.office(token)
    campaign, today = s.ws.campaign, s.today()
    rows = statuses(s.store, campaign, today)
    counts = {state: sum(1 for r in rows if r.state == state) for state in (REPORTED, TO_FIX, NOT_REPORTED)}
    if wants_json():
        return jsonify({
            "period": campaign.period.key, "days_left": days_left(campaign, today), "counts": counts,
            "units": [{"short": r.unit.short, "state": r.state, "overdue": r.overdue,
                       "version": r.version.number if r.version else None,
                       "submitted_at": r.version.submitted_at.isoformat(sep=" ") if r.version else None}
                      for r in rows]})
    return render_template("board.html", campaign=campaign, token=token, csrf=s.csrf(token), rows=rows,
                           counts=counts, deadline=deadline_text(campaign, today), total=len(rows))


@blueprint.get("/office/<token>/submissions.zip")
def submissions(token: str):
    """The newest version of every unit that submitted, as <period>/<简称>.xlsx."""
    s = site()
    s.office(token)
    campaign = s.ws.campaign
    period = campaign.period.key
    latest = s.store.latest_versions(period)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for unit in campaign.units:
            if unit.code in latest:
                archive.writestr(f"{period}/{unit.short}.xlsx", s.store.content(period, unit.code,
                                                                                 latest[unit.code].number) or b"")
    return download(buffer.getvalue(), f"{campaign.period.label}各单位报送.zip", "application/zip")


@blueprint.post("/office/<token>/jobs/<kind>")
def start_job(token: str, kind: str):
    s = site()
    s.office(token)
    s.check_csrf(token)
    if kind not in JOB_KINDS:
        abort(404)
    title, make = JOB_KINDS[kind]
    job = s.jobs.start(title, make(s.ws, s.store, s.today(), dict(request.form)))
    return jsonify({**job.view(), "status_url": url_for("office.job", token=token, job_id=job.id)}), 202


@blueprint.get("/office/<token>/jobs/<job_id>")
def job(token: str, job_id: str):
    s = site()
    s.office(token)
    found = s.jobs.get(job_id)
    if found is None:
        abort(404)
    view = found.view()
    if found.result is not None:
        view["result_url"] = url_for("office.job_result", token=token, job_id=job_id)
    return jsonify(view)


@blueprint.get("/office/<token>/jobs/<job_id>/result")
def job_result(token: str, job_id: str):
    s = site()
    s.office(token)
    found = s.jobs.get(job_id)
    if found is None or found.result is None:
        abort(404)
    mimetype = "application/zip" if found.result_name.endswith(".zip") else "text/plain; charset=utf-8"
    return download(found.result, found.result_name, mimetype)
