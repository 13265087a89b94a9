"""The fast forms path: prepared styles, the master parsed once and forms built in worker
processes give byte for byte the workbooks of plain attribute-by-attribute styling."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from reporter.intake import build, schema
from reporter.intake.build import MasterForm
from reporter.intake.form_batch import forms_many
from reporter.intake.task_book import read_tasks
from reporter.model import Source
from reporter.publish import cellstyles, xlsx
from reporter.publish.cellstyles import CellStyle, apply_style
from reporter.workspace import load_campaign, open_workspace


def plain_styling(cell, style: CellStyle) -> None:
    """Styling without prepared styles: every attribute assigned on every cell."""
    for name in cellstyles._ATTRIBUTES:
        if getattr(style, name) is not None:
            setattr(cell, name, getattr(style, name))


@pytest.fixture
def batch(example_ws: Path):
    ws = open_workspace(example_ws)
    campaign = load_campaign(ws)
    tasks = read_tasks(Source(ws.inputs / "责任分解表.xlsx", "责任分解表.xlsx"), campaign).value
    master = ws.xlsx_templates / schema.MASTER_NAME
    return master, campaign, tuple(tasks or ())


def test_prepared_styles_give_the_bytes_of_plain_styling(batch, monkeypatch):
    master, campaign, tasks = batch
    fast = [build.form_bytes(MasterForm(master, "m"), "m", campaign, u, tasks) for u in campaign.units]
    monkeypatch.setattr(build, "apply_style", plain_styling)
    monkeypatch.setattr(xlsx, "apply_style", plain_styling)
    plain = [build.form_bytes(master, "m", campaign, u, tasks) for u in campaign.units]
    assert fast == plain
    assert len(set(fast)) == len(campaign.units)  # each unit's own form


def test_workers_give_the_forms_built_in_process(batch):
    master, campaign, tasks = batch
    parsed = MasterForm(master, "m")
    in_process = list(forms_many(parsed, campaign, tasks, workers=1))
    assert list(forms_many(parsed, campaign, tasks, workers=2)) == in_process
    names = [load_workbook(io.BytesIO(form))[schema.SHEET_INFO]["B3"].value for form in in_process]
    assert names == [u.name for u in campaign.units]


def test_each_form_starts_from_an_untouched_master(batch):
    master, campaign, tasks = batch
    parsed = MasterForm(master, "m")
    first = build.form_bytes(parsed, "m", campaign, campaign.units[0], tasks)
    for unit in campaign.units[1:4]:
        build.form_bytes(parsed, "m", campaign, unit, tasks)
    assert build.form_bytes(parsed, "m", campaign, campaign.units[0], tasks) == first


def test_a_prepared_style_keeps_what_it_does_not_set():
    wb = Workbook()
    ws = wb.active
    bold = CellStyle(font=Font(bold=True))
    ws["A1"].number_format = "0.00"
    for address in ("A1", "A2", "A1"):
        apply_style(ws[address], bold)
    assert ws["A1"].font.bold and ws["A1"].number_format == "0.00"
    assert ws["A2"].font.bold and ws["A2"].number_format == "General"

