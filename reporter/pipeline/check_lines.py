"""What ``reporter check`` shows about its result, as lines: the one wording that the command line
prints and the office's board shows (and gives as 检查结果.txt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reporter.figures.punctuality import LATE
from reporter.pipeline.check_words import files_clause, units_clause

if TYPE_CHECKING:  # importing the check itself would load openpyxl for ``reporter --help``
    from reporter.pipeline.check import CheckResult


def files_sentence(result: CheckResult) -> str:
    """共检查 22 个文件，未发现问题。 (or how many problems were found, listed above it)."""
    fix = "，请按上面的提示修改" if result.problems else ""
    return f"{files_clause(len(result.files), len(result.problems))}{fix}。"


def units_sentence(result: CheckResult) -> str:
    """2018年11月应报单位 19 个，已报 17 个，未报 2 个。"""
    return f"{result.campaign.period.label}{units_clause(len(result.campaign.units), len(result.missing_units))}。"


def check_lines(result: CheckResult) -> list[str]:
    """Every line ``reporter check`` shows, in order: each problem, each notice (提示), the files
    and units sentences, who has not reported and who reported late, the earlier months checked
    and which months were."""
    lines = [str(problem) for problem in result.problems]
    lines += [f"提示：{notice}" for notice in result.notices]
    lines += [files_sentence(result), units_sentence(result)]
    if result.missing_units:
        lines.append("未报单位：" + "、".join(u.short for u in result.missing_units))
    if result.late:
        lines.append(f"{LATE}（按填报日期）：" + "、".join(
            f"{late.unit.short}（{late.submitted_on.month}月{late.submitted_on.day}日，逾期{late.days}天）"
            for late in result.late))
    lines += [line for month in result.earlier for line in month.lines()]
    lines += result.covered()
    return lines
