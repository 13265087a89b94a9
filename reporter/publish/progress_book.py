"""The task progress workbook (任务推进情况.xlsx): every task with its status and lateness,
one sheet per category, with filters and frozen headers; user text always stored as text.
Printed, each sheet is one A4 landscape page wide without the 来源 column (file paths, for
checking on screen)."""

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
HEADERS = (("序号", 5), ("工作任务", 18), ("具体措施", 28), ("牵头单位", 11), ("责任单位（配合单位）", 18),
           ("责任领导", 8), ("完成时限", 11), ("牵头单位报告", 9), ("评定", 8), ("逾期天数", 6),
           ("进展说明", 28), ("来源", 34))


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
    wb.properties.title = "任务推进情况"
    wb.properties.creator = campaign.office
    return workbook_bytes(wb, stamp)
