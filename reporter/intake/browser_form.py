"""Figures and work notes typed into the browser, written into the unit's personalised form
exactly where a person filling it in Excel would type them, so the result is read and checked
by the same reader as any returned workbook.

A figure that reads as a number is stored as a number (as Excel stores what is typed into a
number cell); anything else is stored as the text typed, and the reader explains it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook

from reporter.intake import schema
from reporter.intake.values import clean_text
from reporter.model import Campaign, Submission, Unit
from reporter.publish.xlsx import set_text, workbook_bytes


@dataclass(frozen=True)
class NoteEntry:
    """One row of 工作举措 as typed: section title, title, text, highlight (是/否), order."""

    section: str
    title: str
    text: str
    highlight: str = ""
    order: str = ""


@dataclass(frozen=True)
class BrowserEntries:
    """Everything a unit typed into the page: indicator code -> (figure, remark), 填报人,
    联系电话, 填报日期, its work notes, and task id -> (进展状态, 进展说明)."""

    values: dict[str, tuple[str, str]] = field(default_factory=dict)
    filled_by: str = ""
    phone: str = ""
    filled_on: dt.date | None = None
    notes: tuple[NoteEntry, ...] = ()
    progress: dict[str, tuple[str, str]] = field(default_factory=dict)


def _typed(text: str) -> object:
    """What Excel would store for ``text`` typed into a number cell."""
    text = clean_text(text)
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    return int(number) if number == number.to_integral_value() and "." not in text else float(number)


def filled_form_bytes(form: bytes, campaign: Campaign, unit: Unit, entries: BrowserEntries,
                      stamp: dt.datetime) -> bytes:
    """``form`` (the unit's personalised workbook) with ``entries`` typed into it."""
    wb = load_workbook(io.BytesIO(form))
    info = wb[schema.SHEET_INFO]
    set_text(info[schema.info_cell("filled_by")], clean_text(entries.filled_by) or None)
    set_text(info[schema.info_cell("phone")], clean_text(entries.phone) or None)
    info[schema.info_cell("filled_on")].value = entries.filled_on
    values, value_columns = wb[schema.SHEET_VALUES], schema.VALUE_COLUMNS
    for index, indicator in enumerate(campaign.indicators_for(unit)):
        row = schema.TABLE_FIRST_ROW + index
        figure, remark = entries.values.get(indicator.code, ("", ""))
        cell = values[value_columns.cell("value", row)]
        cell.value = _typed(figure)
        if isinstance(cell.value, str):
            cell.data_type = "s"
        set_text(values[value_columns.cell("note", row)], clean_text(remark) or None)
    notes, note_columns = wb[schema.SHEET_NOTES], schema.NOTE_COLUMNS
    for index, note in enumerate(entries.notes[:schema.NOTE_ROWS]):
        row = schema.TABLE_FIRST_ROW + index
        for key, text in (("section", note.section), ("title", note.title), ("text", note.text),
                          ("highlight", note.highlight)):
            set_text(notes[note_columns.cell(key, row)], clean_text(text) or None)
        notes[note_columns.cell("order", row)].value = _typed(note.order)
    if schema.SHEET_PROGRESS in wb.sheetnames:
        progress, progress_columns = wb[schema.SHEET_PROGRESS], schema.PROGRESS_COLUMNS
        for row in range(schema.TABLE_FIRST_ROW, progress.max_row + 1):
            task_id = clean_text(progress[progress_columns.cell("id", row)].value)
            if task_id in entries.progress:
                state, remark = entries.progress[task_id]
                set_text(progress[progress_columns.cell("state", row)], clean_text(state) or None)
                set_text(progress[progress_columns.cell("note", row)], clean_text(remark) or None)
    return workbook_bytes(wb, stamp)


def _written(value: Decimal) -> str:
    """A figure as the web form shows it: 2770, 15.5."""
    return f"{value.normalize():f}"


def form_fields(submission: Submission, campaign: Campaign) -> dict[str, str]:
    """The web form's fields (by input name) holding what ``submission`` says: the fields a
    unit sees when it reopens the form to correct its current version."""
    titles = {section.code: section.title for section in campaign.sections}
    fields = {"filled_by": submission.filled_by, "phone": submission.phone,
              "filled_on": submission.filled_on.isoformat() if submission.filled_on else ""}
    for value in submission.values:
        fields[f"value-{value.indicator_code}"] = _written(value.value)
        fields[f"remark-{value.indicator_code}"] = value.note
    for n, note in enumerate(submission.notes):
        fields.update({f"note-section-{n}": titles.get(note.section_code, note.section_code),
                       f"note-title-{n}": note.title, f"note-text-{n}": note.text,
                       f"note-highlight-{n}": "是" if note.highlight else "否",
                       f"note-order-{n}": "" if note.order is None else str(note.order)})
    for progress in submission.progress:
        fields[f"task-state-{progress.task_id}"] = progress.state
        fields[f"task-note-{progress.task_id}"] = progress.note
    return fields
