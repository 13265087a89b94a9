"""The master input workbook (``templates/xlsx/填报表.xlsx``): styles, headers and instructions.

``reporter forms`` personalises a copy of it for every unit. Offices may edit the master in
Excel (the wording of 填报说明, colours, widths) as long as the sheet names stay.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from reporter.intake import schema
from reporter.publish.columns import Table
from reporter.publish.xlsx import (
    BODY_FONT,
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    WRAP,
    set_text,
    set_up_printing,
    workbook_bytes,
    write_header,
)

GUIDE_LINES = (
    "【单位】【报送期】工作情况填报表 填报说明",
    "",
    "一、本表由【单位】填写，请于【截止日期】前报送【办公室】。",
    "二、“基本信息”表中灰色单元格已预先填好，请勿修改；请填写填报人、联系电话和填报日期。",
    "三、“工作指标”表只列出本单位需要填报的指标。“本期数值”一栏请填写阿拉伯数字（如 2770），"
    "不要填写“约”“余”“两千”等文字，也不要带单位；本期没有的请填 0。需要说明的情况写在“说明”一栏。",
    "四、“工作举措”表填写本期主要工作做法，每行一条：先在“所属部分”下拉框中选择汇报中的部分，"
    "再用一句话写标题，在“具体内容”中写做法和成效，数字请写确切数。可在“是否重点”中选择“是”，供汇报优先采用。",
    "五、请勿增删、重命名或隐藏工作表，请勿插入或删除行、合并单元格；表中隐藏的列供汇总核对使用，请勿取消隐藏或改动。",
    "六、请保存为 .xlsx 格式（Excel 或 WPS 中“另存为 Excel 工作簿”），不要加密码。",
    "七、报送纸质件的，请打印“工作指标”“工作举措”等表，由填报人、审核人和单位负责人在表格下方签字。",
)


def build_master() -> Workbook:
    """A fresh master workbook with the four sheets styled and headed."""
    wb = Workbook()
    guide = wb.active
    guide.title = schema.SHEET_GUIDE
    text = schema.GUIDE_COLUMNS["text"]
    guide.column_dimensions[text.letter].width = text.width
    for row, line in enumerate(GUIDE_LINES, start=1):
        cell = guide[text.cell(row)]
        set_text(cell, line)
        cell.font = TITLE_FONT if row == 1 else BODY_FONT
        cell.alignment = WRAP

    info = wb.create_sheet(schema.SHEET_INFO)
    set_text(info[schema.TITLE_CELL], "基本信息")
    info[schema.TITLE_CELL].font = TITLE_FONT
    for col in schema.INFO_COLUMNS:
        info.column_dimensions[col.letter].width = col.width
    label_column, value_column = schema.INFO_COLUMNS["label"], schema.INFO_COLUMNS["value"]
    for row, label in schema.INFO_ROWS.values():
        cell = info[label_column.cell(row)]
        set_text(cell, label)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        info[value_column.cell(row)].border = BORDER

    _table_sheet(wb, schema.SHEET_VALUES, schema.VALUE_COLUMNS)
    _table_sheet(wb, schema.SHEET_NOTES, schema.NOTE_COLUMNS)
    for ws in (guide, info):
        set_up_printing(ws)
    for letter in schema.VALUE_COLUMNS.hidden:
        wb[schema.SHEET_VALUES].column_dimensions[letter].hidden = True
    return wb


def _table_sheet(wb: Workbook, title: str, columns: Table) -> None:
    ws = wb.create_sheet(title)
    set_text(ws[schema.TITLE_CELL], title)
    ws[schema.TITLE_CELL].font = TITLE_FONT
    write_header(ws, schema.TABLE_HEADER_ROW, columns.headers)
    set_up_printing(ws, schema.TABLE_HEADER_ROW, grow_only=True)


def build_task_master() -> Workbook:
    """The master 标准与责任分解表: one headed sheet the office fills in."""
    wb = Workbook()
    wb.remove(wb.active)
    _table_sheet(wb, schema.SHEET_TASKS, schema.TASK_COLUMNS)
    ws = wb[schema.SHEET_TASKS]
    set_text(ws[schema.TITLE_CELL], "标准与责任分解表（类别可只在每类第一行填写；多个单位用“、”分隔；完成时限如 2018年12月底前、长期坚持、每月）")
    return wb


def task_master_bytes() -> bytes:
    """The master task workbook as reproducible .xlsx bytes."""
    return workbook_bytes(build_task_master(), dt.datetime(2018, 1, 1))


def master_bytes() -> bytes:
    """The master workbook as reproducible .xlsx bytes."""
    return workbook_bytes(build_master(), dt.datetime(2018, 1, 1))
