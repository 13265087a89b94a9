"""指标核对.xlsx read back (``reporter learn --apply``): for each indicator code, the name, value
and the units that report it, as the secretary left them; problems addressed by cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils import get_column_letter

from reporter.errors import InputError, Problem
from reporter.publish.review_sheet import COLUMNS, HEADER_ROW, REVIEW_SHEET
from reporter.publish.xlsx import open_workbook

HEADERS = [col.header for col in COLUMNS]


@dataclass(frozen=True)
class ReviewChoice:
    """What the secretary decided for one indicator: its ``name``, its office ``value`` (None:
    unchanged) and who reports it (empty: the office gives the value)."""

    code: str
    name: str
    value: Decimal | None
    report_by: tuple[str, ...]


def read_review_sheet(path: Path, display: str) -> list[ReviewChoice]:
    """The choices of the review sheet at ``path``; every problem found is raised together."""
    try:
        wb = open_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as e:
        raise InputError([Problem(display, f"无法读取（{e}），请确认是 reporter learn 生成的 指标核对.xlsx")]) from e
    if REVIEW_SHEET not in wb.sheetnames:
        raise InputError([Problem(display, f"缺少工作表“{REVIEW_SHEET}”（请使用 reporter learn 生成的 指标核对.xlsx）")])
    ws = wb[REVIEW_SHEET]
    header = [str(c.value or "").strip() for c in ws[HEADER_ROW]]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise InputError([Problem(display, f"第 {HEADER_ROW} 行缺少列：{'、'.join(missing)}", sheet=REVIEW_SHEET,
                                  cell=COLUMNS.first.cell(HEADER_ROW))])
    # Found by header, not by place: the secretary may have moved columns about.
    column = {col.key: header.index(col.header) for col in COLUMNS}
    choices: list[ReviewChoice] = []
    problems: list[Problem] = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        cells = {key: row[i] for key, i in column.items() if i < len(row)}
        code = str(cells["code"].value or "").strip() if "code" in cells else ""
        if not code:
            continue

        def at(key: str) -> str:
            return f"{get_column_letter(column[key] + 1)}{row[0].row}"

        name = str(cells["name"].value or "").strip()
        if not name:
            problems.append(Problem(display, "名称不能为空", sheet=REVIEW_SHEET, cell=at("name")))
        value = _value(cells["value"].value)
        if cells["value"].value not in (None, "") and value is None:
            problems.append(Problem(display, f"“{cells['value'].value}” 不是数字，请填写阿拉伯数字",
                                    sheet=REVIEW_SHEET, cell=at("value")))
        report_by = tuple(p for p in re.split(r"[、，,;；\s]+", str(cells["report_by"].value or "")) if p)
        choices.append(ReviewChoice(code, name, value, report_by))
    if problems:
        raise InputError(problems, f"指标核对表有 {len(problems)} 处需要修改")
    return choices


def _value(cell: object) -> Decimal | None:
    if isinstance(cell, bool) or cell in (None, ""):
        return None
    try:
        number = Decimal(str(cell).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
