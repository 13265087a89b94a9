"""``reporter notice``: the 督查通报 of a round, one 整改通知书 per unit with open problems, the ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reporter.documents.chart import CHART_MARKER, score_chart
from reporter.documents.notice import NOTICE, notice_context
from reporter.documents.rectification import RECTIFICATION, first_sequence, rectification_renderings
from reporter.documents.spec import Rendering
from reporter.errors import InputError, Problem, UsageError
from reporter.feedback import Progress, no_progress
from reporter.figures.scoring import score_round
from reporter.intake import schema
from reporter.pipeline.check import valid_inputs
from reporter.pipeline.output import Publication, checked_templates, document_stamp
from reporter.pipeline.proofreading import Built, proofreading
from reporter.publish.ledger import LEDGER_NAME, ledger_bytes
from reporter.workspace import open_workspace


def build_notice(root: str | Path, round_number: int | None = None, progress: Progress = no_progress) -> Built:
    """Write the 督查通报 of a round (the latest by default), one 整改通知书 per unit with open
    problems, and the rectification ledger; the 督查通报 is proofread."""
    ws = open_workspace(root)
    campaign = ws.campaign
    checked = valid_inputs(ws, campaign, progress, forms=False)
    if not checked.rounds:
        raise InputError([Problem(ws.relative(ws.inspections), "没有督查记录表：请按 templates/xlsx/"
                                  f"{schema.INSPECTION_MASTER_NAME} 填写每轮督查记录，放在这里")])
    numbers = [r.number for r in checked.rounds]
    number = numbers[-1] if round_number is None else round_number
    if number not in numbers:
        raise UsageError(f"没有第{number}轮督查记录（现有：{'、'.join(f'第{n}轮' for n in numbers)}）")
    checked_templates(ws, [NOTICE, RECTIFICATION])
    result = score_round(campaign, checked.rounds, number, checked.problem_records)
    context = notice_context(campaign, result, ledger=LEDGER_NAME)
    issued = result.round.issued
    stamp = dt.datetime.combine(issued, dt.time()) if issued else document_stamp(campaign)
    with Publication(ws, stamp, progress) as out:
        notice = out.document(NOTICE, Rendering(context, f"第{number}轮督查情况的通报", NOTICE.name,
                                                charts=((CHART_MARKER, score_chart(campaign, result)),)))
        first = first_sequence(campaign, checked.rounds, number, checked.problem_records)
        out.per_unit(RECTIFICATION, rectification_renderings(campaign, result, first), "生成整改通知书")
        out.file(ws.outputs / LEDGER_NAME, ledger_bytes(campaign, result, stamp))
    return Built(out.written, proofreading(ws, [notice]))
