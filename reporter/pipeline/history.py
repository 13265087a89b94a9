"""The figures of the periods a report compares with: its history, read from inputs/<period>/."""

from __future__ import annotations

from dataclasses import replace

from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.figures.aggregate import aggregate
from reporter.figures.history import History, periods_needed
from reporter.intake.collect import read_unit_forms
from reporter.model import Campaign, Figure, Period, Submission, Task
from reporter.workspace import Workspace


def read_history(ws: Workspace, campaign: Campaign, submissions: list[Submission], tasks: list[Task],
                 progress: Progress = no_progress) -> History:
    """The current period's figures (from ``submissions``) with those of every earlier period
    累计, 上期 and 同期 may need and whose folder holds workbooks; an ``InputError`` listing every
    problem of those workbooks (a period without a folder is missing, not an error here)."""
    figures: dict[Period, dict[str, Figure]] = {campaign.period: aggregate(campaign, submissions)}
    problems: list[Problem] = []
    for period in periods_needed(campaign):
        past = replace(campaign, period=period)
        units = read_unit_forms(ws, past, tuple(tasks), progress)
        problems.extend(units.problems)
        if units.files:
            figures[period] = aggregate(past, list(units.submissions))
    if problems:
        raise InputError(problems, f"往期填报表有 {len(problems)} 处问题，未生成任何文件，请修改后重试")
    return History(campaign, figures)
