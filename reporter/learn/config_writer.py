"""The 配置.toml of a learnt workspace: the campaign from the report's title and date, the office
as the one unit (the units the text names listed for the secretary to complete), the report's
parts as sections, and one indicator per figure, given by the office (``value``) for the period."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from reporter.learn.report_plan import LearntFigure, LearntReport
from reporter.model import Period

OFFICE_UNIT_CODE = "BGS"
OFFICE_UNIT_SHORT = "办公室"


def toml_text(text: str) -> str:
    """``text`` as a TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def toml_number(value: Decimal) -> str:
    """``value`` as TOML writes it: 2770, 21.5."""
    return format(value, "f")


def campaign_code(title: str) -> str:
    """A code for the learnt campaign: letters, digits and hyphens, the same for the same title."""
    return "learnt-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]


def config_text(report: LearntReport, period: Period) -> str:
    """The configuration of the learnt workspace, commented in Chinese."""
    lines = [
        "# 活动配置（由 reporter learn 从上月汇报生成，请核对后按实际情况修改）",
        "# 用记事本、WPS 或任何文本编辑器修改，保存为 UTF-8 编码；每一项的含义见 README 的“全部配置项”。",
        "# 每个指标先由办公室给出本期的数（value），所以马上可以 reporter report；",
        "# 在 指标核对.xlsx 中写明由谁填报后运行 reporter learn --apply 目录，改为由各单位填报。",
        "",
        "[campaign]",
        f"code = {toml_text(campaign_code(report.title))}",
        f"name = {toml_text(report.name or report.title)}",
        f"region = {toml_text(report.region or '（请填写地区）')}",
        f"office = {toml_text(report.office)}" + ("" if report.office_found else "  # 文中没有写明，请核对"),
        f"period = {toml_text(period.key)}",
        f"title = {toml_text(report.title)}",
    ]
    if report.author:
        lines.append(f"author = {toml_text(report.author)}")
    if report.report_date:
        lines += [f"report_date = {report.report_date.isoformat()}", f"deadline = {report.report_date.isoformat()}"]
    lines += ["", "# ── 报送单位：先只有办公室自己；请按实际补全各单位（每个单位一段）──────────────",
              "[[units]]", f"code = {toml_text(OFFICE_UNIT_CODE)}", f"name = {toml_text(report.office)}",
              f"short = {toml_text(OFFICE_UNIT_SHORT)}", 'type = "部门"']
    if report.units:
        lines += ["", "# 文中提到的单位（请补全代码、全称和类型后删去行首的 #）："]
        for index, name in enumerate(report.units, start=1):
            kind = "街道" if name.endswith("街道") else "镇" if name.endswith("镇") else "乡" if name.endswith("乡") else "部门"
            lines += ["# [[units]]", f'# code = "DW{index:02d}"', f"# name = {toml_text(name)}",
                      f"# short = {toml_text(name)}", f"# type = {toml_text(kind)}", "#"]
    lines += ["", "# ── 汇报的各个部分（取自汇报的标题）────────────────────────────"]
    for code, title in report.sections or [("主要做法", "主要做法")]:
        lines += ["[[sections]]", f"code = {toml_text(code)}", f"title = {toml_text(title)}", ""]
    lines += ["# ── 指标目录：汇报中的每个数字一项（名称、由谁填报在 指标核对.xlsx 中修改）──────────"]
    for figure in report.figures:
        lines += indicator_lines(figure)
    return "\n".join(lines) + "\n"


def indicator_lines(learnt: LearntFigure) -> list[str]:
    """One [[indicators]] entry, with the original text as a comment."""
    figure = learnt.figure
    lines = ["", f"# 原文：{figure.text.strip()}（{figure.form}）", "[[indicators]]",
             f"code = {toml_text(learnt.naming.code)}", f"name = {toml_text(learnt.naming.name)}"]
    if figure.measure:
        lines.append(f"measure = {toml_text(figure.measure)}")
    if figure.decimals:
        lines.append(f"decimals = {figure.decimals}")
    estimate = "  # 原文是约数，这是估计的数，请改为实际数" if figure.estimated else ""
    lines.append(f"value = {toml_number(figure.value)}{estimate}")
    return lines
