"""``reporter tasks``: the 责任分解表, one 任务清单 per involved unit, and the task progress workbook."""

from __future__ import annotations

from pathlib import Path

from reporter.documents.tasks import (
    BREAKDOWN,
    TASK_LIST,
    breakdown_rendering,
    task_list_renderings,
)
from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.figures.progress import evaluate, reference_date
from reporter.intake import schema
from reporter.pipeline.check import valid_inputs
from reporter.pipeline.output import Publication, checked_templates, document_stamp
from reporter.pipeline.proofreading import Built, proofreading
from reporter.publish.progress_book import PROGRESS_BOOK_NAME, progress_bytes
from reporter.workspace import open_workspace
from reporter.workspace.periods import campaign_for


def build_tasks(root: str | Path, progress: Progress = no_progress, period: str | None = None) -> Built:
    """Write the 责任分解表, one 任务清单 per involved unit and the task progress workbook; the
    责任分解表 is proofread."""
    ws = open_workspace(root)
    campaign = campaign_for(ws.campaign, period)
    checked = valid_inputs(ws, campaign, progress, rounds=False)
    if not ws.tasks_path.exists():
        raise InputError([Problem(ws.relative(ws.tasks_path), "找不到责任分解表，请按 templates/xlsx/"
                                  f"{schema.TASK_MASTER_NAME} 的格式填写后放在这里")])
    if not checked.tasks:
        raise InputError([Problem(ws.relative(ws.tasks_path), "责任分解表中还没有任务，请从第 3 行起逐行填写")])
    checked_templates(ws, [BREAKDOWN, TASK_LIST])
    on = reference_date(campaign)
    states = evaluate(checked.tasks, checked.submissions, on)
    stamp = document_stamp(campaign)
    with Publication(ws, stamp, progress) as out:
        breakdown = out.document(BREAKDOWN, breakdown_rendering(campaign, checked.tasks))
        out.per_unit(TASK_LIST, task_list_renderings(campaign, checked.tasks, states, on), "生成任务清单")
        out.file(ws.outputs / PROGRESS_BOOK_NAME, progress_bytes(campaign, states, stamp))
    return Built(out.written, proofreading(ws, [breakdown]))
