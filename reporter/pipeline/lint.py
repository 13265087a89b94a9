"""``reporter lint``: every problem the command that uses a template would meet, found first.

A template is checked as written (syntax, names, tags split by Word, curly quotes) and then
rendered the way its command renders it, with the same renderer and the same contexts, so a
template that ``report``, ``tasks``, ``notice`` or ``remind`` would refuse is refused here at
the same paragraph or table cell. Which document a template is for follows from its file name
(``督查通报.docx`` …); any other name is taken for a report template.

The contexts come from the workspace's inputs. Units that have not reported, or whose workbook
is not valid, are stood in for with made-up figures (``trial_data``), so a report template can
be tried before the period's workbooks are in; the result says when that was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reporter.documents.catalog import DOCUMENTS
from reporter.documents.notice import (
    NOTICE,
    RECTIFICATION,
    notice_context,
    rectification_renderings,
)
from reporter.documents.remind import REMINDER, reminder_context
from reporter.documents.report import REPORT
from reporter.documents.spec import DocumentSpec, Rendering
from reporter.documents.tasks import (
    BREAKDOWN,
    TASK_LIST,
    breakdown_rendering,
    task_list_renderings,
)
from reporter.errors import InputError, Problem, ReporterError, UsageError
from reporter.feedback import no_progress
from reporter.figures.progress import evaluate, reference_date
from reporter.figures.scoring import RoundResult, score_round
from reporter.model import Source
from reporter.pipeline.check import CheckResult, read_checked
from reporter.pipeline.output import document_stamp, render_limits
from reporter.pipeline.remind import reporting_status
from reporter.pipeline.report import context_of, history_for
from reporter.pipeline.trial_data import completed
from reporter.render.bounded import run_bounded
from reporter.render.lint import lint_template
from reporter.render.renderer import DocumentInfo, Renderer
from reporter.workspace import Workspace, open_workspace


@dataclass
class LintResult:
    """What ``reporter lint`` found in a template, and what it was tried against."""

    problems: list[Problem]
    # One sentence each, in Chinese: the data the template was rendered with, or why it was not.
    notes: list[str] = field(default_factory=list)


@dataclass
class Trial:
    """The documents to render a template as, and what they were made from."""

    renderings: list[Rendering]
    notes: list[str]


def lint(root: str | Path, template: str | Path) -> LintResult:
    """Every problem of ``template``, checked as written and rendered against the workspace."""
    ws = open_workspace(root)
    path = Path(template)
    if not path.is_file():
        raise UsageError(f"{template}: 找不到模板文件，请检查路径")
    source = Source(path, ws.relative(path))
    # Checking evaluates the template (constant expressions, the trial renders): bounded as a render.
    return run_bounded(source.display, render_limits(ws), lambda: _checked(ws, source))


def _checked(ws: Workspace, source: Source) -> LintResult:
    path = source.path
    spec = spec_for(path)
    problems = lint_template(path, source.display, spec.vocabulary(ws.campaign), spec.template_filters())
    if problems:
        return LintResult(problems)  # the command refuses these before it renders anything
    try:
        trial = TRIALS[spec.name](ws, path)
    except ReporterError as e:  # the inputs, not the template: the command would stop there too
        return LintResult([], [f"未能按{spec.name}的数据试排（{'；'.join(e.lines())}），只检查了模板的写法"])
    return LintResult(trial_problems(ws, source, spec, trial.renderings), trial.notes)


def spec_for(template: Path) -> DocumentSpec:
    """The document type a template is for, by its file name; a report by default."""
    return next((spec for spec in DOCUMENTS if spec.template == template.name), REPORT)


def trial_problems(ws: Workspace, source: Source, spec: DocumentSpec, renderings: list[Rendering]) -> list[Problem]:
    """The problems met rendering each of ``renderings``, each told once."""
    try:
        renderer = Renderer(source, spec.template_filters())
    except InputError as e:
        return e.problems
    stamp = document_stamp(ws.campaign)
    found: dict[str, Problem] = {}
    for rendering in renderings:
        try:
            renderer.render(rendering.context, DocumentInfo(rendering.title, ws.campaign.office, stamp), rendering.merges)
        except InputError as e:
            found.update((str(p), p) for p in e.problems)
    return list(found.values())


def _inputs(ws: Workspace, forms: bool, rounds: bool) -> CheckResult:
    return read_checked(ws, ws.campaign, no_progress, forms, rounds)


def report_trial(ws: Workspace, template: Path) -> Trial:
    """The report as ``reporter report`` renders it, missing units stood in for."""
    checked = _inputs(ws, forms=True, rounds=False)
    submissions, stood_in = completed(ws.campaign, checked.submissions)
    context = context_of(ws.campaign, submissions, checked.tasks,
                         history_for(ws, ws.campaign, submissions, checked.tasks, template=template))
    notes = []
    if stood_in:
        names = "、".join(u.short for u in stood_in[:5]) + ("等" if len(stood_in) > 5 else "")
        notes.append(f"{names} {len(stood_in)} 个单位尚未报送或填报表有误，试排时用虚拟数据代替")
    else:
        notes.append(f"已按{ws.campaign.period.label}各单位报送的数据试排")
    return Trial([Rendering(context.values, context.values["活动"]["标题"], REPORT.name)], notes)


def _task_data(ws: Workspace) -> tuple[CheckResult, Trial | None]:
    checked = _inputs(ws, forms=True, rounds=False)
    if not checked.tasks:
        return checked, Trial([], ["责任分解表中没有可用的任务，只检查了模板的写法"])
    return checked, None


def breakdown_trial(ws: Workspace, template: Path) -> Trial:
    """The 责任分解表 as ``reporter tasks`` renders it."""
    checked, nothing = _task_data(ws)
    if nothing:
        return nothing
    return Trial([breakdown_rendering(ws.campaign, checked.tasks)], [f"已按责任分解表的 {len(checked.tasks)} 项任务试排"])


def task_list_trial(ws: Workspace, template: Path) -> Trial:
    """Every unit's 任务清单 as ``reporter tasks`` renders them."""
    checked, nothing = _task_data(ws)
    if nothing:
        return nothing
    on = reference_date(ws.campaign)
    states = evaluate(checked.tasks, checked.submissions, on)
    renderings = task_list_renderings(ws.campaign, checked.tasks, states, on)
    return Trial(renderings, [f"已按责任分解表试排 {len(renderings)} 个单位的任务清单"])


def _round(ws: Workspace) -> RoundResult | None:
    """The latest inspection round scored, when the rounds can be read without problems."""
    checked = _inputs(ws, forms=False, rounds=True)
    if not checked.rounds or checked.problems:
        return None
    return score_round(ws.campaign, checked.rounds, checked.rounds[-1].number, checked.problem_records)


NO_ROUND = "没有可用的督查记录表，只检查了模板的写法"


def notice_trial(ws: Workspace, template: Path) -> Trial:
    """The 督查通报 of the latest round, as ``reporter notice`` renders it."""
    result = _round(ws)
    if result is None:
        return Trial([], [NO_ROUND])
    number = result.round.number
    rendering = Rendering(notice_context(ws.campaign, result), f"第{number}轮督查情况的通报", NOTICE.name)
    return Trial([rendering], [f"已按第{number}轮督查记录试排"])


def rectification_trial(ws: Workspace, template: Path) -> Trial:
    """Every 整改通知书 of the latest round, as ``reporter notice`` renders them."""
    result = _round(ws)
    if result is None:
        return Trial([], [NO_ROUND])
    renderings = rectification_renderings(ws.campaign, result)
    return Trial(renderings, [f"已按第{result.round.number}轮督查记录试排 {len(renderings)} 份整改通知书"])


def remind_trial(ws: Workspace, template: Path) -> Trial:
    """The 催报通知 as ``reporter remind`` would render it today."""
    status = reporting_status(_inputs(ws, forms=True, rounds=False), dt.date.today())
    return Trial([Rendering(reminder_context(status), "催报通知", REMINDER.name)], ["已按今天的报送情况试排"])


# Each document's trial: the workspace and the template being checked.
TRIALS: dict[str, Callable[[Workspace, Path], Trial]] = {
    REPORT.name: report_trial,
    BREAKDOWN.name: breakdown_trial, TASK_LIST.name: task_list_trial,
    NOTICE.name: notice_trial, RECTIFICATION.name: rectification_trial,
    REMINDER.name: remind_trial,
}
