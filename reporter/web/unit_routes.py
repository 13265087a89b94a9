"""A unit's own pages: its status and versions, the download of its form, and the upload.

An upload answers with the receipt of the new version (what was read), the page with its
problems listed as 工作表!单元格 and message, or, with ``Accept: application/json``,
``{"status": "accepted"|"rejected", "problems": [...], "receipt_url": ...}``. Once the office
has closed the period, uploads are refused in Chinese (409).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from urllib.parse import quote

from flask import Blueprint, Response, abort, g, jsonify, render_template, request, url_for

from reporter.errors import Problem
from reporter.model import Unit
from reporter.pipeline.submit import UPLOAD_SUFFIXES, unit_form_bytes
from reporter.web.policy import current_unit
from reporter.web.receipt import closed_outcome, named_version, period_closed, receipt_page
from reporter.web.site import site, wants_json
from reporter.web.status import days_left, deadline_text, unit_status, units_on_file
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
        body["receipt_url"] = url_for("unit.receipt", token=g.token, version=outcome.version.number)
    return body


def unit_page(token: str, unit: Unit, outcome: Outcome | None = None, status: int = 200) -> tuple[str, int]:
    s = site()
    campaign, today = s.ws.campaign, s.today()
    return render_template(
        "unit.html", unit=unit, campaign=campaign, token=token, csrf=s.csrf(token),
        status=unit_status(s.store, campaign, unit, today, unit.code in units_on_file(s.ws, campaign)),
        deadline=deadline_text(campaign, today), closed=period_closed(),
        versions=s.store.versions_of(campaign.period.key, unit.code), outcome=outcome,
        suffixes=",".join(UPLOAD_SUFFIXES), limit=s.max_upload), status


def answer(token: str, unit: Unit, outcome: Outcome,
           page: Callable[[Outcome, int], tuple[str, int]] | None = None) -> tuple[Response | str, int]:
    """What a submission answers: JSON when asked for; the receipt of the new version when
    accepted; else ``page`` (the page it came from) with the problems."""
    code = 200 if outcome.accepted else outcome.status
    if wants_json():
        return jsonify(outcome_json(outcome)), code
    if outcome.version is not None:
        return receipt_page(token, unit, outcome.version, outcome)
    return page(outcome, code) if page else unit_page(token, unit, outcome, code)


@blueprint.get("/u/<token>")
def page(token: str) -> Response | tuple[str, int]:
    s = site()
    unit = current_unit()
    if wants_json():
        campaign, today = s.ws.campaign, s.today()
        status = unit_status(s.store, campaign, unit, today, unit.code in units_on_file(s.ws, campaign))
        return jsonify({"unit": unit.name, "short": unit.short, "period": campaign.period.key,
                        "deadline": campaign.deadline.isoformat() if campaign.deadline else None,
                        "days_left": days_left(campaign, today), "state": status.state,
                        "version": status.version.number if status.version else None,
                        "csrf_token": s.csrf(token)})
    return unit_page(token, unit)


@blueprint.get("/u/<token>/form")
def form(token: str) -> Response:
    s = site()
    unit = current_unit()
    return download(unit_form_bytes(s.ws, unit), f"{unit.short}.xlsx", XLSX)


@blueprint.post("/u/<token>/upload")
def upload(token: str) -> tuple[Response | str, int]:
    s = site()
    unit = current_unit()
    sent = request.files.get("workbook")
    if period_closed():
        outcome = closed_outcome()
    elif sent is None or not sent.filename:
        outcome = Outcome((Problem("", "没有选择文件，请选择本单位填好的填报表（.xlsx）后再上传"),), None, False)
    else:
        # Only the suffix of the client's file name is looked at; it never becomes a path.
        suffix = PurePath(sent.filename.replace("\\", "/")).suffix.lower()
        with sent.stream:  # a large upload is spooled to a temporary file: closed now, not when collected
            data = sent.read()
        outcome = s.intake.submit(unit, data, suffix, "上传")
    return answer(token, unit, outcome)


@blueprint.get("/u/<token>/receipt")
def receipt(token: str) -> tuple[str, int]:
    """The receipt of the version ``?version=N`` (the newest without it), printable."""
    unit = current_unit()
    return receipt_page(token, unit, named_version(unit))


@blueprint.get("/u/<token>/version.xlsx")
def version_workbook(token: str) -> Response:
    """The workbook of the version ``?version=N`` (the newest without it), as the server keeps it."""
    s = site()
    unit = current_unit()
    version = named_version(unit)
    data = s.store.content(s.ws.campaign.period.key, unit.code, version.number)
    if data is None:
        abort(404)
    return download(data, f"{unit.short}（第{version.number}版）.xlsx", XLSX)
