"""``reporter check`` and the first step of every other command: read and validate the inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.figures.punctuality import LateReport, late_report
from reporter.figures.scoring import ProblemRecord, link_rounds
from reporter.intake.collect import read_inputs
from reporter.intake.read_cache import ReadCache
from reporter.intake.task_book import read_tasks
from reporter.model import Campaign, InspectionRound, Submission, Task, Unit
from reporter.pipeline.earlier import MonthCheck, check_earlier, covered
from reporter.workspace import Workspace, load_campaign, open_workspace
from reporter.workspace.periods import campaign_for


@dataclass
class CheckResult:
    """What ``reporter check`` found: valid submissions, every problem, and who is missing."""

    campaign: Campaign
    files: list[str]
    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    rounds: list[InspectionRound] = field(default_factory=list)
    problem_records: dict[str, ProblemRecord] = field(default_factory=dict)
    # Units with a workbook (valid or not): the rest have not reported.
    reported: set[str] = field(default_factory=set)
    # Unit code -> display name of the workbook read as that unit's.
    unit_files: dict[str, str] = field(default_factory=dict)
    # ``reporter check``: the earlier months the report template looks back to, each checked.
    earlier: list[MonthCheck] = field(default_factory=list)
    # What was read differently from how it was written ("75人次" read as 75), to tell the units.
    notices: list[Problem] = field(default_factory=list)

    @property
    def missing_units(self) -> list[Unit]:
        return [u for u in self.campaign.units if u.code not in self.reported]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def late(self) -> list[LateReport]:
        """The units whose workbook is dated (填报日期) after the period's deadline, in unit order."""
        dated = {s.unit_code: s.filled_on for s in self.submissions}
        found = (late_report(self.campaign, u, dated.get(u.code)) for u in self.campaign.units)
        return [late for late in found if late is not None]

    def covered(self) -> list[str]:
        """The lines saying which months were checked (the period and the earlier ones), and
        what to do about the earlier ones' problems."""
        return covered(self.campaign, self.earlier)

    @property
    def every_problem(self) -> list[Problem]:
        """The problems of the period's inputs, then those of each earlier month checked."""
        return self.problems + [p for month in self.earlier for p in month.problems]


def check_inputs(root: str | Path, progress: Progress = no_progress, forms: bool = True,
                 rounds: bool = True, period: str | None = None) -> CheckResult:
    """Read and validate the inputs of the workspace at ``root``; never raises for a bad workbook.

    ``forms``: the units' workbooks of the period and the office's 责任分解表, and those of the
    earlier months the report template looks back to (``earlier``: 累计, 上期, 同期);
    ``rounds``: the inspection rounds under inputs/督查/; ``period``: another month than the
    configured one ("2018-10"). When every input checked is valid, what each workbook gave is
    remembered under outputs/.cache/, so that the commands after it need not parse it again.
    """
    ws = open_workspace(root)
    campaign = campaign_for(load_campaign(ws), period)
    cache = ReadCache(ws, campaign.period.key, store=True)
    result = read_checked(ws, campaign, progress, forms, rounds, cache=cache)
    if forms:
        task_book = ws.relative(ws.tasks_path)
        tasks = () if any(p.path == task_book for p in result.problems) else tuple(result.tasks)
        result.earlier = check_earlier(ws, campaign, tasks, progress)
    if not result.every_problem:  # a check that finds problems leaves outputs/ untouched
        for month_cache in (cache, *(m.cache for m in result.earlier)):
            if month_cache is not None:
                month_cache.save()
    return result


def collect(root: str | Path, progress: Progress = no_progress, forms: bool = True,
            rounds: bool = True) -> CheckResult:
    """The valid inputs (see ``check_inputs``); an ``InputError`` listing every problem otherwise."""
    ws = open_workspace(root)
    return valid_inputs(ws, load_campaign(ws), progress, forms, rounds)


def valid_inputs(ws: Workspace, campaign: Campaign, progress: Progress = no_progress, forms: bool = True,
                 rounds: bool = True) -> CheckResult:
    """The inputs of an opened workspace, all valid; an ``InputError`` listing every problem otherwise."""
    result = read_checked(ws, campaign, progress, forms, rounds)
    if result.problems:
        raise InputError(result.problems, f"输入有 {len(result.problems)} 处问题，未生成任何文件，请修改后重试")
    return result


def read_checked(ws: Workspace, campaign: Campaign, progress: Progress, forms: bool, rounds: bool,
                 cache: ReadCache | None = None) -> CheckResult:
    """Every input of an opened workspace read and checked, with every problem found; the
    workbooks ``cache`` remembers are not parsed again (a cache that stores keeps what was
    read, for its owner to save)."""
    cache = cache or ReadCache(ws, campaign.period.key)
    inputs = read_inputs(ws, campaign, progress, forms, rounds, cache)
    # Cross-round checks of findings (re-checks of unknown numbers) come after every file's own problems.
    records, round_problems = link_rounds(list(inputs.rounds))
    return CheckResult(campaign, list(inputs.files), list(inputs.submissions), list(inputs.problems) + round_problems,
                       list(inputs.tasks), list(inputs.rounds), records, set(inputs.reported),
                       dict(inputs.unit_files), notices=list(inputs.notices))


def load_tasks(ws: Workspace, campaign: Campaign) -> list[Task]:
    """The office's 责任分解表 when the workspace has one; an InputError when it is invalid."""
    if not ws.tasks_path.exists():
        return []
    found = read_tasks(ws.source(ws.tasks_path), campaign)
    if found.problems:
        raise InputError(list(found.problems), f"责任分解表有 {len(found.problems)} 处问题，未生成任何文件")
    return list(found.value or ())
