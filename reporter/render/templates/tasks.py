"""The 责任分解表 and 任务清单 templates (landscape tables)."""

from __future__ import annotations

from reporter.render.templates.blocks import BYLINE, TITLE, Block, Table, document_bytes

# (header, field of a row, width in twips); widths add up to the landscape type area (12756).
# A cell needs 240 twips per character at 小四 plus about 216 of cell margins: the narrow
# columns are sized so their headers and usual contents never break one character per line.
BREAKDOWN_COLUMNS = (
    ("类别", "类别", 960), ("序号", "序号", 700), ("创建标准/工作任务", "任务", 2200), ("具体措施", "措施", 2616),
    ("牵头单位", "牵头单位", 1400), ("责任单位（配合单位）", "责任单位", 1700), ("责任领导", "责任领导", 1180),
    ("完成时限", "完成时限", 1300), ("备注", "备注", 700),
)
TASK_LIST_COLUMNS = (
    ("序号", "编号", 700), ("类别", "类别", 960), ("工作任务", "任务", 2300), ("具体措施", "措施", 2716),
    ("角色", "角色", 700), ("完成时限", "完成时限", 1300), ("本单位进展", "本单位进展", 1420),
    ("进展说明", "进展说明", 1460), ("评定", "评定", 1200),
)


def breakdown_template_bytes() -> bytes:
    """The 标准与责任分解表 template (landscape)."""
    return document_bytes([(TITLE, "{{ 标题 }}"), Table("表格", BREAKDOWN_COLUMNS)], "标准与责任分解表", landscape=True)


def task_list_template_bytes() -> bytes:
    """The template of each unit's 任务清单 (landscape)."""
    blocks: list[Block] = [(TITLE, "{{ 单位.全称 }}任务清单"),
              (BYLINE, "（{{ 活动.报送期 }}，牵头任务{{ 牵头数 }}项，配合任务{{ 配合数 }}项）"),
              Table("表格", TASK_LIST_COLUMNS)]
    return document_bytes(blocks, "任务清单", landscape=True)
