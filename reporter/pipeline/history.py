"""The figures of the periods a report compares with: its history, read from inputs/<period>/,
or for a trial (``reporter lint``) completed with stand-ins where those months' workbooks are
missing or not valid."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reporter.documents.periods import COMPARISONS
from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.figures.aggregate import aggregate
from reporter.figures.history import History, periods_needed
from reporter.intake.collect import read_unit_forms
from reporter.model import Campaign, Figure, Period, Submission, Task, Unit
from reporter.pipeline.trial_data import completed
from reporter.render.mentions import mentions
from reporter.workspace import Workspace


def read_history(ws: Workspace, campaign: Campaign, submissions: list[Submission], tasks: list[Task],
                 progress: Progress = no_progress, periods: Iterable[Period] | None = None) -> History:
    """The current period's figures (from ``submissions``) with those of every earlier period
    累计, 上期 and 同期 may need (or of ``periods``: those a template looks back to) whose folder
    holds workbooks; an ``InputError`` listing every problem of those workbooks (a period
    without a folder is missing, not an error here)."""
    figures: dict[Period, dict[str, Figure]] = {campaign.period: aggregate(campaign, submissions)}
    problems: list[Problem] = []
    for past, files, valid, found in _earlier(ws, campaign, tasks, progress, periods):
        problems.extend(found)
        if files:
            figures[past.period] = aggregate(past, valid)
    if problems:
        raise InputError(problems, f"往期填报表有 {len(problems)} 处问题，未生成任何文件，请修改后重试")
    return History(campaign, figures)


@dataclass(frozen=True)
class StoodIn:
    """An earlier period whose figures a trial made up, for every unit (``no_files``: its folder
    holds no workbook) or for the ``units`` without a valid workbook there."""

    period: Period
    units: tuple[Unit, ...]
    no_files: bool


def trial_history(ws: Workspace, campaign: Campaign, submissions: list[Submission],
                  tasks: list[Task]) -> tuple[History, list[StoodIn]]:
    """The history ``read_history`` gives, for a trial: every unit without a valid workbook
    in an earlier period (its folder missing, the unit not reported, the workbook with
    problems) is stood in for with made-up figures (``trial_data``), never refused; with the
    periods where that was done. Nothing read or made up is written anywhere."""
    figures: dict[Period, dict[str, Figure]] = {campaign.period: aggregate(campaign, submissions)}
    stood_in: list[StoodIn] = []
    for past, files, valid, _problems in _earlier(ws, campaign, tasks, no_progress):
        whole, units = completed(past, valid)
        figures[past.period] = aggregate(past, whole)
        if units:
            stood_in.append(StoodIn(past.period, tuple(units), not files))
    return History(campaign, figures), stood_in


def _earlier(ws: Workspace, campaign: Campaign, tasks: list[Task], progress: Progress,
             periods: Iterable[Period] | None = None) -> Iterator[tuple[Campaign, bool, list[Submission], list[Problem]]]:
    """Each earlier period 累计, 上期 and 同期 may need (or each of ``periods``), in order: the
    campaign as of it, whether its folder holds any workbook, the valid submissions and every
    problem found there."""
    for period in periods_needed(campaign) if periods is None else periods:
        past = replace(campaign, period=period)
        units = read_unit_forms(ws, past, tuple(tasks), progress)
        yield past, bool(units.files), list(units.submissions), list(units.problems)


def looked_at(campaign: Campaign, template: Path) -> dict[Period, str]:
    """The earlier periods ``template`` looks back to, each with the word for it in a note
    (累计, 同期, 上期; a month both 上期 and within 累计 is called 上期), in order."""
    period = campaign.period
    roles: dict[Period, str] = {}
    if mentions(template, ("累计",)):
        roles.update((p, "累计") for p in campaign.first_period.through(period.shifted(-1)))
    for scope, month in (("同期", period.shifted(-12)), ("上期", period.shifted(-1))):
        if mentions(template, (scope, *(name for name, (s, _) in COMPARISONS.items() if s == scope))):
            roles[month] = scope
    return dict(sorted(roles.items(), key=lambda item: item[0].key))
