"""A unit's own pages: its status and versions, the download of its form, and the upload.

An upload answers with the page (problems listed as 工作表!单元格 and message) or, with
``Accept: application/json``, ``{"status": "accepted"|"rejected", "problems": [...]}``.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from flask import Blueprint, Response, jsonify, render_template, request

from reporter.errors import Problem
from reporter.model import Unit
from reporter.pipeline.submit import UPLOAD_SUFFIXES, unit_form_bytes
from reporter.web.site import site, wants_json
from reporter.web.status import days_left, deadline_text, unit_status
from reporter.web.submissions import Outcome

blueprint = Blueprint("unit", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, name: str, mimetype: str) -> Response:
    """``data`` as a download named ``name`` (any characters, encoded per RFC 6266)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response.headers["Cache-Control"] = "no-store"
    return response


def problem_view(problem: Problem) -> dict[str, str | None]:
    """A problem as the JSON contract and the page show it."""
    return {"sheet": problem.sheet, "cell": problem.cell, "message": problem.message}


def outcome_json(outcome: Outcome) -> dict[str, object]:
    body: dict[str, object] = {"status": "accepted" if outcome.accepted else "rejected",
                               "problems": [problem_view(p) for p in outcome.problems],
                               "converted": outcome.converted}
    if outcome.version is not None:
        body["version"] = outcome.version.number
        body["sha256"] = outcome.version.sha256
    return body


def unit_page(token: str, unit: Unit, outcome: Outcome | None = None, status: int = 200) -> tuple[str, int]:
    s = site()
    campaign, today = s.ws.campaign, s.today()
    return render_template(
        "unit.html", unit=unit, campaign=campaign, token=token, csrf=s.csrf(token),
        status=unit_status(s.store, campaign, unit, today), deadline=deadline_text(campaign, today),
        versions=s.store.versions_of(campaign.period.key, unit.code), outcome=outcome,
        suffixes=",".join(UPLOAD_SUFFIXES), limit=s.max_upload), status


@blueprint.get("/u/<token>")
def page(token: str):
    s = site()
    unit = s.unit(token)
    if wants_json():
        campaign, today = s.ws.campaign, s.today()
        status = unit_status(s.store, campaign, unit, today)
        return jsonify({"unit": unit.name, "short": unit.short, "period": campaign.period.key,
                        "deadline": campaign.deadline.isoformat() if campaign.deadline else None,
                        "days_left": days_left(campaign, today), "state": status.state,
                        "version": status.version.number if status.version else None,
                        "csrf_token": s.csrf(token)})
    return unit_page(token, unit)


@blueprint.get("/u/<token>/form")
def form(token: str):
    s = site()
    unit = s.unit(token)
    return download(unit_form_bytes(s.ws, unit), f"{unit.short}.xlsx", XLSX)


@blueprint.post("/u/<token>/upload")
def upload(token: str):
    s = site()
    unit = s.unit(token)
    s.check_csrf(token)
    sent = request.files.get("workbook")
    if sent is None or not sent.filename:
        outcome = Outcome((Problem("", "没有选择文件，请选择本单位填好的填报表（.xlsx）后再上传"),), None, False)
    else:
        # Only the suffix of the client's file name is looked at; it never becomes a path.
        suffix = PurePath(sent.filename.replace("\\", "/")).suffix.lower()
        outcome = s.intake.submit(unit, sent.read(), suffix, "上传")
    code = 200 if outcome.accepted else 422
    if wants_json():
        return jsonify(outcome_json(outcome)), code
    return unit_page(token, unit, outcome, code)
