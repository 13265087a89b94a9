"""The 督查通报 and 整改通知书 templates."""

from __future__ import annotations

from reporter.render.backmatter import add_back_matter
from reporter.render.docstyle import open_document, save_document
from reporter.render.templates.blocks import (
    ANNEX,
    BODY,
    DOCNO,
    H1,
    H2,
    PAGE_BREAK,
    PICTURE,
    TITLE,
    TO,
    Block,
    Column,
    Para,
    Table,
    document_bytes,
    kept_together,
    pictures,
)

# Paragraph styles of the full form (GB/T 9704-2012): 版头, blank lines, 附件说明, 落款.
ISSUER, HEAD_DOCNO, BLANK = "发文机关标志", "版头发文字号", "空行"
ANNEX_NOTE, SIGNER, SIGN_DATE = "附件说明", "发文机关署名", "成文日期"
#: 发文机关标志 characters per line (小一 in the 156 mm type area).
ISSUER_LINE_CHARS = 18

# Widths are computed from the content when rendering (``render.table_fit``) so each table fills
# the portrait type area, 156 mm; numbers, codes and dates are centred.
RANKING_COLUMNS = (Column("名次", "名次", "center"), Column("单位", "单位"), Column("得分", "得分", "center"),
                   Column("本轮问题", "问题数", "center"), Column("未整改", "未整改", "center"))
LISTING_COLUMNS = (Column("编号", "编号", "center"), Column("单位", "单位"), Column("点位", "地点"),
                   Column("类别", "类别"), Column("问题描述", "描述"), Column("扣分", "扣分", "center"),
                   Column("整改时限", "时限", "center"), Column("状态", "状态", "center"))
RECHECK_COLUMNS = (Column("编号", "编号", "center"), Column("单位", "单位"), Column("点位", "地点"),
                   Column("问题描述", "描述"), Column("整改时限", "时限", "center"), Column("复查结果", "复查结果"),
                   Column("状态", "状态", "center"))


NOTICE: list[Block] = [
    # 版头: 发文机关标志, 发文字号 two lines below it, the red rule under it (the style's border).
    (ISSUER, f"{{{{ 发文机关标志 | 分行({ISSUER_LINE_CHARS}) }}}}"),
    (BLANK, ""),
    (BLANK, ""),
    (HEAD_DOCNO, "{{ 文号 }}"),
    # 标题 two lines below the red rule, 主送 one line below the 标题.
    (BLANK, ""),
    (BLANK, ""),
    (TITLE, "{{ 标题 | 分行 }}"),
    (BLANK, ""),
    (TO, "{{ 主送 }}"),
    (BODY, "根据“{{ 活动.名称 }}”工作安排，{{ 督查期间 }}，{{ 活动.办公室 }}组织督查组对全区{{ 基本情况.单位数 }}个单位"
           "进行了第{{ 轮次 }}轮督查。现将有关情况通报如下："),
    (H1, "一、基本情况"),
    (BODY, "本轮共督查单位{{ 基本情况.单位数 }}个、点位{{ 基本情况.点位数 }}个，发现问题{{ 基本情况.问题数 }}个，"
           "已整改{{ 基本情况.已整改 }}个，整改率{{ 基本情况.整改率 }}。复查以往问题{{ 基本情况.复查数 }}个，"
           "已整改{{ 基本情况.复查已整改 }}个；逾期未整改{{ 基本情况.逾期数 }}个{% if 逾期单位 %}（涉及{{ 逾期单位 }}）{% endif %}；"
           "反复出现问题{{ 基本情况.反复数 }}个{% if 反复单位 %}（涉及{{ 反复单位 }}）{% endif %}。"),
    (H1, "二、得分排名"),
    (BODY, "各单位得分及排名见下表。{{ 并列说明 }}"),
    Table("排名", RANKING_COLUMNS),
    (BODY, "{{ 榜名.好 }}：{{ 红榜 }}。{{ 榜名.差 }}：{{ 黑榜 }}。"),
    (PICTURE, "{{ 图表 }}"),
    (H1, "三、存在的主要问题"),
    (BODY, "{%p for 单位 in 各单位问题 %}"),
    (H2, "{{ 单位.序号 }}{{ 单位.单位 }}"),
    (BODY, "{{ 单位.问题 }}"),
    *pictures("单位.照片"),
    (BODY, "{%p endfor %}"),
    (H1, "四、整改要求"),
    (BODY, "一要提高思想认识。各单位要充分认识督查发现问题的严重性，主要领导亲自过问，切实扛起创建主体责任。"),
    (BODY, "二要立即整改到位。对本次通报的问题逐项建立台账，明确责任人和完成时限，做到整改一个、销号一个。"),
    (BODY, "三要建立长效机制。举一反三，对同类问题全面排查，防止问题反弹、反复出现。"),
    (BODY, "四要按时报送情况。请各单位于{{ 整改期限 }}前将整改情况（附整改前后对比照片）报送{{ 报送单位 }}。"
           "逾期未整改的，将在下一轮督查中从严扣分并予以通报。"),
    # 附件说明 one line below the body; two lines for the seal, which covers the 落款.
    (BLANK, ""),
    (ANNEX_NOTE, "附件：{{ 附件名称 }}"),
    (BLANK, ""),
    (BLANK, ""),
    (SIGNER, "{{ 落款 }}"),
    (SIGN_DATE, "{{ 成文日期 }}"),
    PAGE_BREAK,
    # 附件: "附件" in the first line, its title in the third.
    (ANNEX, "附件"),
    (BLANK, ""),
    (TITLE, "{{ 附件名称 | 分行 }}"),
    (BLANK, ""),
    (BODY, "{%p if 问题清单 %}"),
    (H1, "{{ 清单标题 }}"),
    Table("问题清单", LISTING_COLUMNS),
    (BODY, "{%p endif %}"),
    (BODY, "{%p if 复查清单 %}"),
    (H1, "{{ 复查标题 }}"),
    Table("复查清单", RECHECK_COLUMNS),
    (BODY, "{%p endif %}"),
]

# 版记 after the 附件: 抄送 (when there are copy recipients), 印发机关 and 印发日期.
BACK_MATTER = ("{{ 抄送 }}", "{{ 印发机关 }}", "{{ 印发日期 }}印发", ("{%tr if 抄送 %}", "{%tr endif %}"))

# A 整改通知书: each problem stays with its first photo; the last problem's last photo, the
# closing paragraph, the contact line and the signature stay together on the last page.
RECTIFICATION: list[Block] = [
    (TITLE, "整改通知书"),
    (DOCNO, "{{ 文号 }}"),
    (TO, "{{ 单位.全称 }}："),
    (BODY, "{{ 督查期间 }}，{{ 落款 }}组织开展第{{ 轮次 }}轮“{{ 活动.名称 }}”督查，发现你单位以下"
           "{{ 问题数 }}个问题尚未整改到位："),
    (BODY, "{%p for 项 in 问题 %}"),
    Para(BODY, "{{ 项.序号 }}. {{ 项.文字 }}（{{ 项.类别 }}）。{{ 项.时限说明 }}", keep_with_next=True),
    *pictures("项.照片", keep_last_if="项.末项"),
    (BODY, "{%p endfor %}"),
    Para(BODY, "请你单位高度重视，立即组织整改，并于{{ 整改期限 }}前将整改情况（附整改前后对比照片）"
               "报送{{ 报送单位 }}。", keep_with_next=True),
    (BODY, "{%p if 联系人 or 联系电话 %}"),
    Para(BODY, "联系人：{{ 联系人 }}{% if 联系人 and 联系电话 %}，{% endif %}"
               "{% if 联系电话 %}联系电话：{{ 联系电话 }}{% endif %}。", keep_with_next=True),
    (BODY, "{%p endif %}"),
    Para(BODY, "", keep_with_next=True),  # room for the seal
    *kept_together((SIGNER, "{{ 落款 }}"), (SIGN_DATE, "{{ 成文日期 }}")),
]


def notice_template_bytes() -> bytes:
    """The 督查通报 template: the blocks of ``NOTICE`` and the 版记 at the end."""
    doc = open_document(document_bytes(NOTICE, "督查通报"))
    copy_to, printer, printed, condition = BACK_MATTER
    add_back_matter(doc, copy_to, printer, printed, condition)
    return save_document(doc)


def rectification_template_bytes() -> bytes:
    """The 整改通知书 template (one per unit with open problems)."""
    return document_bytes(RECTIFICATION, "整改通知书")
