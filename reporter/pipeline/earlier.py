"""The earlier months a report needs, as ``reporter check`` checks them: the months of 累计, 上期
and 同期 that the workspace's report template looks back to, which ``reporter report`` reads
(``report.history_for``), so that a workbook of last month with a mistake is found by
``check`` rather than by ``report``. Each problem is named with its month."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reporter.documents.report import REPORT
from reporter.errors import Problem, ReporterError
from reporter.feedback import Progress, no_progress
from reporter.figures.history import periods_needed
from reporter.intake.collect import read_unit_forms
from reporter.intake.read_cache import ReadCache
from reporter.model import Campaign, Period, Task, Unit
from reporter.pipeline.check_words import files_clause, units_clause
from reporter.pipeline.history import looked_at
from reporter.pipeline.templates import template_source
from reporter.workspace import Workspace

#: What the report month is called beside the earlier ones.
THIS_MONTH = "本期"


@dataclass
class MonthCheck:
    """What ``reporter check`` found in the units' workbooks of one earlier month: the word
    for it (``role``: 累计, 上期 or 同期), the files read, every problem, who has not reported."""

    period: Period
    role: str
    files: tuple[str, ...]
    problems: tuple[Problem, ...]
    missing_units: tuple[Unit, ...]
    units: int
    # The month's readings, kept for the next command when every input checked is valid.
    cache: ReadCache | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The month as users read it: 2018年10月（上期）."""
        return f"{self.period.label}（{self.role}）"

    def lines(self) -> list[str]:
        """What ``reporter check`` prints about the month: its problems, each naming the month,
        then one line on its files and units."""
        lines = [f"{self.name}：{problem}" for problem in self.problems]
        if not self.files:
            lines.append(f"{self.name}：inputs/{self.period.key}/ 中没有填报表，汇报用到该月的数字时会缺数。")
            return lines
        names = "：" + "、".join(u.short for u in self.missing_units) if self.missing_units else ""
        lines.append(f"{self.name}：{files_clause(len(self.files), len(self.problems))}；"
                     f"{units_clause(self.units, len(self.missing_units))}{names}。")
        return lines


def months_needed(ws: Workspace, campaign: Campaign) -> dict[Period, str]:
    """The earlier months the report template looks back to, each with its word (累计, 上期,
    同期), in order: the months ``reporter report`` reads. Every month 累计, 上期 and 同期 may
    need when the template cannot be looked into here (a .doc that cannot be converted now)."""
    try:
        template = template_source(ws, REPORT).path
    except ReporterError:
        return {p: _role(campaign, p) for p in periods_needed(campaign)}
    return looked_at(campaign, template) if template.is_file() else {}


def _role(campaign: Campaign, period: Period) -> str:
    if period == campaign.period.shifted(-1):
        return "上期"
    return "同期" if period == campaign.period.shifted(-12) else "累计"


def check_earlier(ws: Workspace, campaign: Campaign, tasks: tuple[Task, ...],
                  progress: Progress = no_progress) -> list[MonthCheck]:
    """Every earlier month the report needs (``months_needed``), its workbooks read and checked
    as ``reporter report`` reads them (against the task list ``tasks``), in order."""
    months = []
    for period, role in months_needed(ws, campaign).items():
        past = replace(campaign, period=period)
        cache = ReadCache(ws, period.key, store=True)
        found = read_unit_forms(ws, past, tasks, progress, cache)
        missing = tuple(u for u in campaign.units if u.code not in found.reported)
        months.append(MonthCheck(period, role, found.files, found.problems, missing, len(campaign.units), cache))
    return months


def covered(campaign: Campaign, months: list[MonthCheck]) -> list[str]:
    """The lines closing a check: which months it covered, and what to do about the problems
    of the earlier ones."""
    this = f"{campaign.period.label}（{THIS_MONTH}）"
    if not months:
        return [f"本次检查了 {this}的填报表（汇报模板不用往期的数字）。"]
    earlier = "、".join(m.name for m in months)
    lines = [f"本次检查了 {this}的填报表，以及汇报模板用到的 {earlier}的填报表。"]
    problems = sum(len(m.problems) for m in months)
    if problems:
        lines.append(f"往期填报表发现 {problems} 处问题，请按上面的提示修改（汇报要用到这些月份的数字，不改正将无法生成汇报）。")
    return lines
