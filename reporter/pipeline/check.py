"""``reporter check`` and the first step of every other command: read and validate the inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.figures.scoring import ProblemRecord, link_rounds
from reporter.intake import inspection_round, schema, task_book, unit_form
from reporter.model import Campaign, InspectionRound, Submission, Task, Unit
from reporter.workspace.config import Workspace, load_campaign, open_workspace

IGNORED_PREFIXES = ("~$", ".")


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

    @property
    def missing_units(self) -> list[Unit]:
        return [u for u in self.campaign.units if u.code not in self.reported]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_inputs(root: str | Path, progress: Progress = no_progress, forms: bool = True,
                 rounds: bool = True) -> CheckResult:
    """Read and validate the inputs of the workspace at ``root``; never raises for a bad workbook.

    ``forms``: the units' workbooks of the period and the office's 责任分解表;
    ``rounds``: the inspection rounds under inputs/督查/.
    """
    ws = open_workspace(root)
    return read_checked(ws, load_campaign(ws), progress, forms, rounds)


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


def read_checked(ws: Workspace, campaign: Campaign, progress: Progress, forms: bool, rounds: bool) -> CheckResult:
    """Every input of an opened workspace read and checked, with every problem found."""
    result = CheckResult(campaign, [])
    if rounds:
        _check_rounds(ws, campaign, result)
    if forms:
        _check_forms(ws, campaign, result, progress)
    return result


def _check_forms(ws: Workspace, campaign: Campaign, result: CheckResult, progress: Progress) -> None:
    """Read the 责任分解表 and every unit workbook of the period into ``result``."""
    task_problems: list[Problem] = []
    if ws.tasks_path.exists():
        result.files.append(ws.relative(ws.tasks_path))
        result.tasks, task_problems = task_book.read_tasks(ws.tasks_path, ws.relative(ws.tasks_path), campaign)
        result.problems.extend(task_problems)
    # Units' 任务进展 sheets are checked against a valid task list only (no cascade of errors).
    known_tasks = () if task_problems else tuple(result.tasks)
    paths = _submission_files(ws.submissions_dir(campaign))
    result.files.extend(ws.relative(p) for p in paths)
    first_file: dict[str, str] = {}
    for path in progress(paths, "检查填报表"):
        display = ws.relative(path)
        found = unit_form.read_submission(path, display, campaign, known_tasks)
        result.problems.extend(found.problems)
        if found.unit_code is None:
            continue
        unit = campaign.unit(found.unit_code)
        result.reported.add(unit.code)
        if unit.code in first_file:
            result.problems.append(Problem(
                display, f"与 {first_file[unit.code]} 都是{unit.short}的填报表，请只保留一份（删除或移走旧的）"))
            continue
        first_file[unit.code] = display
        if found.submission:
            result.submissions.append(found.submission)


def _check_rounds(ws: Workspace, campaign: Campaign, result: CheckResult) -> None:
    """Read every inspection round under inputs/督查/ into ``result``."""
    if not ws.inspections.is_dir():
        return
    files = sorted(p for p in ws.inspections.glob("*") if p.is_file() and not p.name.startswith(IGNORED_PREFIXES))
    if files and campaign.inspection is None:
        result.problems.append(Problem(ws.relative(ws.inspections), "有督查记录表，但配置文件中没有 [inspection]（评分规则），请先配置"))
        return
    numbers: dict[int, str] = {}
    for path in files:
        display = ws.relative(path)
        result.files.append(display)
        found, problems = inspection_round.read_round(path, display, campaign)
        result.problems.extend(problems)
        if found is None:
            continue
        if found.number in numbers:
            result.problems.append(Problem(display, f"与 {numbers[found.number]} 都是第{found.number}轮，请核对轮次",
                                           sheet=schema.SHEET_ROUND, cell=f"B{schema.ROUND_ROWS['number'][0]}"))
            continue
        numbers[found.number] = display
        result.rounds.append(found)
    result.rounds.sort(key=lambda r: r.number)
    result.problem_records, problems = link_rounds(result.rounds)
    result.problems.extend(problems)


def load_tasks(ws: Workspace, campaign: Campaign) -> list[Task]:
    """The office's 责任分解表 when the workspace has one; an InputError when it is invalid."""
    if not ws.tasks_path.exists():
        return []
    tasks, problems = task_book.read_tasks(ws.tasks_path, ws.relative(ws.tasks_path), campaign)
    if problems:
        raise InputError(problems, f"责任分解表有 {len(problems)} 处问题，未生成任何文件")
    return tasks


def _submission_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith(IGNORED_PREFIXES)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))
