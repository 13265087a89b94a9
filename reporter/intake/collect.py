"""Reading every input of a workspace: the inspection rounds, the office's 责任分解表 and the
units' workbooks of the period, into one ``Inputs`` value with every problem found.

Checks that span files live here: two workbooks of one unit, two rounds with one number, round
workbooks without an [inspection] configuration, and units' task progress read against the
task list only when that list is valid (so one mistake there does not cascade into every unit).
Cross-round checks of findings belong to scoring (``figures.scoring.link_rounds``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reporter.errors import Problem
from reporter.feedback import Progress, no_progress
from reporter.intake import schema
from reporter.intake.inspection_round import read_round
from reporter.intake.parallel_read import read_submissions
from reporter.intake.read_cache import ReadCache
from reporter.intake.task_book import read_tasks
from reporter.model import Campaign, InspectionRound, Submission, Task
from reporter.processes import in_child
from reporter.workspace import Workspace

# Files skipped in input folders: Office lock files (~$) and hidden files.
IGNORED_PREFIXES = ("~$", ".")
# A round workbook larger than this (about 2,500 problems) is parsed in a child process, which
# gives openpyxl's memory back to the system when it ends (``processes.in_child``).
READ_APART_BYTES = 128 * 1024


@dataclass(frozen=True)
class Inputs:
    """Everything read from a workspace's inputs: valid records, every problem, who reported."""

    files: tuple[str, ...]  # display names of every file read
    submissions: tuple[Submission, ...]
    tasks: tuple[Task, ...]
    rounds: tuple[InspectionRound, ...]  # in order of their numbers
    problems: tuple[Problem, ...]
    reported: frozenset[str]  # codes of units that returned a workbook (valid or not)
    unit_files: Mapping[str, str] = field(default_factory=dict)  # unit code -> display name of its workbook
    notices: tuple[Problem, ...] = ()  # what was read differently from how it was written ("75人次")


@dataclass(frozen=True)
class _Part:
    """What one kind of input gave (rounds, or forms): files read, records, problems."""

    files: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    submissions: tuple[Submission, ...] = ()
    tasks: tuple[Task, ...] = ()
    rounds: tuple[InspectionRound, ...] = ()
    reported: frozenset[str] = frozenset()
    unit_files: Mapping[str, str] = field(default_factory=dict)
    notices: tuple[Problem, ...] = ()


def read_inputs(ws: Workspace, campaign: Campaign, progress: Progress = no_progress, forms: bool = True,
                rounds: bool = True, cache: ReadCache | None = None) -> Inputs:
    """Read and check the inputs of ``ws``; never raises for a bad workbook.

    ``forms``: the 责任分解表 and the units' workbooks of the period; ``rounds``: the inspection
    round workbooks under inputs/督查/. Workbooks ``cache`` remembers are not parsed again.
    """
    cache = cache or ReadCache(ws, campaign.period.key)
    parts = (([_read_rounds(ws, campaign, cache)] if rounds else [])
             + ([_read_forms(ws, campaign, progress, cache)] if forms else []))
    return Inputs(
        files=tuple(f for p in parts for f in p.files),
        submissions=tuple(s for p in parts for s in p.submissions),
        tasks=tuple(t for p in parts for t in p.tasks),
        rounds=tuple(r for p in parts for r in p.rounds),
        problems=tuple(q for p in parts for q in p.problems),
        reported=frozenset(code for p in parts for code in p.reported),
        unit_files={code: name for p in parts for code, name in p.unit_files.items()},
        notices=tuple(n for p in parts for n in p.notices),
    )


def _read_forms(ws: Workspace, campaign: Campaign, progress: Progress, cache: ReadCache) -> _Part:
    """The 责任分解表 and every unit workbook of the period."""
    files: list[str] = []
    problems: list[Problem] = []
    tasks: tuple[Task, ...] = ()
    task_problems: tuple[Problem, ...] = ()
    if ws.tasks_path.exists():
        source = ws.source(ws.tasks_path)
        files.append(source.display)
        book = cache.read("tasks", source.path, lambda: read_tasks(source, campaign))
        tasks, task_problems = book.value or (), book.problems
        problems.extend(task_problems)
    # Units' 任务进展 sheets are checked against a valid task list only (no cascade of errors).
    units = read_unit_forms(ws, campaign, () if task_problems else tasks, progress, cache)
    return _Part(tuple(files) + units.files, tuple(problems) + units.problems, units.submissions, tasks,
                 reported=units.reported, unit_files=units.unit_files, notices=units.notices)


def read_unit_forms(ws: Workspace, campaign: Campaign, known_tasks: tuple[Task, ...],
                    progress: Progress = no_progress, cache: ReadCache | None = None) -> _Part:
    """Every unit workbook of the campaign's period (``inputs/<period>/``), checked; those
    ``cache`` remembers are not parsed again."""
    cache = cache or ReadCache(ws, campaign.period.key)
    sources = [ws.source(p) for p in submission_files(ws.submissions_dir(campaign))]
    files = [s.display for s in sources]
    problems: list[Problem] = []
    notices: list[Problem] = []
    submissions: list[Submission] = []
    first_file: dict[str, str] = {}
    readings = read_submissions(sources, campaign, known_tasks, cache)
    # The progress first: zip stops at the shorter side, and a progress counts an item once the next is asked for.
    for found, source in zip(progress(readings, "检查填报表"), sources):
        problems.extend(found.problems)
        notices.extend(found.notices)
        if found.unit_code is None:
            continue
        unit = campaign.unit(found.unit_code)
        if unit.code in first_file:
            problems.append(Problem(
                source.display, f"与 {first_file[unit.code]} 都是{unit.short}的填报表，请只保留一份（删除或移走旧的）"))
            continue
        first_file[unit.code] = source.display
        if found.value:
            submissions.append(found.value)
    return _Part(tuple(files), tuple(problems), tuple(submissions), reported=frozenset(first_file),
                 unit_files=first_file, notices=tuple(notices))


def _read_rounds(ws: Workspace, campaign: Campaign, cache: ReadCache) -> _Part:
    """Every inspection round workbook under inputs/督查/."""
    if not ws.inspections.is_dir():
        return _Part()
    paths = sorted(p for p in ws.inspections.glob("*") if p.is_file() and not p.name.startswith(IGNORED_PREFIXES))
    if paths and campaign.inspection is None:
        return _Part(problems=(Problem(ws.relative(ws.inspections),
                                       "有督查记录表，但配置文件中没有 [inspection]（评分规则），请先配置"),))
    files: list[str] = []
    problems: list[Problem] = []
    found_rounds: dict[int, InspectionRound] = {}
    for path in paths:
        source = ws.source(path)
        files.append(source.display)
        reader = functools.partial(read_round, source, campaign)
        if path.stat().st_size > READ_APART_BYTES:
            reader = functools.partial(in_child, reader)
        found = cache.read("round", path, reader)
        problems.extend(found.problems)
        if found.value is None:
            continue
        number = found.value.number
        if number in found_rounds:
            problems.append(Problem(source.display, f"与 {found_rounds[number].path} 都是第{number}轮，请核对轮次",
                                    sheet=schema.SHEET_ROUND, cell=schema.round_cell("number")))
            continue
        found_rounds[number] = found.value
    return _Part(tuple(files), tuple(problems), rounds=tuple(found_rounds[n] for n in sorted(found_rounds)))


def submission_files(folder: Path) -> list[Path]:
    """The units' workbooks in ``folder`` and its subfolders, skipping lock files and hidden
    files or folders; every file is listed, whatever its extension (the reader explains)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith(IGNORED_PREFIXES)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))
