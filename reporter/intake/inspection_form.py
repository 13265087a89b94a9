"""The blank 督查记录表 (inspection round workbook): the master, and the teams' copy with
drop-down lists of the campaign's units, problem categories and rectification states.

Both print on A4: the round's head on one portrait page, the record sheet landscape with a
page of bordered blank rows to fill in by hand; dates show as 2018年11月5日."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

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
    set_text(ws[schema.TITLE_CELL], "督查轮次")
    ws[schema.TITLE_CELL].font = TITLE_FONT
    head = schema.ROUND_COLUMNS
    for col in head:
        ws.column_dimensions[col.letter].width = col.width
    for key, (row, label) in schema.ROUND_ROWS.items():
        label_cell, value_cell = ws[head.cell("label", row)], ws[head.cell("value", row)]
        set_text(label_cell, label)
        label_cell.border = value_cell.border = BORDER
        label_cell.font = value_cell.font = BODY_FONT
        value_cell.fill = INPUT_FILL
        value_cell.alignment = WRAP
        if key in schema.ROUND_DATES:
            value_cell.number_format = DATE_FORMAT
    note = ws.cell(row=max(row for row, _label in schema.ROUND_ROWS.values()) + 2, column=head.first.index)
    set_text(note, ROUND_NOTE)
    note.font = BODY_FONT
    ws.merge_cells(start_row=note.row, start_column=head.first.index, end_row=note.row, end_column=len(head))
    note.alignment = WRAP
    set_up_printing(ws)
    records = wb.create_sheet(schema.SHEET_FINDINGS)
    set_text(records[schema.TITLE_CELL], "督查记录（问题编号写成 轮次-序号，如 1-01；复查上一轮问题时填写原编号）")
    records[schema.TITLE_CELL].font = TITLE_FONT
    write_header(records, schema.TABLE_HEADER_ROW, schema.FINDING_COLUMNS.headers)
    _blank_rows(records)
    set_up_printing(records, schema.TABLE_HEADER_ROW, rows=range(1, schema.TABLE_FIRST_ROW))
    if campaign is not None and campaign.inspection is not None:
        _add_drop_downs(wb, campaign, campaign.inspection)
    return wb


def _blank_rows(ws: Worksheet) -> None:
    """A printed page of bordered rows to fill in; every date column shows 2018年11月5日,
    the blank rows and whatever is typed below them."""
    dates = {schema.FINDING_COLUMNS.letter(key) for key in schema.FINDING_DATES}
    for letter in dates:
        ws.column_dimensions[letter].number_format = DATE_FORMAT
    first = schema.TABLE_FIRST_ROW
    for row in range(first, first + schema.FINDING_PRINT_ROWS):
        ws.row_dimensions[row].height = schema.FINDING_ROW_HEIGHT
        for col in schema.FINDING_COLUMNS:
            cell = ws[col.cell(row)]
            cell.border, cell.font, cell.alignment = BORDER, BODY_FONT, WRAP
            if col.letter in dates:
                cell.number_format = DATE_FORMAT


def _add_drop_downs(wb: Workbook, campaign: Campaign, rules: InspectionRules) -> None:
    """Drop-down lists (kept on a hidden sheet) for unit, category and state; date checks."""
    lists = wb.create_sheet(schema.SHEET_LISTS)
    choices = {"unit": [u.short for u in campaign.units], "category": [c.name for c in rules.categories],
               "state": list(RECTIFY_STATES)}
    for col in schema.LIST_COLUMNS:
        for row, value in enumerate(choices[col.key], start=1):
            set_text(lists[col.cell(row)], value)
    lists.sheet_state = "hidden"
    records = wb[schema.SHEET_FINDINGS]
    first, last = schema.TABLE_FIRST_ROW, schema.TABLE_FIRST_ROW + schema.FINDING_ROWS - 1
    for col in schema.LIST_COLUMNS:
        letter = col.letter
        check = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                               formula1=f"'{schema.SHEET_LISTS}'!${letter}$1:${letter}${len(choices[col.key])}",
                               errorTitle="请从列表中选择", error="请从下拉列表中选择")
        check.add(schema.FINDING_COLUMNS[col.key].span(first, last))
        records.add_data_validation(check)
    for key in schema.FINDING_DATES:
        check = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                               formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                               errorTitle="日期有误", error="请填写日期，如 2018-11-20")
        check.add(schema.FINDING_COLUMNS[key].span(first, last))
        records.add_data_validation(check)


def inspection_form_bytes(campaign: Campaign | None = None) -> bytes:
    """The 督查记录表 as reproducible .xlsx bytes."""
    stamp = dt.datetime(2018, 1, 1) if campaign is None else dt.datetime(campaign.period.year, campaign.period.month, 1)
    return workbook_bytes(build_inspection_form(campaign), stamp)
