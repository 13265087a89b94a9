"""The office's 标准与责任分解表 workbook: reading it into tasks, every problem with its cell.

Rows follow ``schema.TASK_COLUMNS``. A blank 类别 continues the category above (what a
merged category cell reads as). Unit cells take several units separated by 、，,;； or new
lines, by full name, short name or code; an unknown name is answered with the nearest one.
"""

from __future__ import annotations

from pathlib import Path

from reporter.errors import Problem
from reporter.intake import schema
from reporter.intake.cells import CellValues, FormulaWithoutResult
from reporter.intake.container import container_problem
from reporter.intake.deadlines import DeadlineError, parse_deadline
from reporter.intake.unitnames import UnitDirectory, split_names
from reporter.intake.values import CellValueError, clean_text, parse_number
from reporter.model import Campaign, CellRef, Task
from reporter.publish.xlsx import open_workbook

MAX_TASK_ROWS = 5000


class TaskSheetReader:
    """Reads the rows of the task sheet, collecting problems."""

    def __init__(self, display: str, campaign: Campaign):
        self.display = display
        self.campaign = campaign
        self.directory = UnitDirectory(campaign.units)
        self.problems: list[Problem] = []

    def fail(self, message: str, cell: str) -> None:
        self.problems.append(Problem(self.display, message, sheet=schema.SHEET_TASKS, cell=cell))

    def units(self, text: str, cell: str, required: bool) -> tuple[str, ...]:
        names = split_names(text)
        if required and not names:
            self.fail("未填写牵头单位，每项任务都要有牵头单位", cell)
        codes: list[str] = []
        for name in names:
            unit = self.directory.find(name)
            if unit is None:
                guess = self.directory.suggest(name)
                hint = f"，是不是“{guess.name}”（{guess.short}）？" if guess else "，请使用配置中的单位全称或简称"
                self.fail(f"“{name}”不是配置中的单位{hint}", cell)
            elif unit.code not in codes:
                codes.append(unit.code)
        return tuple(codes)

    def task(self, row: int, cells: dict[str, object], category: str, seen: dict[str, int]) -> Task | None:
        col = schema.TASK_FIELDS
        before = len(self.problems)
        try:
            seq = int(parse_number(cells["seq"]))
        except CellValueError as e:
            self.fail(f"序号{e}", f"{col['seq']}{row}")
            seq = 0
        task_id = f"{category}-{seq}"
        if seq and task_id in seen:
            self.fail(f"{category}类序号 {seq} 重复（第 {seen[task_id]} 行已用），请重新编号", f"{col['seq']}{row}")
        seen.setdefault(task_id, row)
        title = clean_text(cells["title"])
        if not title:
            self.fail("未填写工作任务", f"{col['title']}{row}")
        leads = self.units(clean_text(cells["leads"]), f"{col['leads']}{row}", required=True)
        partners = self.units(clean_text(cells["partners"]), f"{col['partners']}{row}", required=False)
        try:
            deadline = parse_deadline(cells["deadline"])
        except DeadlineError as e:
            self.fail(str(e), f"{col['deadline']}{row}")
            deadline = None
        points = None
        if clean_text(cells["points"]):
            try:
                points = parse_number(cells["points"], decimals=2)
            except CellValueError as e:
                self.fail(f"分值{e}", f"{col['points']}{row}")
        if len(self.problems) > before:
            return None
        return Task(task_id, category, seq, title, clean_text(cells["measures"]), leads,
                    tuple(p for p in partners if p not in leads), clean_text(cells["leader"]), deadline,
                    points, clean_text(cells["remark"]), CellRef(self.display, schema.SHEET_TASKS, f"A{row}"))


def read_tasks(path: Path, display: str, campaign: Campaign) -> tuple[list[Task], list[Problem]]:
    """The tasks of the office's 责任分解表 and every problem found in it."""
    reason = container_problem(path)
    if reason:
        return [], [Problem(display, reason)]
    try:
        wb = open_workbook(path)
    except Exception as e:  # damaged files raise many types
        return [], [Problem(display, f"无法读取，文件可能已损坏（{type(e).__name__}），请重新保存")]
    if schema.SHEET_TASKS not in wb.sheetnames:
        return [], [Problem(display, f"缺少工作表“{schema.SHEET_TASKS}”（请用 templates/xlsx/{schema.TASK_MASTER_NAME} 填写）")]
    ws = wb[schema.SHEET_TASKS]
    if ws.max_row > MAX_TASK_ROWS:
        return [], [Problem(display, f"有 {ws.max_row} 行，远超正常范围，请删除多余的行", sheet=ws.title)]
    if not campaign.task_categories:
        return [], [Problem(display, "配置文件中没有 [tasks] categories（任务类别），请先在 inputs/配置.toml 中配置")]
    reader = TaskSheetReader(display, campaign)
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    category = ""
    values = CellValues(path, wb)
    for row in range(schema.TABLE_FIRST_ROW, ws.max_row + 1):
        cells = {}
        for field, letter in schema.TASK_FIELDS.items():
            try:
                cells[field] = values.get(ws.title, f"{letter}{row}")
            except FormulaWithoutResult as e:
                reader.fail(str(e), f"{letter}{row}")
                cells[field] = None
        if not any(clean_text(v) for v in cells.values()):
            continue
        named = clean_text(cells["category"])
        if named:
            if named not in campaign.task_categories:
                reader.fail(f"“{named}”不是配置的任务类别（{'、'.join(campaign.task_categories)}）", f"A{row}")
                continue
            category = named
        elif not category:
            reader.fail("未填写类别", f"A{row}")
            continue
        task = reader.task(row, cells, category, seen)
        if task:
            tasks.append(task)
    return tasks, reader.problems
