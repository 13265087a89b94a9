"""The blank 督查记录表 (inspection round workbook): the master, and the teams' copy with
drop-down lists of the campaign's units, problem categories and rectification states."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from reporter.intake import schema
from reporter.model import RECTIFY_STATES, Campaign, InspectionRules
from reporter.publish.xlsx import (
    BORDER,
    INPUT_FILL,
    TITLE_FONT,
    set_text,
    workbook_bytes,
    write_header,
)


def build_inspection_form(campaign: Campaign | None = None) -> Workbook:
    """The 督查记录表: the master when ``campaign`` is None, else with drop-downs of its units,
    problem categories and states."""
    wb = Workbook()
    ws = wb.active
    ws.title = schema.SHEET_ROUND
    set_text(ws["A1"], "督查轮次（每轮一个文件，放在 inputs/督查/；照片放在同一文件夹的“照片”子文件夹）")
    ws["A1"].font = TITLE_FONT
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 14, 40
    for row, label in schema.ROUND_ROWS.values():
        set_text(ws[f"A{row}"], label)
        ws[f"A{row}"].border = ws[f"B{row}"].border = BORDER
        ws[f"B{row}"].fill = INPUT_FILL
    records = wb.create_sheet(schema.SHEET_FINDINGS)
    set_text(records["A1"], "督查记录（问题编号写成 轮次-序号，如 1-01；复查上一轮问题时填写原编号）")
    records["A1"].font = TITLE_FONT
    write_header(records, schema.TABLE_HEADER_ROW, [(c.header, c.width) for c in schema.FINDING_COLUMNS])
    if campaign is not None and campaign.inspection is not None:
        _add_drop_downs(wb, campaign, campaign.inspection)
    return wb


def _add_drop_downs(wb: Workbook, campaign: Campaign, rules: InspectionRules) -> None:
    """Drop-down lists (kept on a hidden sheet) for unit, category and state; date checks."""
    lists = wb.create_sheet(schema.SHEET_LISTS)
    columns = {"A": [u.short for u in campaign.units], "B": [c.name for c in rules.categories],
               "C": list(RECTIFY_STATES)}
    for letter, values in columns.items():
        for row, value in enumerate(values, start=1):
            set_text(lists[f"{letter}{row}"], value)
    lists.sheet_state = "hidden"
    records = wb[schema.SHEET_FINDINGS]
    first, last = schema.TABLE_FIRST_ROW, schema.TABLE_FIRST_ROW + schema.FINDING_ROWS - 1
    for field, letter in (("unit", "A"), ("category", "B"), ("state", "C")):
        column = schema.FINDING_FIELDS[field]
        check = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                               formula1=f"'{schema.SHEET_LISTS}'!${letter}$1:${letter}${len(columns[letter])}",
                               errorTitle="请从列表中选择", error="请从下拉列表中选择")
        check.add(f"{column}{first}:{column}{last}")
        records.add_data_validation(check)
    for field in ("date", "deadline", "recheck_date"):
        column = schema.FINDING_FIELDS[field]
        check = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                               formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                               errorTitle="日期有误", error="请填写日期，如 2018-11-20")
        check.add(f"{column}{first}:{column}{last}")
        records.add_data_validation(check)


def inspection_form_bytes(campaign: Campaign | None = None) -> bytes:
    """The 督查记录表 as reproducible .xlsx bytes."""
    stamp = dt.datetime(2018, 1, 1) if campaign is None else dt.datetime(campaign.period.year, campaign.period.month, 1)
    return workbook_bytes(build_inspection_form(campaign), stamp)
