"""Personalised input workbooks: the master form filled in for one unit.

Each unit gets its own name and period pre-filled and locked, only its own indicators,
drop-downs and number checks on the cells it fills, and a hidden version marker that lets
``reporter check`` recognise forms from another campaign, period or form version.

Every visible sheet prints on A4, one page wide; the code columns the reader needs are
hidden, and each table ends with the lines it is signed on (填报人, 审核人, 单位负责人, 填报日期).
"""

from __future__ import annotations

import datetime as dt
import pickle
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from openpyxl.styles import Alignment, Protection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reporter.errors import InputError, Problem
from reporter.intake import schema
from reporter.intake.previous import add_previous_column
from reporter.model import TASK_STATES, Campaign, Task, Unit
from reporter.publish.cellstyles import CellStyle, apply_style
from reporter.publish.columns import Table
from reporter.publish.xlsx import (
    BODY_FONT,
    BORDER,
    CENTER,
    DATE_FORMAT,
    HEADER_FILL,
    INPUT_FILL,
    TITLE_FONT,
    WRAP,
    open_workbook,
    set_text,
    set_up_printing,
    workbook_bytes,
    write_header,
)

UNLOCKED = Protection(locked=False)
PROTECTION_OPTIONS = dict(formatColumns=False, formatRows=False, formatCells=False)
SIGN_HEIGHT = 30  # points: room for a handwritten signature
SIGN_ALIGNMENT = Alignment(horizontal="left", vertical="bottom", wrap_text=False)

# The prepared styles of the cells a form fills in.
TEXT = CellStyle(border=BORDER, font=BODY_FONT, alignment=WRAP)
CENTERED = TEXT.but(alignment=CENTER)
LOCKED_TEXT = TEXT.but(fill=HEADER_FILL)
INPUT = TEXT.but(fill=INPUT_FILL, protection=UNLOCKED)
WHOLE_INPUT = INPUT.but(number_format="0")
DECIMAL_INPUT = INPUT.but(number_format="0.0###")
SIGN_LINE = CellStyle(font=BODY_FONT, alignment=SIGN_ALIGNMENT)


def load_master(path: Path, display: str) -> Workbook:
    """The master workbook, checked to hold the sheets the forms need."""
    try:
        wb = open_workbook(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError([Problem(display, f"无法打开填报表模板：{e}")]) from e
    missing = [name for name in schema.DATA_SHEETS if name not in wb.sheetnames]
    if missing:
        raise InputError([Problem(display, f"填报表模板缺少工作表“{name}”，请恢复或重新生成模板")
                          for name in missing])
    return wb


class MasterForm:
    """The master workbook, parsed once for a whole batch of forms: each form starts from a
    fresh copy (unpickling a parsed workbook costs a twentieth of parsing the file)."""

    def __init__(self, path: Path, display: str):
        self._parsed = pickle.dumps(load_master(path, display))

    def copy(self) -> Workbook:
        """A fresh workbook, equal to the master as read from its file."""
        wb: Workbook = pickle.loads(self._parsed)
        for ws in wb.worksheets:
            if isinstance(ws, Worksheet):  # openpyxl's row and column tables lose their factory in a pickle
                ws.row_dimensions.default_factory = ws._add_row
                ws.column_dimensions.default_factory = ws._add_column
        return wb


def form_bytes(master: Path | MasterForm, display: str, campaign: Campaign, unit: Unit,
               tasks: tuple[Task, ...] = (), previous: tuple[str, Mapping[str, Decimal]] | None = None) -> bytes:
    """The personalised workbook of ``unit`` as .xlsx bytes; with a 任务进展 sheet when the
    unit leads or shares any of ``tasks``; ``previous`` (the period's label and the unit's values
    then) adds last period's values beside the figures, read-only."""
    wb = (master if isinstance(master, MasterForm) else MasterForm(master, display)).copy()
    _fill_guide(wb[schema.SHEET_GUIDE], campaign, unit)
    _fill_info(wb[schema.SHEET_INFO], campaign, unit)
    _fill_values(wb[schema.SHEET_VALUES], campaign, unit)
    if previous is not None:
        add_previous_column(wb[schema.SHEET_VALUES], campaign, unit, *previous)
    _fill_notes(wb[schema.SHEET_NOTES], campaign)
    own = tasks_of(unit, tasks)
    if own:
        _add_progress(wb, own, unit)
    _set_up_printing(wb, len(campaign.indicators_for(unit)), len(own))
    _add_meta(wb, campaign, unit)
    wb.active = wb.sheetnames.index(schema.SHEET_GUIDE)
    wb.properties.creator = campaign.office
    wb.properties.title = f"{unit.short}{campaign.period.label}填报表"
    stamp = dt.datetime(campaign.period.year, campaign.period.month, 1)
    return workbook_bytes(wb, stamp)


def _fill_guide(ws: Worksheet, campaign: Campaign, unit: Unit) -> None:
    deadline = (f"{campaign.deadline.year}年{campaign.deadline.month}月{campaign.deadline.day}日"
                if campaign.deadline else "规定时间")
    tokens = {"【单位】": unit.name, "【报送期】": campaign.period.label,
              "【截止日期】": deadline, "【办公室】": campaign.office}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                text = cell.value
                for token, value in tokens.items():
                    text = text.replace(token, value)
                set_text(cell, text)
    column = schema.GUIDE_COLUMNS["text"]
    width = ws.column_dimensions[column.letter].width
    ws.column_dimensions[column.letter].width = min(width, column.width) if width else column.width
    ws.protection.sheet = True


def _fill_info(ws: Worksheet, campaign: Campaign, unit: Unit) -> None:
    values = {"code": unit.code, "name": unit.name, "kind": unit.kind, "period": campaign.period.label}
    for key in schema.INFO_ROWS:
        cell = ws[schema.info_cell(key)]
        if key in schema.INFO_LOCKED:
            set_text(cell, values[key])
            apply_style(cell, LOCKED_TEXT)
        else:
            apply_style(cell, INPUT)
    date_cell = schema.info_cell("filled_on")
    ws[date_cell].number_format = DATE_FORMAT
    check = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                           formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                           errorTitle="日期有误", error="请填写日期，如 2018-11-20",
                           promptTitle="填报日期", prompt="填写日期，如 2018-11-20", showInputMessage=True)
    check.add(date_cell)
    ws.add_data_validation(check)
    _protect(ws)


def _number_check(decimals: int, hint: str = "") -> DataValidation:
    """The check of value cells with ``decimals`` places; its prompt (shown when such a cell is
    selected) leads with the indicator's ``hint`` (configuration ``hint``) when it has one."""
    kind = "whole" if decimals == 0 else "decimal"
    rule = "请填写不小于 0 的整数" if decimals == 0 else f"请填写不小于 0 的数字，最多 {decimals} 位小数"
    return DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                          showErrorMessage=True, errorTitle="数值有误", error=rule,
                          showInputMessage=True, promptTitle="本期数值", prompt=f"{hint}（{rule}）" if hint else rule)


def _fill_values(ws: Worksheet, campaign: Campaign, unit: Unit) -> None:
    set_text(ws[schema.TITLE_CELL], f"{unit.name}{campaign.period.label}工作指标")
    table = schema.VALUE_COLUMNS
    checks: dict[tuple[int, str], DataValidation] = {}
    for index, indicator in enumerate(campaign.indicators_for(unit)):
        row = schema.TABLE_FIRST_ROW + index
        cells = {"seq": index + 1, "name": indicator.name, "measure": indicator.measure, "code": indicator.code}
        for key, value in cells.items():
            set_text(ws[table.cell(key, row)], value)
        for col in table:
            apply_style(ws[col.cell(row)], _value_style(col.key, indicator.decimals))
        kind = (indicator.decimals, indicator.hint)
        checks.setdefault(kind, _number_check(*kind)).add(table.cell("value", row))
    for check in checks.values():
        ws.add_data_validation(check)
    _protect(ws)


def _fill_notes(ws: Worksheet, campaign: Campaign) -> None:
    first = schema.TABLE_FIRST_ROW
    last = first + schema.NOTE_ROWS - 1
    sections = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                              formula1=_meta_list_range(len(campaign.sections)),
                              errorTitle="所属部分有误", error="请从下拉列表中选择汇报中的部分")
    flags = DataValidation(type="list", formula1=f'"{schema.YES},{schema.NO}"', allow_blank=True,
                           showErrorMessage=True, errorTitle="是否重点", error="请选择“是”或“否”")
    order = DataValidation(type="whole", operator="between", formula1="1", formula2="999",
                           allow_blank=True, showErrorMessage=True, errorTitle="排序有误",
                           error="请填写 1 到 999 的整数，数字小的排在前面")
    table = schema.NOTE_COLUMNS
    sections.add(table["section"].span(first, last))
    flags.add(table["highlight"].span(first, last))
    order.add(table["order"].span(first, last))
    for check in (sections, flags, order):
        ws.add_data_validation(check)
    for row in range(first, last + 1):
        ws[table.cell("seq", row)].value = row - first + 1
        for col in table:
            apply_style(ws[col.cell(row)], CENTERED if col.key == "seq" else INPUT)
    _protect(ws)


def _value_style(key: str, decimals: int) -> CellStyle:
    """The style of a cell of the 工作指标 table in column ``key``."""
    if key == "value":
        return WHOLE_INPUT if decimals == 0 else DECIMAL_INPUT
    if key == "note":
        return INPUT
    return CENTERED if key in ("seq", "measure") else TEXT


def tasks_of(unit: Unit, tasks: tuple[Task, ...]) -> list[Task]:
    """The tasks a unit leads, then those it shares, each in table order."""
    return ([t for t in tasks if unit.code in t.leads] + [t for t in tasks if unit.code in t.partners])


def _add_progress(wb: Workbook, tasks: list[Task], unit: Unit) -> None:
    ws = wb.create_sheet(schema.SHEET_PROGRESS, index=wb.sheetnames.index(schema.SHEET_NOTES) + 1)
    set_text(ws[schema.TITLE_CELL], f"{unit.name}任务进展（本单位牵头或配合的任务）")
    ws[schema.TITLE_CELL].font = TITLE_FONT
    table = schema.PROGRESS_COLUMNS
    write_header(ws, schema.TABLE_HEADER_ROW, table.headers)
    first = schema.TABLE_FIRST_ROW
    last = first + len(tasks) - 1
    states = DataValidation(type="list", formula1=f'"{",".join(TASK_STATES)}"', allow_blank=True,
                            showErrorMessage=True, errorTitle="进展状态", error="请从下拉列表中选择：已完成、推进中、未启动")
    states.add(table["state"].span(first, last))
    ws.add_data_validation(states)
    for index, task in enumerate(tasks):
        row = first + index
        values = {"seq": index + 1, "category": task.category, "title": task.title, "role": task.role_of(unit.code),
                  "deadline": task.deadline.text, "id": task.id}
        for key, value in values.items():
            set_text(ws[table.cell(key, row)], value)
        for col in table:
            apply_style(ws[col.cell(row)], INPUT if col.key in ("state", "note") else TEXT)
    _protect(ws)


def _set_up_printing(wb: Workbook, indicators: int, tasks: int) -> None:
    """Page setup, row heights, hidden code columns and sign lines of every visible sheet.

    Rows a unit types into keep Excel's automatic height unless their printed text needs
    more; the 工作举措 rows stay automatic, so Excel grows them as the unit writes."""
    header = schema.TABLE_HEADER_ROW
    set_up_printing(wb[schema.SHEET_GUIDE])
    set_up_printing(wb[schema.SHEET_INFO])
    tables = [(wb[schema.SHEET_VALUES], indicators, schema.VALUE_COLUMNS),
              (wb[schema.SHEET_NOTES], schema.NOTE_ROWS, schema.NOTE_COLUMNS)]
    if tasks:
        tables.append((wb[schema.SHEET_PROGRESS], tasks, schema.PROGRESS_COLUMNS))
    for ws, count, table in tables:
        for letter in table.hidden:
            ws.column_dimensions[letter].hidden = True
        last = schema.TABLE_FIRST_ROW + count - 1
        typed = 0 if ws.title == schema.SHEET_NOTES else count
        set_up_printing(ws, header, rows=range(1, schema.TABLE_FIRST_ROW + typed), grow_only=True)
        _add_sign_lines(ws, table, last + schema.SIGN_GAP)


def _add_sign_lines(ws: Worksheet, table: Table, first_row: int) -> None:
    """The lines the printed table is signed on, in its first column from ``first_row``
    (locked, running on to the right)."""
    for row, line in enumerate(schema.SIGN_LINES, start=first_row):
        cell = ws[table.first.cell(row)]
        set_text(cell, line)
        apply_style(cell, SIGN_LINE)
        ws.row_dimensions[row].height = SIGN_HEIGHT


def _protect(ws: Worksheet) -> None:
    """Lock the sheet (no password): only the cells marked unlocked can be edited."""
    ws.protection.sheet = True
    for option, value in PROTECTION_OPTIONS.items():
        setattr(ws.protection, option, value)


def _meta_list_range(count: int) -> str:
    col = schema.META_COLUMNS.letter("sections")
    return f"'{schema.SHEET_META}'!${col}$1:${col}${max(count, 1)}"


def _add_meta(wb: Workbook, campaign: Campaign, unit: Unit) -> None:
    if schema.SHEET_META in wb.sheetnames:
        del wb[schema.SHEET_META]
    ws = wb.create_sheet(schema.SHEET_META)
    marker = {"kind": schema.FORM_KIND, "version": schema.FORM_VERSION, "campaign": campaign.code,
              "period": campaign.period.key, "unit": unit.code}
    table = schema.META_COLUMNS
    for key, row in schema.META_ROWS.items():
        set_text(ws[table.cell("key", row)], key)
        set_text(ws[table.cell("value", row)], marker[key])
    for row, section in enumerate(campaign.sections, start=1):
        set_text(ws[table.cell("sections", row)], section.title)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
