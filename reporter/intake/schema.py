"""The layout of the unit input workbook: sheet names, columns, rows and the version marker.

One place that both the builder and the reader follow, so a form written by
``reporter forms`` is read back cell for cell.
"""

from __future__ import annotations

from dataclasses import dataclass

FORM_KIND = "reporter-unit-form"
FORM_VERSION = 1
MASTER_NAME = "填报表.xlsx"

SHEET_GUIDE = "填报说明"
SHEET_INFO = "基本信息"
SHEET_VALUES = "工作指标"
SHEET_NOTES = "工作举措"
SHEET_META = "_reporter"
DATA_SHEETS = (SHEET_GUIDE, SHEET_INFO, SHEET_VALUES, SHEET_NOTES)
# 填报说明 is one wrapped column; LibreOffice does not shrink a single column wider than the
# paper, so it is kept narrower than an A4 portrait page in any default font.
GUIDE_WIDTH = 72


@dataclass(frozen=True)
class Column:
    """A column of a table sheet: its letter, header and width in characters."""

    letter: str
    header: str
    width: float


# 基本信息: labels in column A, values in column B.
INFO_ROWS = {
    "code": (2, "单位代码"),
    "name": (3, "单位名称"),
    "kind": (4, "单位类型"),
    "period": (5, "报送期"),
    "filled_by": (6, "填报人"),
    "phone": (7, "联系电话"),
    "filled_on": (8, "填报日期"),
}
INFO_LOCKED = ("code", "name", "kind", "period")
INFO_VALUE_COLUMN = "B"

TABLE_TITLE_ROW = 1
TABLE_HEADER_ROW = 2
TABLE_FIRST_ROW = 3

# The lines a printed table is signed on: column A, one blank row below the table's last row,
# the text running on across the empty cells to its right. Readers pass over rows that hold
# only a text starting with one of SIGN_LABELS.
SIGN_LINES = ("填报人：　　　　　　　　审核人：　　　　　　　　单位负责人（签字）：",
              "填报日期：　　　　年　　月　　日")
SIGN_LABELS = ("填报人：", "填报日期：")
SIGN_GAP = 2  # the first sign line is this many rows below the table's last row

VALUE_COLUMNS = (
    Column("A", "序号", 6),
    Column("B", "指标名称", 36),
    Column("C", "计量单位", 10),
    Column("D", "本期数值", 14),
    Column("E", "说明（可选）", 34),
    Column("F", "指标代码", 14),
)
VALUE_HIDDEN = ("F",)  # kept for reading the form back, not shown to the unit
VALUE_NAME, VALUE_MEASURE, VALUE_CELL, VALUE_NOTE, VALUE_CODE = "B", "C", "D", "E", "F"

NOTE_COLUMNS = (
    Column("A", "序号", 6),
    Column("B", "所属部分", 30),
    Column("C", "标题（一句话概括）", 28),
    Column("D", "具体内容", 70),
    Column("E", "是否重点", 10),
    Column("F", "排序（可选）", 12),
)
NOTE_SECTION, NOTE_TITLE, NOTE_TEXT, NOTE_HIGHLIGHT, NOTE_ORDER = "B", "C", "D", "E", "F"
NOTE_ROWS = 60
YES, NO = "是", "否"

# _reporter (very hidden): the version marker in A1:B4, drop-down lists from column D.
META_ROWS = {"kind": 1, "version": 2, "campaign": 3, "period": 4, "unit": 5}
META_LIST_COLUMN = "D"

MAX_TEXT = 2000

# 任务进展 (in a unit's form, only when the workspace has a 责任分解表).
SHEET_PROGRESS = "任务进展"
PROGRESS_COLUMNS = (
    Column("A", "序号", 6),
    Column("B", "类别", 10),
    Column("C", "工作任务", 40),
    Column("D", "本单位角色", 10),
    Column("E", "完成时限", 18),
    Column("F", "进展状态", 12),
    Column("G", "进展说明（可选）", 40),
    Column("H", "任务编号", 12),
)
PROGRESS_STATE, PROGRESS_NOTE, PROGRESS_ID = "F", "G", "H"
PROGRESS_HIDDEN = ("H",)  # kept for reading the form back, not shown to the unit

# The office's 标准与责任分解表 (templates/xlsx/责任分解表.xlsx, inputs/责任分解表.xlsx).
TASK_MASTER_NAME = "责任分解表.xlsx"
SHEET_TASKS = "责任分解表"
TASK_COLUMNS = (
    Column("A", "类别", 10),
    Column("B", "序号", 6),
    Column("C", "创建标准/工作任务", 36),
    Column("D", "具体措施", 48),
    Column("E", "牵头单位", 20),
    Column("F", "责任单位（配合单位）", 24),
    Column("G", "责任领导", 10),
    Column("H", "完成时限", 16),
    Column("I", "分值", 8),
    Column("J", "备注", 16),
)
TASK_FIELDS = {"category": "A", "seq": "B", "title": "C", "measures": "D", "leads": "E",
               "partners": "F", "leader": "G", "deadline": "H", "points": "I", "remark": "J"}

# 督查记录表: one workbook per inspection round under inputs/督查/.
INSPECTION_MASTER_NAME = "督查记录表.xlsx"
SHEET_ROUND = "督查轮次"
ROUND_ROWS = {
    "number": (2, "轮次"),
    "start": (3, "开始日期"),
    "end": (4, "结束日期"),
    "doc_seq": (5, "文号序号"),
    "units": (6, "被督查单位"),
    "points": (7, "督查点位数"),
    "issued": (8, "通报日期"),
    "report_by": (9, "整改报送期限"),
}
SHEET_FINDINGS = "督查记录"
SHEET_LISTS = "_lists"
FINDING_COLUMNS = (
    Column("A", "问题编号", 9),
    Column("B", "督查日期", 16),
    Column("C", "督查组", 9),
    Column("D", "被督查单位", 13),
    Column("E", "点位/地点", 18),
    Column("F", "问题类别", 11),
    Column("G", "问题描述", 30),
    Column("H", "照片", 14),
    Column("I", "整改时限", 16),
    Column("J", "整改状态", 9),
    Column("K", "复查日期", 16),
    Column("L", "复查结果", 18),
)
FINDING_FIELDS = {"number": "A", "date": "B", "team": "C", "unit": "D", "place": "E", "category": "F",
                  "description": "G", "photos": "H", "deadline": "I", "state": "J", "recheck_date": "K",
                  "recheck_result": "L"}
FINDING_ROWS = 500
FINDING_PRINT_ROWS = 16  # bordered blank rows of the blank form: one printed page to fill in by hand
FINDING_ROW_HEIGHT = 34  # points: two lines of typed text, or room to write by hand
FINDING_DATES = ("date", "deadline", "recheck_date")
ROUND_DATES = ("start", "end", "issued", "report_by")
PHOTO_FOLDER = "照片"
