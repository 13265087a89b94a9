"""The office's board: every unit's state with time and version, contact and phone, 未报 and
有误待改 first, filtered by state and unit type; counts, days to the deadline; the 催报 text to
copy; the download of every submission (one file as itself, several as a zip) and of 汇总表.xlsx;
closing and reopening the period; check and report run in the background."""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from reporter.pipeline import board as board_work
from reporter.pipeline.closing import close_period, reopen_period

from reporter.web.jobs import JobsBusy
from reporter.web.office_work import JOB_KINDS
from reporter.web.receipt import period_closed
from reporter.web.site import site, wants_json
from reporter.web.status import (
    FILED,
    NOT_REPORTED,
    REPORTED,
    TO_FIX,
    UnitStatus,
    days_left,
    deadline_text,
    statuses,
    units_on_file,
)
from reporter.web.unit_routes import XLSX, download

blueprint = Blueprint("office", __name__)
#: The order of the board: who needs chasing first.
STATE_ORDER = (NOT_REPORTED, TO_FIX, FILED, REPORTED)


def chat_text(rows: list[UnitStatus]) -> str:
    """The 催报 text for the units shown 未报 and 有误待改 (with their problems and contacts)."""
    s = site()
    missing = [r.unit for r in rows if r.state == NOT_REPORTED]
    faulty = [(r.unit, r.attempt.problems if r.attempt else 0) for r in rows if r.state == TO_FIX]
    return board_work.reminder_chat_text(s.ws.campaign, s.today(), missing, faulty)


@blueprint.get("/office/<token>")
def board(token: str) -> Response | str:
    s = site()
    campaign, today = s.ws.campaign, s.today()
    everyone = statuses(s.store, campaign, today, units_on_file(s.ws, campaign))
    counts = {state: sum(1 for r in everyone if r.state == state) for state in (REPORTED, FILED, TO_FIX, NOT_REPORTED)}
    state, kind = request.args.get("state", ""), request.args.get("kind", "")
    rows = sorted((r for r in everyone if (not state or r.state == state) and (not kind or r.unit.kind == kind)),
                  key=lambda r: STATE_ORDER.index(r.state))
    if wants_json():
        return jsonify({
            "period": campaign.period.key, "days_left": days_left(campaign, today), "counts": counts,
            "closed": period_closed(),
            "units": [{"short": r.unit.short, "state": r.state, "overdue": r.overdue, "late": r.late,
                       "kind": r.unit.kind, "contact": r.unit.contact, "phone": r.unit.phone,
                       "version": r.version.number if r.version else None,
                       "submitted_at": r.version.submitted_at.isoformat(sep=" ") if r.version else None}
                      for r in rows]})
    kinds = list(dict.fromkeys(u.kind for u in campaign.units))
    return render_template("board.html", campaign=campaign, token=token, csrf=s.csrf(token), rows=rows,
                           counts=counts, deadline=deadline_text(campaign, today), total=len(everyone),
                           states=STATE_ORDER, kinds=kinds, state=state, kind=kind, closed=period_closed(),
                           reminder=chat_text(everyone), filed=sum(1 for r in everyone if r.version))


@blueprint.post("/office/<token>/close")
def close(token: str) -> BaseResponse:
    """Close the period to uploads and web submissions (the units are told so in Chinese)."""
    close_period(site().ws.root, by="办公室看板")
    return redirect(url_for("office.board", token=token), 303)


@blueprint.post("/office/<token>/reopen")
def reopen(token: str) -> BaseResponse:
    """Open the period again."""
    reopen_period(site().ws.root)
    return redirect(url_for("office.board", token=token), 303)


@blueprint.get("/office/<token>/summary.xlsx")
def summary(token: str) -> Response:
    """汇总表.xlsx: every unit's figures of the period, one row per unit."""
    s = site()
    campaign = s.ws.campaign
    states = {r.unit.code: r.state for r in statuses(s.store, campaign, s.today(), units_on_file(s.ws, campaign))}
    return download(board_work.summary_table_bytes(s.ws, states), f"{campaign.period.label}汇总表.xlsx", XLSX)


@blueprint.get("/office/<token>/submissions.zip")
def submissions(token: str) -> Response:
    """The newest version of every unit that submitted, as <period>/<简称>.xlsx."""
    s = site()
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


@blueprint.get("/office/<token>/workbook.xlsx")
def workbook(token: str) -> Response:
    """One unit's newest version (``?unit=<简称>``; without it, the only one filed) as itself,
    <简称>.xlsx, not in a zip; 404 when there is no such single file."""
    s = site()
    campaign = s.ws.campaign
    period = campaign.period.key
    latest = s.store.latest_versions(period)
    wanted = request.args.get("unit", "")
    units = [u for u in campaign.units if u.code in latest and (u.short == wanted or not wanted)]
    if len(units) != 1:
        abort(404)
    data = s.store.content(period, units[0].code, latest[units[0].code].number)
    if data is None:
        abort(404)
    return download(data, f"{units[0].short}.xlsx", XLSX)


@blueprint.post("/office/<token>/jobs/<kind>")
def start_job(token: str, kind: str) -> tuple[Response, int]:
    s = site()
    if kind not in JOB_KINDS:
        abort(404)
    title, make = JOB_KINDS[kind]
    try:
        job = s.jobs.start(title, make(s.ws, s.store, s.today(), dict(request.form)))
    except JobsBusy as busy:
        return jsonify({"status": "error", "message": "；".join(busy.lines())}), 503
    return jsonify({**job.view(), "status_url": url_for("office.job", token=token, job_id=job.id)}), 202


@blueprint.get("/office/<token>/jobs/<job_id>")
def job(token: str, job_id: str) -> Response:
    s = site()
    found = s.jobs.get(job_id)
    if found is None:
        abort(404)
    view = found.view()
    if found.result is not None:
        view["result_url"] = url_for("office.job_result", token=token, job_id=job_id)
    return jsonify(view)


@blueprint.get("/office/<token>/jobs/<job_id>/result")
def job_result(token: str, job_id: str) -> Response:
    s = site()
    found = s.jobs.get(job_id)
    if found is None or found.result is None:
        abort(404)
    mimetype = "application/zip" if found.result_name.endswith(".zip") else "text/plain; charset=utf-8"
    return download(found.result, found.result_name, mimetype)
