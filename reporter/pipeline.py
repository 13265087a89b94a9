"""One function per command, usable as a library: each orders the steps of its job.

Everything is read and checked first; outputs are written only when all of it is valid,
through an ``OutputBatch`` so a failed run leaves ``outputs/`` as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reporter.errors import InputError, Problem
from reporter.forms import build, read, schema
from reporter.fsutil import OutputBatch
from reporter.model import Campaign, Submission, Unit
from reporter.workspace import Workspace, load_campaign, open_workspace

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]
IGNORED_PREFIXES = ("~$", ".")


def no_progress(items: Iterable[T], label: str) -> Iterable[T]:
    """The default progress reporter: shows nothing."""
    return items


def build_forms(root: str | Path, progress: Progress = no_progress) -> list[Path]:
    """Write one personalised input workbook per unit to ``outputs/forms/<简称>.xlsx``."""
    ws = open_workspace(root)
    campaign = load_campaign(ws)
    master = ws.xlsx_templates / schema.MASTER_NAME
    if not master.is_file():
        raise InputError([Problem(ws.relative(master), "找不到填报表模板，请恢复该文件（可用 reporter init 重新生成）")])
    with OutputBatch() as batch:
        for unit in progress(campaign.units, "生成填报表"):
            data = build.form_bytes(master, ws.relative(master), campaign, unit)
            batch.add(form_path(ws, unit), data)
        written = [form_path(ws, u) for u in campaign.units]
    return written


def form_path(ws: Workspace, unit: Unit) -> Path:
    """Where ``reporter forms`` writes the workbook of ``unit``."""
    return ws.outputs / "forms" / f"{unit.short}.xlsx"


@dataclass
class CheckResult:
    """What ``reporter check`` found: valid submissions, every problem, and who is missing."""

    campaign: Campaign
    files: list[str]
    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Units with a workbook (valid or not): the rest have not reported.
    reported: set[str] = field(default_factory=set)

    @property
    def missing_units(self) -> list[Unit]:
        return [u for u in self.campaign.units if u.code not in self.reported]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_inputs(root: str | Path, progress: Progress = no_progress) -> CheckResult:
    """Read and validate every workbook of the period; never raises for a bad workbook."""
    ws = open_workspace(root)
    campaign = load_campaign(ws)
    folder = ws.submissions_dir(campaign)
    paths = _submission_files(folder)
    result = CheckResult(campaign, [ws.relative(p) for p in paths])
    first_file: dict[str, str] = {}
    for path in progress(paths, "检查填报表"):
        display = ws.relative(path)
        found = read.read_submission(path, display, campaign)
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
    return result


def collect(root: str | Path, progress: Progress = no_progress) -> CheckResult:
    """The period's valid submissions; an ``InputError`` listing every problem otherwise."""
    result = check_inputs(root, progress)
    if result.problems:
        raise InputError(result.problems, f"输入有 {len(result.problems)} 处问题，未生成任何文件，请修改后重试")
    return result


def _submission_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith(IGNORED_PREFIXES)
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))
