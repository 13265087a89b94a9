"""What a unit's stored version says, for the intake server: the receipt (回执) listing every
figure, work note and task state read from it, and the web form's fields filled with it for a
correction. The version's workbook is read by the same reader as ``reporter check``."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reporter.errors import InputError, Problem
from reporter.intake.browser_form import form_fields
from reporter.intake.unit_form import read_submission
from reporter.model import Source, Submission, Task, Unit
from reporter.pipeline.check import load_tasks
from reporter.pipeline.forms import last_period_figures
from reporter.pipeline.submit import input_path, unit_tasks
from reporter.publish import scratch
from reporter.workspace import Workspace

__all__ = ["FigureLine", "NoteLine", "Receipt", "TaskLine", "figure_text", "previous_figures", "read_version",
           "receipt_of", "version_fields"]


def figure_text(value: Decimal) -> str:
    """A figure as a person writes it: 2770, 15.5 (no exponent, no trailing zeros)."""
    return f"{value.normalize():f}"


def _tasks(ws: Workspace) -> tuple[Task, ...]:
    """The 责任分解表's tasks when it is valid (as uploads are read against it)."""
    try:
        return tuple(load_tasks(ws, ws.campaign))
    except InputError:
        return ()


@dataclass(frozen=True)
class FigureLine:
    """One indicator on the receipt: its name, the value read (blank when none), its measure,
    the remark, and the cell it was read from."""

    name: str
    value: str
    measure: str
    note: str
    cell: str


@dataclass(frozen=True)
class NoteLine:
    """One work note on the receipt, under its section's title."""

    section: str
    title: str
    text: str
    highlight: bool


@dataclass(frozen=True)
class TaskLine:
    """One task's progress on the receipt."""

    title: str
    state: str
    note: str


@dataclass(frozen=True)
class Receipt:
    """What the server read from a unit's version: who filled it, every figure, work note and
    task state, and what was read differently from how it was typed (``notices``)."""

    filled_by: str
    phone: str
    filled_on: dt.date | None
    figures: tuple[FigureLine, ...]
    notes: tuple[NoteLine, ...]
    tasks: tuple[TaskLine, ...]
    notices: tuple[Problem, ...]


def read_version(ws: Workspace, unit: Unit, data: bytes) -> tuple[Submission | None, tuple[Problem, ...]]:
    """The submission a stored version of ``unit`` holds (None when it no longer reads cleanly,
    e.g. after the configuration changed), and its notices; named as its file in inputs/."""
    display = ws.relative(input_path(ws, unit))
    with tempfile.TemporaryDirectory(prefix="reporter-version-", dir=scratch.current()) as folder:
        path = Path(folder) / "version.xlsx"
        path.write_bytes(data)
        found = read_submission(Source(path, display), ws.campaign, _tasks(ws))
    if not found.ok or found.value is None or found.unit_code != unit.code:
        return None, found.notices
    return found.value, found.notices


def receipt_of(ws: Workspace, unit: Unit, data: bytes) -> Receipt | None:
    """The receipt of the stored version ``data`` of ``unit``; None when it cannot be read."""
    submission, notices = read_version(ws, unit, data)
    if submission is None:
        return None
    campaign = ws.campaign
    values = {v.indicator_code: v for v in submission.values}
    figures = []
    for indicator in campaign.indicators_for(unit):
        found = values.get(indicator.code)
        figures.append(FigureLine(indicator.name, figure_text(found.value) if found else "", indicator.measure,
                                  found.note if found else "", f"{found.source.sheet}!{found.source.cell}" if found else ""))
    titles = {s.code: s.title for s in campaign.sections}
    notes = tuple(NoteLine(titles.get(n.section_code, n.section_code), n.title, n.text, n.highlight)
                  for n in submission.notes)
    progress = {p.task_id: p for p in submission.progress}
    tasks = tuple(TaskLine(t.title, progress[t.id].state if t.id in progress else "",
                           progress[t.id].note if t.id in progress else "")
                  for t in unit_tasks(ws, unit))
    return Receipt(submission.filled_by, submission.phone, submission.filled_on, tuple(figures), notes, tasks,
                   notices)


def version_fields(ws: Workspace, unit: Unit, data: bytes) -> dict[str, str]:
    """The web form's fields filled with what the stored version ``data`` holds (empty when it
    cannot be read), so a correction starts from the current figures."""
    submission, _ = read_version(ws, unit, data)
    return form_fields(submission, ws.campaign) if submission is not None else {}


def previous_figures(ws: Workspace, unit: Unit) -> dict[str, str]:
    """The unit's figures of last month (上期) by indicator code, as text, for the web form."""
    return {code: figure_text(value) for code, value in last_period_figures(ws, ws.campaign, unit).items()}
