"""``reporter forms``: one personalised input workbook per unit, and the inspectors' record form."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.intake import inspection_form, schema
from reporter.intake.build import MasterForm
from reporter.intake.collect import read_unit_forms
from reporter.intake.form_batch import forms_many
from reporter.intake.previous import previous_values
from reporter.intake.read_cache import ReadCache
from reporter.intake.unit_form import read_submission
from reporter.model import Campaign, Task, Unit
from reporter.pipeline.check import load_tasks
from reporter.pipeline.output import Publication, document_stamp
from reporter.workspace import Workspace, open_workspace
from reporter.workspace.periods import campaign_for

FORMS_FOLDER = "forms"
#: What the forms call last month's figures.
PREVIOUS_LABEL = "上期"


def build_forms(root: str | Path, progress: Progress = no_progress, period: str | None = None) -> list[Path]:
    """Write one personalised input workbook per unit to ``outputs/forms/<年-月>/<简称>.xlsx``
    (each month's forms in their own folder, so that another month's never replace them);
    with ``period`` ("2018-12"), that month's forms, showing each unit's values of the month
    before (when its workbooks are in inputs/) beside the figures, for reference."""
    ws = open_workspace(root)
    campaign = campaign_for(ws.campaign, period)
    master = ws.source(ws.xlsx_templates / schema.MASTER_NAME)
    if not master.path.is_file():
        raise InputError([Problem(master.display, "找不到填报表模板，请恢复该文件（可用 reporter init 重新生成）")])
    tasks = tuple(load_tasks(ws, campaign))
    earlier = _previous(ws, campaign, tasks) if period is not None else None
    folder = forms_folder(ws, campaign)
    with Publication(ws, document_stamp(campaign), progress) as out:
        out.replace_folder(folder, (".xlsx",))
        # Forms written straight into outputs/forms/ by earlier versions leave it.
        out.replace_folder(ws.outputs / FORMS_FOLDER, (".xlsx",))
        forms = forms_many(MasterForm(master.path, master.display), campaign, tasks, earlier)
        for unit, form in zip(campaign.units, progress(forms, "生成填报表")):
            out.file(form_path(ws, campaign, unit), form)
        if campaign.inspection is not None:
            out.file(folder / schema.INSPECTION_MASTER_NAME, inspection_form.inspection_form_bytes(campaign))
    return out.written


def _previous(ws: Workspace, campaign: Campaign,
              tasks: tuple[Task, ...]) -> tuple[str, dict[str, dict[str, Decimal]]] | None:
    """The month before's label and each unit's values then; None without its workbooks."""
    before = replace(campaign, period=campaign.period.shifted(-1))
    found = read_unit_forms(ws, before, tasks)
    if found.problems:
        raise InputError(list(found.problems), f"上期填报表有 {len(found.problems)} 处问题，填报表未生成，请修改后重试")
    if not found.files:
        return None
    return PREVIOUS_LABEL, previous_values(list(found.submissions))


def last_period_figures(ws: Workspace, campaign: Campaign, unit: Unit) -> dict[str, Decimal]:
    """The unit's figures of the month before the campaign's period (上期), by indicator code,
    for its form and the web form, beside each figure: what its workbook in inputs/<上月>/
    (named by its short or full name, as the server and ``reporter links`` file them) gave when
    it reads without problems; empty otherwise, since a reference never stops a form. Only the
    unit's own workbook is read (or taken from what ``reporter check`` remembered)."""
    before = replace(campaign, period=campaign.period.shifted(-1))
    folder = ws.submissions_dir(before)
    cache = ReadCache(ws, before.period.key)
    tasks = _tasks_or_none(ws, before)
    for name in dict.fromkeys((unit.short, unit.name)):
        path = folder / f"{name}.xlsx"
        if path.is_file():
            source = ws.source(path)
            found = cache.read("form", path, lambda: read_submission(source, before, tasks))
            if found.ok and found.value is not None and found.unit_code == unit.code:
                return {v.indicator_code: v.value for v in found.value.values}
    return {}


def _tasks_or_none(ws: Workspace, campaign: Campaign) -> tuple[Task, ...]:
    try:
        return tuple(load_tasks(ws, campaign))
    except InputError:
        return ()


def forms_folder(ws: Workspace, campaign: Campaign) -> Path:
    """Where ``reporter forms`` writes the forms of the campaign's period: outputs/forms/2018-11/."""
    return ws.outputs / FORMS_FOLDER / campaign.period.key


def form_path(ws: Workspace, campaign: Campaign, unit: Unit) -> Path:
    """Where ``reporter forms`` writes the workbook of ``unit`` for the campaign's period."""
    return forms_folder(ws, campaign) / f"{unit.short}.xlsx"
