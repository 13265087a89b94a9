"""The task progress workbook (任务推进情况.xlsx): every task with its status and lateness,
one sheet per category, with filters and frozen headers; user text always stored as text."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from reporter.figures.progress import TaskState
from reporter.model import Campaign
from reporter.publish.xlsx import TableWriter, workbook_bytes, write_header

PROGRESS_BOOK_NAME = "任务推进情况.xlsx"
HEADERS = (("序号", 6), ("工作任务", 40), ("具体措施", 40), ("牵头单位", 18), ("责任单位（配合单位）", 22),
           ("责任领导", 10), ("完成时限", 16), ("牵头单位报告", 12), ("评定", 10), ("逾期天数", 9),
           ("进展说明", 40), ("来源", 40))


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
            notes = "；".join(f"{campaign.unit(r.unit_code).short}：{r.note}" for r in state.reports if r.note)
            sources = "；".join(str(r.source) for r in state.reports)
            values = [task.seq, task.title, task.measures,
                      "、".join(campaign.unit(c).short for c in task.leads),
                      "、".join(campaign.unit(c).short for c in task.partners), task.leader,
                      task.deadline.text, state.lead_state, state.verdict, state.days_late, notes, sources]
            table.add(values)
        ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(HEADERS)).column_letter}{table.last_row}"
    wb.properties.title = "任务推进情况"
    wb.properties.creator = campaign.office
    return workbook_bytes(wb, stamp)
