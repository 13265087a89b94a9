"""The 责任分解表 and 任务清单 templates (landscape tables).

Their columns are sized from each rendered document's content (``render.table_fit``): no
widths here. 序号 and other short codes are centred; every row carries its 类别 (a category
cell merged over many rows would leave continuation pages without it).
"""

from __future__ import annotations

from reporter.render.templates.blocks import (
    BYLINE,
    TABLE_TEXT,
    TITLE,
    Block,
    Column,
    Table,
    document_bytes,
)

BREAKDOWN_COLUMNS = (
    Column("类别", "类别", "center"), Column("序号", "序号", "center"), Column("创建标准/工作任务", "任务"),
    Column("具体措施", "措施"), Column("牵头单位", "牵头单位"), Column("责任单位（配合单位）", "责任单位"),
    Column("责任领导", "责任领导", "center"), Column("完成时限", "完成时限", "center"), Column("备注", "备注"),
)
TASK_LIST_COLUMNS = (
    Column("序号", "编号", "center"), Column("类别", "类别", "center"), Column("工作任务", "任务"),
    Column("具体措施", "措施"), Column("角色", "角色", "center"), Column("完成时限", "完成时限", "center"),
    Column("本单位进展", "本单位进展", "center"), Column("进展说明", "进展说明"), Column("评定", "评定", "center"),
)


def breakdown_template_bytes() -> bytes:
    """The 标准与责任分解表 template (landscape)."""
    return document_bytes([(TITLE, "{{ 标题 }}"), Table("表格", BREAKDOWN_COLUMNS)], "标准与责任分解表", landscape=True)


def task_list_template_bytes() -> bytes:
    """The template of each unit's 任务清单 (landscape): the legend of 评定 above the table."""
    blocks: list[Block] = [
        (TITLE, "{{ 单位.全称 }}任务清单"),
        (BYLINE, "（{{ 活动.报送期 }}，牵头任务{{ 牵头数 }}项，配合任务{{ 配合数 }}项，评定截至{{ 评定日期 }}）"),
        (TABLE_TEXT, "{{ 评定说明 }}"),
        Table("表格", TASK_LIST_COLUMNS),
    ]
    return document_bytes(blocks, "任务清单", landscape=True)
