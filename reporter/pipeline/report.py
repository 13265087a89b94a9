"""``reporter report``: the 工作情况汇报 and its data-source workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reporter.documents.report import REPORT, ReportContext, report_context
from reporter.documents.spec import Rendering, draft_of
from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.figures.aggregate import aggregate, notes_by_section
from reporter.figures.history import History
from reporter.figures.progress import evaluate, reference_date, summary
from reporter.model import Campaign, Submission, Task
from reporter.pipeline.check import valid_inputs
from reporter.pipeline.history import looked_at, read_history
from reporter.pipeline.output import Publication, checked_templates, document_stamp
from reporter.pipeline.proofreading import proofreading
from reporter.pipeline.templates import template_source
from reporter.publish.sources import SOURCES_SUFFIX, sources_bytes
from reporter.workspace import Workspace, open_workspace
from reporter.workspace.periods import campaign_for


@dataclass
class ReportResult:
    """What ``reporter report`` wrote, notes that were not placed anywhere, and the
    proofreading notices on the report."""

    written: list[Path]
    warnings: list[str]
    proofreading: list[Problem] = field(default_factory=list)


def build_report(root: str | Path, allow_missing: bool = False,
                 progress: Progress = no_progress, period: str | None = None) -> ReportResult:
    """Render ``outputs/工作情况汇报.docx`` and its data-source workbook from the inputs of
    ``period`` ("2018-10"; the configured period when ``None``). With ``allow_missing``, a
    draft: ``outputs/工作情况汇报（草稿）.docx`` (草稿 in its header) and its own data-source
    workbook, whatever is missing marked; the final report is left as it is."""
    ws = open_workspace(root)
    campaign = campaign_for(ws.campaign, period)
    checked = valid_inputs(ws, campaign, progress, rounds=False)
    if checked.missing_units and not allow_missing:
        names = "、".join(u.short for u in checked.missing_units)
        raise InputError([Problem(ws.relative(ws.submissions_dir(campaign)), f"以下单位尚未报送：{names}")],
                         "汇报未生成。请催报后重试；如需先出草稿，请加 --allow-missing（缺数处会标为〔缺数〕或〔N个单位未报〕）")
    checked_templates(ws, [REPORT], "找不到汇报模板，请恢复该文件（可用 reporter init 生成一个起步模板）")
    history = history_for(ws, campaign, checked.submissions, checked.tasks, progress)
    context = context_of(campaign, checked.submissions, checked.tasks, history, allow_missing)
    title = context.values["活动"]["标题"]
    spec = draft_of(REPORT) if allow_missing else REPORT
    with Publication(ws, document_stamp(campaign), progress) as out:
        report = out.document(spec, Rendering(context.values, title, spec.name, marks=context.shown.marks,
                                               recorders=(context.shown, context.cursor), draft=allow_missing))
        # Rendering recorded which figures and notes the template showed: their sources follow.
        out.file(ws.outputs / f"{spec.name}{SOURCES_SUFFIX}",
                 sources_bytes(campaign, context.shown.items, context.placed_notes(), f"{title}-数据来源"))
    return ReportResult(out.written, context.unplaced_warnings(), proofreading(ws, [report]))


def history_for(ws: Workspace, campaign: Campaign, submissions: list[Submission], tasks: list[Task],
                progress: Progress = no_progress, template: Path | None = None) -> History:
    """The figures of this period and of the earlier ones the report template (``template``,
    the workspace's by default) looks back to (累计, 上期, 同期 and the comparison filters); only
    those months' workbooks are read (``reporter check`` checks the same months), none for a
    template that never looks back."""
    months = looked_at(campaign, template or template_source(ws, REPORT).path)
    if months:
        return read_history(ws, campaign, submissions, tasks, progress, months)
    return History(campaign, {campaign.period: aggregate(campaign, submissions)})


def context_of(campaign: Campaign, submissions: list[Submission], tasks: list[Task],
               history: History | None = None, allow_missing: bool = False) -> ReportContext:
    """What the report template is rendered with: the figures and notes of ``submissions``,
    the progress of ``tasks`` and, with ``history``, the earlier periods' figures; with
    ``allow_missing`` incomplete figures are marked (a draft) instead of refused."""
    history = history or History(campaign, {campaign.period: aggregate(campaign, submissions)})
    states = evaluate(tasks, submissions, reference_date(campaign))
    return report_context(campaign, history.current, notes_by_section(campaign, submissions), summary(states),
                          history, allow_missing)
