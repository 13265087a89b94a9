"""The layout of the workbooks units and inspectors fill in: sheet names, one column table per
sheet, rows and the version marker.

One place that both the writers and the readers follow, so a form written by ``reporter forms``
is read back cell for cell: every column letter comes from its table (``publish.columns``).
"""

from __future__ import annotations

from reporter.publish.columns import Column, Table

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
GUIDE_COLUMNS = Table(Column("text", width=GUIDE_WIDTH))

# Every sheet's title is its top-left cell, above the table.
TITLE_CELL = "A1"

# 基本信息: a label and a value on each row.
INFO_COLUMNS = Table(Column("label", width=14), Column("value", width=48))
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

TABLE_HEADER_ROW = 2
TABLE_FIRST_ROW = 3

# The lines a printed table is signed on: the table's first column, one blank row below the
# table's last row, the text running on across the empty cells to its right. Readers pass over
# rows that hold only a text starting with one of SIGN_LABELS.
SIGN_LINES = ("填报人：　　　　　　　　审核人：　　　　　　　　单位负责人（签字）：",
              "填报日期：　　　　年　　月　　日")
SIGN_LABELS = ("填报人：", "填报日期：")
SIGN_GAP = 2  # the first sign line is this many rows below the table's last row

# 工作指标: the code column is kept for reading the form back, not shown to the unit.
VALUE_COLUMNS = Table(
    Column("seq", "序号", 6),
    Column("name", "指标名称", 36),
    Column("measure", "计量单位", 10),
    Column("value", "本期数值", 14),
    Column("note", "说明（可选）", 34),
    Column("code", "指标代码", 14, hidden=True),
)

NOTE_COLUMNS = Table(
    Column("seq", "序号", 6),
    Column("section", "所属部分", 30),
    Column("title", "标题（一句话概括）", 28),
    Column("text", "具体内容", 70),
    Column("highlight", "是否重点", 10),
    Column("order", "排序（可选）", 12),
)
NOTE_ROWS = 60
YES, NO = "是", "否"

# _reporter (very hidden): the version marker (a key and its value on each row), drop-down
# lists in a column of their own.
META_COLUMNS = Table(Column("key"), Column("value"), Column("blank"), Column("sections"))
META_ROWS = {"kind": 1, "version": 2, "campaign": 3, "period": 4, "unit": 5}

MAX_TEXT = 2000

# 任务进展 (in a unit's form, only when the workspace has a 责任分解表); the task id column is
# kept for reading the form back, not shown to the unit.
SHEET_PROGRESS = "任务进展"
PROGRESS_COLUMNS = Table(
    Column("seq", "序号", 6),
    Column("category", "类别", 10),
    Column("title", "工作任务", 40),
    Column("role", "本单位角色", 10),
    Column("deadline", "完成时限", 18),
    Column("state", "进展状态", 12),
    Column("note", "进展说明（可选）", 40),
    Column("id", "任务编号", 12, hidden=True),
)

# The office's 标准与责任分解表 (templates/xlsx/责任分解表.xlsx, inputs/责任分解表.xlsx).
TASK_MASTER_NAME = "责任分解表.xlsx"
SHEET_TASKS = "责任分解表"
TASK_COLUMNS = Table(
    Column("category", "类别", 10),
    Column("seq", "序号", 6),
    Column("title", "创建标准/工作任务", 36),
    Column("measures", "具体措施", 48),
    Column("leads", "牵头单位", 20),
    Column("partners", "责任单位（配合单位）", 24),
    Column("leader", "责任领导", 10),
    Column("deadline", "完成时限", 16),
    Column("points", "分值", 8),
    Column("remark", "备注", 16),
)

# 督查记录表: one workbook per inspection round under inputs/督查/.
INSPECTION_MASTER_NAME = "督查记录表.xlsx"
SHEET_ROUND = "督查轮次"
ROUND_COLUMNS = Table(Column("label", width=14), Column("value", width=60))
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
FINDING_COLUMNS = Table(
    Column("number", "问题编号", 9),
    Column("date", "督查日期", 16),
    Column("team", "督查组", 9),
    Column("unit", "被督查单位", 13),
    Column("place", "点位/地点", 18),
    Column("category", "问题类别", 11),
    Column("description", "问题描述", 30),
    Column("photos", "照片", 14),
    Column("deadline", "整改时限", 16),
    Column("state", "整改状态", 9),
    Column("recheck_date", "复查日期", 16),
    Column("recheck_result", "复查结果", 18),
)
# _lists (hidden, in the teams' copy): the drop-down lists of the 督查记录 columns of the same key.
SHEET_LISTS = "_lists"
LIST_COLUMNS = Table(Column("unit"), Column("category"), Column("state"))
FINDING_ROWS = 500
FINDING_PRINT_ROWS = 16  # bordered blank rows of the blank form: one printed page to fill in by hand
FINDING_ROW_HEIGHT = 34  # points: two lines of typed text, or room to write by hand
FINDING_DATES = ("date", "deadline", "recheck_date")
ROUND_DATES = ("start", "end", "issued", "report_by")
PHOTO_FOLDER = "照片"


def info_cell(key: str) -> str:
    """The address of the value of ``key`` (a key of ``INFO_ROWS``) on 基本信息: ``B2``."""
    return INFO_COLUMNS.cell("value", INFO_ROWS[key][0])


def round_cell(key: str) -> str:
    """The address of the value of ``key`` (a key of ``ROUND_ROWS``) on 督查轮次."""
    return ROUND_COLUMNS.cell("value", ROUND_ROWS[key][0])


# Letters by key for the scripts that fill example and benchmark workbooks in
# (scripts/make_example_inputs.py, scripts/bench.py): taken from the tables above.
VALUE_CELL, VALUE_CODE = VALUE_COLUMNS.letter("value"), VALUE_COLUMNS.letter("code")
NOTE_SECTION, NOTE_TITLE, NOTE_TEXT, NOTE_HIGHLIGHT, NOTE_ORDER = (
    NOTE_COLUMNS.letter(key) for key in ("section", "title", "text", "highlight", "order"))
PROGRESS_STATE, PROGRESS_NOTE, PROGRESS_ID = (PROGRESS_COLUMNS.letter(key) for key in ("state", "note", "id"))
TASK_FIELDS = TASK_COLUMNS.letters
FINDING_FIELDS = FINDING_COLUMNS.letters
