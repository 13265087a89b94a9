"""``reporter forms``: one personalised input workbook per unit, and the inspectors' record form."""

from __future__ import annotations

from pathlib import Path

from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.intake import inspection_form, schema
from reporter.intake.build import MasterForm
from reporter.intake.form_batch import forms_many
from reporter.model import Unit
from reporter.pipeline.check import load_tasks
from reporter.pipeline.output import Publication, document_stamp
from reporter.workspace import Workspace, open_workspace

FORMS_FOLDER = "forms"


def build_forms(root: str | Path, progress: Progress = no_progress) -> list[Path]:
    """Write one personalised input workbook per unit to ``outputs/forms/<简称>.xlsx``."""
    ws = open_workspace(root)
    campaign = ws.campaign
    master = ws.source(ws.xlsx_templates / schema.MASTER_NAME)
    if not master.path.is_file():
        raise InputError([Problem(master.display, "找不到填报表模板，请恢复该文件（可用 reporter init 重新生成）")])
    tasks = tuple(load_tasks(ws, campaign))
    with Publication(ws, document_stamp(campaign), progress) as out:
        out.replace_folder(ws.outputs / FORMS_FOLDER, (".xlsx",))
        forms = forms_many(MasterForm(master.path, master.display), campaign, tasks)
        for unit, form in zip(campaign.units, progress(forms, "生成填报表")):
            out.file(form_path(ws, unit), form)
        if campaign.inspection is not None:
            out.file(ws.outputs / FORMS_FOLDER / schema.INSPECTION_MASTER_NAME,
                     inspection_form.inspection_form_bytes(campaign))
    return out.written


def form_path(ws: Workspace, unit: Unit) -> Path:
    """Where ``reporter forms`` writes the workbook of ``unit``."""
    return ws.outputs / FORMS_FOLDER / f"{unit.short}.xlsx"
