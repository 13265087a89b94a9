"""``reporter lint``: every problem the command that uses a template would meet, found first.

A template is checked as written (syntax, names, tags split by Word, curly quotes) and then
rendered the way its command renders it, with the same renderer and the same contexts, so a
template that ``report``, ``tasks``, ``notice`` or ``remind`` would refuse is refused here at
the same paragraph or table cell. Which document a template is for follows from its file name
(``督查通报.docx`` …); any other name is taken for a report template.

The contexts come from the workspace's inputs, for the configured period or the one asked for
(``--period``). Units that have not reported, or whose workbook is not valid, are stood in for
with made-up figures (``trial_data``), so a report template can be tried before the period's
workbooks are in; so are the earlier months a template looks back to (累计, 上期, 同期 and the
comparisons) where their workbooks are missing or not valid. The result says when that was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reporter.documents.catalog import DOCUMENTS
from reporter.documents.notice import NOTICE, notice_context
from reporter.documents.periods import HISTORY_WORDS
from reporter.documents.rectification import RECTIFICATION, rectification_renderings
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
from reporter.figures.history import History
from reporter.figures.progress import evaluate, reference_date
from reporter.figures.scoring import RoundResult, score_round
from reporter.intake.collect import submission_files
from reporter.model import Campaign, Period, Source, Unit
from reporter.pipeline.check import CheckResult, read_checked
from reporter.pipeline.history import StoodIn, looked_at, trial_history
from reporter.pipeline.output import document_stamp, render_limits
from reporter.pipeline.remind import reporting_status
from reporter.pipeline.report import context_of
from reporter.pipeline.templates import OTHER_FORMATS, usable_source
from reporter.pipeline.trial_data import completed
from reporter.render.bounded import run_bounded
from reporter.render.lint import lint_template, tag_notices
from reporter.render.mentions import mentions
from reporter.render.renderer import DocumentInfo, Renderer
from reporter.workspace import Workspace, open_workspace
from reporter.workspace.periods import campaign_for


@dataclass
class LintResult:
    """What ``reporter lint`` found in a template, and what it was tried against."""

    problems: list[Problem]
    # One sentence each, in Chinese: the data the template was rendered with, or why it was not.
    notes: list[str] = field(default_factory=list)
    # How tags typed in Chinese punctuation or with mixed formatting were read: never errors.
    notices: list[Problem] = field(default_factory=list)


@dataclass
class Trial:
    """The documents to render a template as, and what they were made from."""

    renderings: list[Rendering]
    notes: list[str]


def lint(root: str | Path, template: str | Path, period: str | None = None) -> LintResult:
    """Every problem of ``template``, checked as written and rendered against the workspace's
    inputs of ``period`` ("2018-10"; the configured period when ``None``)."""
    ws = open_workspace(root)
    campaign = campaign_for(ws.campaign, period)
    path = Path(template)
    if not path.is_file():
        raise UsageError(f"{template}: 找不到模板文件，请检查路径")
    spec = spec_for(path)
    if period is not None and spec.name in BY_ROUND:
        raise UsageError(f"{spec.name}模板按最近一轮督查记录试排，与报送期无关，请去掉 --period")
    converted: list[str] = []  # a .doc or .wps is checked as LibreOffice converts it, saying so
    source = usable_source(ws, path, converted.append)
    # Checking evaluates the template (constant expressions, the trial renders): bounded as a render.
    result = run_bounded(source.display, render_limits(ws), lambda: _checked(ws, campaign, source))
    result.notes[:0] = converted
    result.notices = tag_notices(source.path, source.display)
    return result


def _checked(ws: Workspace, campaign: Campaign, source: Source) -> LintResult:
    path = source.path
    spec = spec_for(path)
    problems = lint_template(path, source.display, spec.vocabulary(campaign), spec.template_filters())
    if problems:
        return LintResult(problems)  # the command refuses these before it renders anything
    try:
        trial = TRIALS[spec.name](ws, campaign, path)
    except ReporterError as e:  # the inputs, not the template: the command would stop there too
        return LintResult([], [f"未能按{spec.name}的数据试排（{'；'.join(e.lines())}），只检查了模板的写法"])
    return LintResult(trial_problems(ws, campaign, source, spec, trial.renderings), trial.notes)


def spec_for(template: Path) -> DocumentSpec:
    """The document type a template is for, by its file name (a .doc or .wps counts as the .docx
    of its name); a report by default."""
    name = template.with_suffix(".docx").name if template.suffix.lower() in OTHER_FORMATS else template.name
    return next((spec for spec in DOCUMENTS if spec.template == name), REPORT)


def trial_problems(ws: Workspace, campaign: Campaign, source: Source, spec: DocumentSpec,
                   renderings: list[Rendering]) -> list[Problem]:
    """The problems met rendering each of ``renderings``, each told once."""
    try:
        renderer = Renderer(source, spec.template_filters())
    except InputError as e:
        return e.problems
    stamp = document_stamp(campaign)
    found: dict[str, Problem] = {}
    for rendering in renderings:
        try:
            renderer.render(rendering.context, DocumentInfo(rendering.title, campaign.office, stamp), rendering.merges)
        except InputError as e:
            found.update((str(p), p) for p in e.problems)
    return list(found.values())


def _inputs(ws: Workspace, campaign: Campaign, forms: bool, rounds: bool) -> CheckResult:
    return read_checked(ws, campaign, no_progress, forms, rounds)


STOOD_IN = "试排时用虚拟数据代替"


def report_trial(ws: Workspace, campaign: Campaign, template: Path) -> Trial:
    """The report as ``reporter report`` renders it for ``campaign``'s period: units without a
    valid workbook stood in for, in this period and in the earlier ones the template looks back to."""
    checked = _inputs(ws, campaign, forms=True, rounds=False)
    submissions, stood_in = completed(campaign, checked.submissions)
    history: History | None = None
    earlier: list[StoodIn] = []
    if mentions(template, HISTORY_WORDS):  # as ``report`` decides whether to read earlier months
        history, earlier = trial_history(ws, campaign, submissions, checked.tasks)
    context = context_of(campaign, submissions, checked.tasks, history)
    any_files = bool(submission_files(ws.submissions_dir(campaign)))
    notes = [_period_note(campaign.period, any_files, stood_in),
             *_earlier_notes(earlier, looked_at(campaign, template))]
    return Trial([Rendering(context.values, context.values["活动"]["标题"], REPORT.name)], notes)


def _period_note(period: Period, any_files: bool, stood_in: list[Unit]) -> str:
    """What the report period's figures were: the units' own, or partly or wholly made up."""
    if not stood_in:
        return f"已按{period.label}各单位报送的数据试排"
    return _units_stood_in(stood_in) if any_files else f"{period.label}尚无填报表，{STOOD_IN}"


def _units_stood_in(units: list[Unit] | tuple[Unit, ...]) -> str:
    names = "、".join(u.short for u in units[:5]) + ("等" if len(units) > 5 else "")
    return f"{names} {len(units)} 个单位尚未报送或填报表有误，{STOOD_IN}"


def _earlier_notes(stood_in: list[StoodIn], roles: dict[Period, str]) -> list[str]:
    """What was made up for the earlier months the template looks at (``roles``): the months
    without any workbook in one sentence, then each month where only some units were."""
    named = [s for s in stood_in if s.period in roles]
    empty = "、".join(f"{s.period.label}（{roles[s.period]}）" for s in named if s.no_files)
    notes = [f"{empty}尚无填报表，{STOOD_IN}"] if empty else []
    notes.extend(f"{s.period.label}（{roles[s.period]}）{_units_stood_in(s.units)}" for s in named if not s.no_files)
    return notes


def _task_data(ws: Workspace, campaign: Campaign) -> tuple[CheckResult, Trial | None]:
    checked = _inputs(ws, campaign, forms=True, rounds=False)
    if not checked.tasks:
        return checked, Trial([], ["责任分解表中没有可用的任务，只检查了模板的写法"])
    return checked, None


def breakdown_trial(ws: Workspace, campaign: Campaign, template: Path) -> Trial:
    """The 责任分解表 as ``reporter tasks`` renders it."""
    checked, nothing = _task_data(ws, campaign)
    if nothing:
        return nothing
    return Trial([breakdown_rendering(campaign, checked.tasks)], [f"已按责任分解表的 {len(checked.tasks)} 项任务试排"])


def task_list_trial(ws: Workspace, campaign: Campaign, template: Path) -> Trial:
    """Every unit's 任务清单 as ``reporter tasks`` renders them."""
    checked, nothing = _task_data(ws, campaign)
    if nothing:
        return nothing
    on = reference_date(campaign)
    states = evaluate(checked.tasks, checked.submissions, on)
    renderings = task_list_renderings(campaign, checked.tasks, states, on)
    return Trial(renderings, [f"已按责任分解表试排 {len(renderings)} 个单位的任务清单"])


def _round(ws: Workspace) -> RoundResult | None:
    """The latest inspection round scored, when the rounds can be read without problems."""
    checked = _inputs(ws, ws.campaign, forms=False, rounds=True)
    if not checked.rounds or checked.problems:
        return None
    return score_round(ws.campaign, checked.rounds, checked.rounds[-1].number, checked.problem_records)


NO_ROUND = "没有可用的督查记录表，只检查了模板的写法"


def notice_trial(ws: Workspace, campaign: Campaign, template: Path) -> Trial:
    """The 督查通报 of the latest round, as ``reporter notice`` renders it (for the configured period)."""
    result = _round(ws)
    if result is None:
        return Trial([], [NO_ROUND])
    number = result.round.number
    rendering = Rendering(notice_context(ws.campaign, result), f"第{number}轮督查情况的通报", NOTICE.name)
    return Trial([rendering], [f"已按第{number}轮督查记录试排"])


def rectification_trial(ws: Workspace, campaign: Campaign, template: Path) -> Trial:
    """Every 整改通知书 of the latest round, as ``reporter notice`` renders them."""
    result = _round(ws)
    if result is None:
        return Trial([], [NO_ROUND])
    renderings = rectification_renderings(ws.campaign, result)
    return Trial(renderings, [f"已按第{result.round.number}轮督查记录试排 {len(renderings)} 份整改通知书"])


def remind_trial(ws: Workspace, campaign: Campaign, template: Path) -> Trial:
    """The 催报通知 as ``reporter remind`` would render it today."""
    status = reporting_status(_inputs(ws, campaign, forms=True, rounds=False), dt.date.today())
    return Trial([Rendering(reminder_context(status), "催报通知", REMINDER.name)], ["已按今天的报送情况试排"])


# Each document's trial: the workspace, the campaign as of the period tried and the template being checked.
TRIALS: dict[str, Callable[[Workspace, Campaign, Path], Trial]] = {
    REPORT.name: report_trial,
    BREAKDOWN.name: breakdown_trial, TASK_LIST.name: task_list_trial,
    NOTICE.name: notice_trial, RECTIFICATION.name: rectification_trial,
    REMINDER.name: remind_trial,
}
# The documents tried against an inspection round, whose command has no --period.
BY_ROUND = {NOTICE.name, RECTIFICATION.name}
