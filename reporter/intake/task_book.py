"""The office's 标准与责任分解表 workbook: reading it into tasks, every problem with its cell.

Rows follow ``schema.TASK_COLUMNS``. A blank 类别 continues the category above (what a
merged category cell reads as). Unit cells take several units separated by 、，,;； or new
lines, by full name, short name or code; an unknown name is answered with the nearest one.
"""

from __future__ import annotations

from openpyxl.workbook.workbook import Workbook

from reporter.intake import schema
from reporter.intake.container import Limits
from reporter.intake.deadlines import DeadlineError, parse_deadline
from reporter.intake.extent import Area
from reporter.intake.sheets import FULL_HINT, SheetReader, SheetResult
from reporter.intake.unitnames import split_names
from reporter.intake.values import CellValueError, clean_text, parse_number
from reporter.model import Campaign, CellRef, Source, Task

MAX_TASK_ROWS = 5000
SHEET = schema.SHEET_TASKS
AREAS = {SHEET: Area(MAX_TASK_ROWS, len(schema.TASK_COLUMNS))}


class TaskBookReader(SheetReader[tuple[Task, ...]]):
    """Reads the office's 责任分解表 into tasks; a workbook with problems still gives its valid rows."""

    areas = AREAS

    def read_workbook(self, wb: Workbook) -> tuple[Task, ...] | None:
        if SHEET not in wb.sheetnames:
            self.fail(f"缺少工作表“{SHEET}”（请用 templates/xlsx/{schema.TASK_MASTER_NAME} 填写）")
            return ()
        if not self.campaign.task_categories:
            self.fail("配置文件中没有 [tasks] categories（任务类别），请先在 inputs/配置.toml 中配置")
            return ()
        tasks: list[Task] = []
        seen: dict[str, int] = {}
        category = ""
        for row in range(schema.TABLE_FIRST_ROW, self.last_row(SHEET) + 1):
            before = len(self.problems)
            cells = {col.key: self.value(SHEET, col.cell(row)) for col in schema.TASK_COLUMNS}
            if not any(clean_text(v) for v in cells.values()):
                continue
            named = clean_text(cells["category"])
            if named:
                if named not in self.campaign.task_categories:
                    self.fail(f"“{named}”不是配置的任务类别（{'、'.join(self.campaign.task_categories)}）", SHEET,
                              schema.TASK_COLUMNS.cell("category", row))
                    continue
                category = named
            elif not category:
                self.fail("未填写类别", SHEET, schema.TASK_COLUMNS.cell("category", row))
                continue
            task = self.task(row, cells, category, seen, before)
            if task:
                tasks.append(task)
        return tuple(tasks)

    def units(self, text: str, cell: str, required: bool) -> tuple[str, ...]:
        """The codes of the units named in a 牵头单位 or 配合单位 cell."""
        names = split_names(text)
        if required and not names:
            self.fail("未填写牵头单位，每项任务都要有牵头单位", SHEET, cell)
        return self.unit_codes(names, SHEET, cell, FULL_HINT, "，请使用配置中的单位全称或简称")

    def task(self, row: int, cells: dict[str, object], category: str, seen: dict[str, int],
             before: int) -> Task | None:
        """The task of one row; None when the row has a problem (``before``: the count of
        problems before the row was read)."""
        col = schema.TASK_COLUMNS.letters
        try:
            seq = int(parse_number(cells["seq"]))
        except CellValueError as e:
            self.fail(f"序号{e}", SHEET, f"{col['seq']}{row}")
            seq = 0
        task_id = f"{category}-{seq}"
        if seq and task_id in seen:
            self.fail(f"{category}类序号 {seq} 重复（第 {seen[task_id]} 行已用），请重新编号", SHEET,
                      f"{col['seq']}{row}")
        seen.setdefault(task_id, row)
        title = clean_text(cells["title"])
        if not title:
            self.fail("未填写工作任务", SHEET, f"{col['title']}{row}")
        leads = self.units(clean_text(cells["leads"]), f"{col['leads']}{row}", required=True)
        partners = self.units(clean_text(cells["partners"]), f"{col['partners']}{row}", required=False)
        try:
            deadline = parse_deadline(cells["deadline"])
        except DeadlineError as e:
            self.fail(str(e), SHEET, f"{col['deadline']}{row}")
            deadline = None
        points = None
        if clean_text(cells["points"]):
            try:
                points = parse_number(cells["points"], decimals=2)
            except CellValueError as e:
                self.fail(f"分值{e}", SHEET, f"{col['points']}{row}")
        if len(self.problems) > before or deadline is None:
            return None
        return Task(task_id, category, seq, title, clean_text(cells["measures"]), leads,
                    tuple(p for p in partners if p not in leads), clean_text(cells["leader"]), deadline,
                    points, clean_text(cells["remark"]), CellRef(self.display, SHEET, schema.TASK_COLUMNS.first.cell(row)))


def read_tasks(source: Source, campaign: Campaign, limits: Limits = Limits()) -> SheetResult[tuple[Task, ...]]:
    """The tasks of the office's 责任分解表 and every problem found in it."""
    return TaskBookReader(source, campaign, limits).read()
