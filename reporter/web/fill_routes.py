"""Filling the form in the browser: a page generated from the unit's indicators and the
campaign's sections, each figure checked as it is typed (by the server, with the words of
``reporter check``), and a submission that becomes the same workbook a filled form would be.

The page opens holding the unit's current version (a correction changes what it must and
submits a new version), with last month's figure (上期) beside each indicator; an accepted
submission answers with its receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from flask import Blueprint, Response, jsonify, render_template, request

from reporter.errors import Problem
from reporter.model import TASK_STATES, Unit
from reporter.pipeline.receipt import previous_figures, version_fields
from reporter.pipeline.submit import (
    BrowserEntries,
    NoteEntry,
    browser_workbook,
    figure_problem,
    unit_tasks,
)
from reporter.web.policy import current_unit
from reporter.web.receipt import closed_outcome, period_closed
from reporter.web.site import site
from reporter.web.status import deadline_text
from reporter.web.submissions import Outcome
from reporter.web.unit_routes import answer

blueprint = Blueprint("fill", __name__)
NOTE_FIELDS = 5  # empty work-note rows offered on the page at least
NOTE_LIMIT = 60  # the rows of the form's 工作举措 sheet


def note_rows(form: Mapping[str, str]) -> int:
    """How many work-note rows the page has (``note_rows``, as many as the version it opened
    with held), within the form's limit."""
    sent = str(form.get("note_rows", ""))
    return min(int(sent), NOTE_LIMIT) if sent.isdigit() else NOTE_FIELDS


def entries_from(form: Mapping[str, str], unit: Unit) -> tuple[BrowserEntries, str | None]:
    """What the page sent, and a problem with the date when it is not one."""
    s = site()
    values = {i.code: (form.get(f"value-{i.code}", ""), form.get(f"remark-{i.code}", ""))
              for i in s.ws.campaign.indicators_for(unit)}
    notes = tuple(NoteEntry(form.get(f"note-section-{n}", ""), form.get(f"note-title-{n}", ""),
                            form.get(f"note-text-{n}", ""), form.get(f"note-highlight-{n}", ""),
                            form.get(f"note-order-{n}", ""))
                  for n in range(note_rows(form)))
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


def current_fields(unit: Unit) -> tuple[dict[str, str], int | None]:
    """The fields of the unit's newest version, and its number (empty and None without one)."""
    s = site()
    period = s.ws.campaign.period.key
    versions = s.store.versions_of(period, unit.code)
    content = s.store.content(period, unit.code, versions[0].number) if versions else None
    if content is None:
        return {}, None
    return version_fields(s.ws, unit, content), versions[0].number


def fill_page(token: str, unit: Unit, form: Mapping[str, str] | None = None, outcome: Outcome | None = None,
              status: int = 200, version: int | None = None) -> tuple[str, int]:
    s = site()
    campaign = s.ws.campaign
    form = form or {}
    notes = sum(1 for key in form if key.startswith("note-text-"))
    rows = max(note_rows(form) if "note_rows" in form else 0, NOTE_FIELDS, min(notes + 1, NOTE_LIMIT))
    return render_template("fill.html", unit=unit, campaign=campaign, token=token, csrf=s.csrf(token),
                           indicators=campaign.indicators_for(unit), sections=campaign.sections,
                           notes=range(rows), tasks=unit_tasks(s.ws, unit), states=TASK_STATES,
                           form=form, outcome=outcome, version=version, closed=period_closed(),
                           previous=previous_figures(s.ws, unit),
                           deadline=deadline_text(campaign, s.today()), today=s.today().isoformat()), status


@blueprint.get("/u/<token>/fill")
def page(token: str) -> tuple[str, int]:
    unit = current_unit()
    fields, version = current_fields(unit)
    return fill_page(token, unit, fields, version=version)


@blueprint.post("/u/<token>/fill")
def submit(token: str) -> tuple[Response | str, int]:
    s = site()
    unit = current_unit()
    entries, date_problem = entries_from(request.form, unit)
    if period_closed():
        outcome = closed_outcome()
    elif date_problem:
        outcome = Outcome((Problem("", date_problem),), None, False)
    else:
        outcome = s.intake.submit(unit, browser_workbook(s.ws, unit, entries), ".xlsx", "网页填报")
    return answer(token, unit, outcome, lambda refused, code: fill_page(token, unit, request.form, refused, code))


@blueprint.post("/u/<token>/check-figure")
def check_figure(token: str) -> Response:
    """One figure as typed: ``{"message": null}`` when valid, else the Chinese problem."""
    s = site()
    unit = current_unit()
    return jsonify({"message": figure_problem(s.ws, unit, request.form.get("code", ""),
                                              request.form.get("value", ""))})
