"""The blank 督查记录表 (inspection round workbook): the master, and the teams' copy with
drop-down lists of the campaign's units, problem categories and rectification states.

Both print on A4: the round's head on one portrait page, the record sheet landscape with a
page of bordered blank rows to fill in by hand; dates show as 2018年11月5日."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from reporter.intake import schema
from reporter.model import RECTIFY_STATES, Campaign, InspectionRules
from reporter.publish.xlsx import (
    BODY_FONT,
    BORDER,
    DATE_FORMAT,
    INPUT_FILL,
    TITLE_FONT,
    WRAP,
    set_text,
    set_up_printing,
    workbook_bytes,
    write_header,
)

ROUND_NOTE = ("说明：每轮督查填写一个记录表；照片放在记录表所在文件夹的“照片”子文件夹中，"
              "“照片”一栏填写照片的文件名，多张用“、”分隔。")


def build_inspection_form(campaign: Campaign | None = None) -> Workbook:
    """The 督查记录表: the master when ``campaign`` is None, else with drop-downs of its units,
    problem categories and states."""
    wb = Workbook()
    ws = wb.active
    ws.title = schema.SHEET_ROUND
    set_text(ws["A1"], "督查轮次")
    ws["A1"].font = TITLE_FONT
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 14, 60
    for key, (row, label) in schema.ROUND_ROWS.items():
        set_text(ws[f"A{row}"], label)
        ws[f"A{row}"].border = ws[f"B{row}"].border = BORDER
        ws[f"A{row}"].font = ws[f"B{row}"].font = BODY_FONT
        ws[f"B{row}"].fill = INPUT_FILL
        ws[f"B{row}"].alignment = WRAP
        if key in schema.ROUND_DATES:
            ws[f"B{row}"].number_format = DATE_FORMAT
    note = ws.cell(row=max(row for row, _label in schema.ROUND_ROWS.values()) + 2, column=1)
    set_text(note, ROUND_NOTE)
    note.font = BODY_FONT
    ws.merge_cells(start_row=note.row, start_column=1, end_row=note.row, end_column=2)
    note.alignment = WRAP
    set_up_printing(ws)
    records = wb.create_sheet(schema.SHEET_FINDINGS)
    set_text(records["A1"], "督查记录（问题编号写成 轮次-序号，如 1-01；复查上一轮问题时填写原编号）")
    records["A1"].font = TITLE_FONT
    write_header(records, schema.TABLE_HEADER_ROW, [(c.header, c.width) for c in schema.FINDING_COLUMNS])
    _blank_rows(records)
    set_up_printing(records, schema.TABLE_HEADER_ROW, rows=range(1, schema.TABLE_FIRST_ROW))
    if campaign is not None and campaign.inspection is not None:
        _add_drop_downs(wb, campaign, campaign.inspection)
    return wb


def _blank_rows(ws) -> None:
    """A printed page of bordered rows to fill in; every date column shows 2018年11月5日,
    the blank rows and whatever is typed below them."""
    dates = {schema.FINDING_FIELDS[field] for field in schema.FINDING_DATES}
    for letter in dates:
        ws.column_dimensions[letter].number_format = DATE_FORMAT
    first = schema.TABLE_FIRST_ROW
    for row in range(first, first + schema.FINDING_PRINT_ROWS):
        ws.row_dimensions[row].height = schema.FINDING_ROW_HEIGHT
        for col in schema.FINDING_COLUMNS:
            cell = ws[f"{col.letter}{row}"]
            cell.border, cell.font, cell.alignment = BORDER, BODY_FONT, WRAP
            if col.letter in dates:
                cell.number_format = DATE_FORMAT


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
