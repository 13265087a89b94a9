"""The task progress workbook (任务推进情况.xlsx): every task with its status and lateness,
one sheet per category, with filters and frozen headers; user text always stored as text.
Printed, each sheet is one A4 landscape page wide without the 来源 column (file paths, for
checking on screen), and every page carries the title and the sheet's category in its page
header, so that a loose page still says what it is."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from reporter.figures.progress import TaskState
from reporter.model import Campaign
from reporter.publish.xlsx import (
    TableWriter,
    set_up_printing,
    workbook_bytes,
    write_header,
)

PROGRESS_BOOK_NAME = "任务推进情况.xlsx"
#: (header, width in characters): 完成时限 holds "2018年11月30日前" on one line.
HEADERS = (("序号", 5), ("工作任务", 18), ("具体措施", 28), ("牵头单位", 11), ("责任单位（配合单位）", 18),
           ("责任领导", 8), ("完成时限", 16), ("牵头单位报告", 9), ("评定", 8), ("逾期天数", 6),
           ("进展说明", 28), ("来源", 34))


def page_heading(campaign: Campaign, category: str) -> str:
    """The page header of a category's sheet: 古塔区“三城联创”任务推进情况（文明城）, with
    the "&" that starts a header code doubled."""
    return f"{campaign.region}“{campaign.name}”任务推进情况（{category}）".replace("&", "&&")


def progress_bytes(campaign: Campaign, states: list[TaskState], stamp: dt.datetime) -> bytes:
    """The workbook as reproducible .xlsx bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    categories = [c for c in campaign.task_categories if any(s.task.category == c for s in states)]
    for category in categories:
        ws = wb.create_sheet(category)
        write_header(ws, 1, HEADERS)
        table = TableWriter(ws)
        for state in (s for s in states if s.task.category == category):
            task = state.task
            notes = "\n".join(f"{campaign.unit(r.unit_code).short}：{r.note}" for r in state.reports if r.note)
            sources = "\n".join(str(r.source) for r in state.reports)
            values = [task.seq, task.title, task.measures,
                      "、".join(campaign.unit(c).short for c in task.leads),
                      "、".join(campaign.unit(c).short for c in task.partners), task.leader,
                      task.deadline.text, state.lead_state, state.verdict, state.days_late, notes, sources]
            table.add(values)
        ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(HEADERS)).column_letter}{table.last_row}"
        set_up_printing(ws, 1, rows=range(1, table.row), print_columns=len(HEADERS) - 1)
        heading = ws.oddHeader.center
        heading.text, heading.font, heading.size = page_heading(campaign, category), "黑体", 14
    wb.properties.title = "任务推进情况"
    wb.properties.creator = campaign.office
    return workbook_bytes(wb, stamp)
