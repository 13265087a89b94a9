"""Filling the form in the browser: a page generated from the unit's indicators and the
campaign's sections, each figure checked as it is typed (by the server, with the words of
``reporter check``), and a submission that becomes the same workbook a filled form would be."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, jsonify, render_template, request

from reporter.errors import Problem
from reporter.model import TASK_STATES, Unit
from reporter.pipeline.submit import (
    BrowserEntries,
    NoteEntry,
    browser_workbook,
    figure_problem,
    unit_tasks,
)
from reporter.web.site import site, wants_json
from reporter.web.status import deadline_text
from reporter.web.submissions import Outcome
from reporter.web.unit_routes import outcome_json

blueprint = Blueprint("fill", __name__)
NOTE_FIELDS = 5  # work-note rows offered on the page


def entries_from(form, unit: Unit) -> tuple[BrowserEntries, str | None]:
    """What the page sent, and a problem with the date when it is not one."""
    s = site()
    values = {i.code: (form.get(f"value-{i.code}", ""), form.get(f"remark-{i.code}", ""))
              for i in s.ws.campaign.indicators_for(unit)}
    notes = tuple(NoteEntry(form.get(f"note-section-{n}", ""), form.get(f"note-title-{n}", ""),
                            form.get(f"note-text-{n}", ""), form.get(f"note-highlight-{n}", ""),
                            form.get(f"note-order-{n}", ""))
                  for n in range(NOTE_FIELDS))
    progress = {t.id: (form.get(f"task-state-{t.id}", ""), form.get(f"task-note-{t.id}", ""))
                for t in unit_tasks(s.ws, unit)}
    filled_on, date_problem = None, None
    if form.get("filled_on"):
        try:
            filled_on = dt.date.fromisoformat(form["filled_on"])
        except ValueError:
            date_problem = "填报日期格式有误，请按 2018-11-20 的格式填写"
    entries = BrowserEntries(values, form.get("filled_by", ""), form.get("phone", ""), filled_on,
                             tuple(n for n in notes if n.section or n.title or n.text), progress)
    return entries, date_problem


def fill_page(token: str, unit: Unit, form=None, outcome: Outcome | None = None, status: int = 200):
    s = site()
    campaign = s.ws.campaign
    return render_template("fill.html", unit=unit, campaign=campaign, token=token, csrf=s.csrf(token),
                           indicators=campaign.indicators_for(unit), sections=campaign.sections,
                           notes=range(NOTE_FIELDS), tasks=unit_tasks(s.ws, unit), states=TASK_STATES,
                           form=form or {}, outcome=outcome,
                           deadline=deadline_text(campaign, s.today()), today=s.today().isoformat()), status


@blueprint.get("/u/<token>/fill")
def page(token: str):
    return fill_page(token, site().unit(token))


@blueprint.post("/u/<token>/fill")
def submit(token: str):
    s = site()
    unit = s.unit(token)
    s.check_csrf(token)
    entries, date_problem = entries_from(request.form, unit)
    if date_problem:
        outcome = Outcome((Problem("", date_problem),), None, False)
    else:
        outcome = s.intake.submit(unit, browser_workbook(s.ws, unit, entries), ".xlsx", "网页填报")
    code = 200 if outcome.accepted else 422
    if wants_json():
        return jsonify(outcome_json(outcome)), code
    return fill_page(token, unit, request.form, outcome, code)


@blueprint.post("/u/<token>/check-figure")
def check_figure(token: str):
    """One figure as typed: ``{"message": null}`` when valid, else the Chinese problem."""
    s = site()
    unit = s.unit(token)
    s.check_csrf(token)
    return jsonify({"message": figure_problem(s.ws, unit, request.form.get("code", ""),
                                              request.form.get("value", ""))})
