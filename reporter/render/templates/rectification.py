"""The 整改通知书 template: a document in full form as an office issues it (GB/T 9704-2012):
版头 with the office's name in red, its own 发文字号 and the red rule, a title naming the 事由,
the unit's problems each with its captioned photos, the closing block and 落款, and on a page
of its own the 回执 the unit fills in, seals and returns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.shared import Mm

from reporter.render.docstyle import add_paragraph, open_document, save_document, set_col_widths
from reporter.render.templates.blocks import (
    ANNEX,
    BODY,
    NOTE,
    PAGE_BREAK,
    TITLE,
    TO,
    Block,
    Para,
    captioned_pictures,
    document_bytes,
    kept_together,
)
from reporter.render.templates.notice import (
    ANNEX_NOTE,
    BLANK,
    HEAD,
    SIGN_DATE,
    SIGNER,
)
from reporter.render.wordxml import TCPR_ORDER, TRPR_ORDER, set_child

if TYPE_CHECKING:
    from docx.document import Document

#: A problem, then its photos, each kept with its caption; the problem's text is kept with
#: its first photo. Nothing keeps the last problem with the closing block: a photo too tall
#: for the page's rest moves on alone instead of taking the closing block with it.
PROBLEMS: list[Block] = [
    (BODY, "{%p for 项 in 问题 %}"),
    (BODY, "{%p if 项.照片 %}"),
    Para(BODY, "{{ 项.序号 }}. {{ 项.文字 }}（{{ 项.类别 }}）。{{ 项.时限说明 }}", keep_with_next=True),
    (BODY, "{%p else %}"),
    (BODY, "{{ 项.序号 }}. {{ 项.文字 }}（{{ 项.类别 }}）。{{ 项.时限说明 }}"),
    (BODY, "{%p endif %}"),
    *captioned_pictures("项.照片"),
    (BODY, "{%p endfor %}"),
]

CLOSING = ("请你单位高度重视，立即组织整改，并于{{ 整改期限 }}前将整改情况（附整改前后对比照片"
           "{% if 回执 %}及回执{% endif %}）报送{{ 报送单位 }}。")
CONTACT = ("联系人：{{ 联系人 }}{% if 联系人 and 联系电话 %}，{% endif %}"
           "{% if 联系电话 %}联系电话：{{ 联系电话 }}{% endif %}。")

RECTIFICATION: list[Block] = [
    *HEAD,
    (TO, "{{ 单位.全称 }}："),
    (BODY, "{{ 督查期间 }}，{{ 落款 }}组织开展第{{ 轮次 }}轮“{{ 活动.名称 }}”督查，发现你单位以下"
           "{{ 问题数 }}个问题尚未整改到位，现通知如下："),
    *PROBLEMS,
    # The last paragraph of the text stays with the 落款 (never a page of signature alone).
    (BODY, "{%p if 联系人 or 联系电话 %}"),
    (BODY, CLOSING),
    Para(BODY, CONTACT, keep_with_next=True),
    (BODY, "{%p else %}"),
    Para(BODY, CLOSING, keep_with_next=True),
    (BODY, "{%p endif %}"),
    # 附件说明 one line below the text; two lines for the seal, which covers the 落款.
    (BODY, "{%p if 回执 %}"),
    (BLANK, ""),
    (ANNEX_NOTE, "附件：{{ 附件名称 }}"),
    (BODY, "{%p endif %}"),
    (BLANK, ""),
    (BLANK, ""),
    *kept_together((SIGNER, "{{ 落款 }}"), (SIGN_DATE, "{{ 成文日期 }}")),
    # The 回执: "附件" on the first line of a new page, its title on the third.
    (BODY, "{%p if 回执 %}"),
    PAGE_BREAK,
    (ANNEX, "附件"),
    (BLANK, ""),
    (TITLE, "{{ 附件名称 }}"),
    (BLANK, ""),
]

#: The 回执's rows: label and what is filled in (a template tag, or nothing: the unit writes
#: it), and the row's least height in millimetres. A row of two pairs has four cells.
RECEIPT_ROWS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("单位名称", "{{ 单位.全称 }}"),),
    (("通知文号", "{{ 文号 }}"), ("问题数量", "{{ 问题数 }}个")),
    (("整改情况", "（逐项写明整改措施、完成情况；未完成的写明原因和完成时限，并附整改前后对比照片）"),),
    (("负 责 人", ""), ("联系电话", "")),
    (("报送日期", "\u3000\u3000年\u3000\u3000月\u3000\u3000日"), ("单位盖章", "")),
)
RECEIPT_HEIGHTS_MM = (12, 12, 95, 12, 35)
#: Label and value columns of the 156 mm type area (twips): 2 × (label + value).
RECEIPT_WIDTHS = (1450, 3500, 1450, 2445)
RECEIPT_NOTE = "注：请于{{ 整改期限 }}前将本回执加盖公章后报送{{ 报送单位 }}。"


def _add_receipt_table(doc: Document) -> None:
    """The 回执 form: labels in 黑体, the unit's entries left blank, every row kept whole."""
    table = doc.add_table(rows=len(RECEIPT_ROWS), cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_col_widths(table, RECEIPT_WIDTHS)
    label_style, text_style = (doc.styles[name] for name in ("表头文字", "表格文字"))
    for row, pairs, height in zip(table.rows, RECEIPT_ROWS, RECEIPT_HEIGHTS_MM):
        row.height, row.height_rule = Mm(height), WD_ROW_HEIGHT_RULE.AT_LEAST
        set_child(row._tr.get_or_add_trPr(), "w:cantSplit", TRPR_ORDER)
        cells = row.cells
        if len(pairs) == 1:
            cells[1].merge(cells[3])
        for index, (label, value) in enumerate(pairs):
            label_cell, value_cell = cells[2 * index], row.cells[2 * index + 1]
            label_cell.paragraphs[0].text, label_cell.paragraphs[0].style = label, label_style
            value_cell.paragraphs[0].text, value_cell.paragraphs[0].style = value, text_style
            # Only the 整改情况 box is filled from its top; a short entry stands in the middle.
            for cell, align in ((label_cell, "center"), (value_cell, "top" if height > 50 else "center")):
                set_child(cell._tc.get_or_add_tcPr(), "w:vAlign", TCPR_ORDER, val=align)


def rectification_template_bytes() -> bytes:
    """The 整改通知书 template (one per unit with open problems), its 回执 at the end."""
    doc = open_document(document_bytes(RECTIFICATION, "整改通知书"))
    _add_receipt_table(doc)
    add_paragraph(doc, RECEIPT_NOTE, NOTE)
    add_paragraph(doc, "{%p endif %}", BODY)
    return save_document(doc)
