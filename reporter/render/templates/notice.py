"""The 督查通报 template (the 整改通知书: ``rectification``)."""

from __future__ import annotations

from reporter.render.backmatter import add_back_matter
from reporter.render.chart_place import SPARE_SUFFIX
from reporter.render.docstyle import open_document, save_document
from reporter.render.templates.blocks import (
    ANNEX,
    BODY,
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
    captioned_pictures,
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

# A large round's attachment (``list_limit``): problems summed up per unit and per category.
SUMMARY_COLUMNS = (Column("序号", "序号", "center"), Column("单位", "单位"), Column("本轮发现", "发现", "center"),
                   Column("复查", "复查", "center"), Column("未整改", "未整改", "center"),
                   Column("主要问题类别及个数", "类别"))
CATEGORY_COLUMNS = (Column("问题类别", "类别"), Column("问题数", "问题数", "center"),
                    Column("未整改", "未整改", "center"), Column("涉及单位数", "单位数", "center"))


#: The 版头 and 标题 of a document the office issues (督查通报, 整改通知书), down to the line
#: before its 主送.
HEAD: list[Block] = [
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
]


NOTICE: list[Block] = [
    *HEAD,
    (TO, "{{ 主送 }}"),
    (BODY, "根据“{{ 活动.名称 }}”工作安排，{{ 督查期间 }}，{{ 活动.办公室 }}组织督查组对全区{{ 基本情况.单位数 }}个单位"
           "进行了第{{ 轮次 }}轮督查。现将有关情况通报如下："),
    (H1, "一、基本情况"),
    (BODY, "本轮共督查单位{{ 基本情况.单位数 }}个、点位{{ 基本情况.点位数 }}个，发现问题{{ 基本情况.问题数 }}个，"
           "已整改{{ 基本情况.已整改 }}个，整改率{{ 基本情况.整改率 }}。复查以往问题{{ 基本情况.复查数 }}个，"
           "已整改{{ 基本情况.复查已整改 }}个；逾期未整改{{ 基本情况.逾期数 }}个{% if 逾期单位 %}（涉及{{ 逾期单位 }}）{% endif %}；"
           "反复出现问题{{ 基本情况.反复数 }}个{% if 反复单位 %}（涉及{{ 反复单位 }}）{% endif %}。"),
    (H1, "二、得分排名"),
    (BODY, "各单位得分及排名见下表{% if 排名分组 | length > 1 %}（按单位类型分别排名）{% endif %}。{{ 并列说明 }}"),
    # The chart's second place: it goes here when it does not fit the page after the boards.
    (PICTURE, "{{ 图表 }}" + SPARE_SUFFIX),
    # One ranking, or one per unit type under its own heading, each followed by its boards.
    (BODY, "{%p for 组 in 排名分组 %}"),
    (BODY, "{%p if 组.标题 %}"),
    (H2, "{{ 组.标题 }}"),
    (BODY, "{%p endif %}"),
    Table("组.排名", RANKING_COLUMNS),
    (BODY, "{%p if 组.榜单 %}"),
    (BODY, "{{ 组.榜单 }}"),
    (BODY, "{%p endif %}"),
    (BODY, "{%p endfor %}"),
    (PICTURE, "{{ 图表 }}"),
    (H1, "三、存在的主要问题"),
    (BODY, "{%p if 问题概述 %}"),
    (BODY, "{{ 问题概述 }}"),
    (BODY, "{%p endif %}"),
    # Each unit's problems, then its photos, each photo kept with its caption only: a unit's
    # text and photos moving to the next page as one block left a third of a page empty.
    (BODY, "{%p for 单位 in 各单位问题 %}"),
    (H2, "{{ 单位.序号 }}{{ 单位.单位 }}"),
    (BODY, "{{ 单位.问题 }}"),
    *captioned_pictures("单位.照片"),
    (BODY, "{%p endfor %}"),
    (H1, "四、整改要求"),
    (BODY, "一要提高思想认识。各单位要充分认识督查发现问题的严重性，主要领导亲自过问，切实扛起创建主体责任。"),
    (BODY, "二要立即整改到位。对本次通报的问题逐项建立台账，明确责任人和完成时限，做到整改一个、销号一个。"),
    (BODY, "三要建立长效机制。举一反三，对同类问题全面排查，防止问题反弹、反复出现。"),
    # The last paragraph of the text goes with the 附件说明 and 落款: never a page of signature alone.
    Para(BODY, "四要按时报送情况。请各单位于{{ 整改期限 }}前将整改情况（附整改前后对比照片）报送{{ 报送单位 }}。"
               "逾期未整改的，将在下一轮督查中从严扣分并予以通报。", keep_with_next=True),
    # 附件说明 one line below the body; two lines for the seal, which covers the 落款.
    (BLANK, ""),
    # 附件说明: one line per attachment, the second one's number under the first one's.
    (BODY, "{%p for 件 in 附件说明 %}"),
    (ANNEX_NOTE, "{% if loop.first %}附件：{% else %}\u3000\u3000\u3000{% endif %}{{ 件 }}"),
    (BODY, "{%p endfor %}"),
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
    (BODY, "{%p if 问题汇总 %}"),
    (BODY, "{{ 汇总说明 }}"),
    (H1, "一、按单位汇总"),
    Table("问题汇总", SUMMARY_COLUMNS),
    (H1, "二、按问题类别汇总"),
    Table("类别汇总", CATEGORY_COLUMNS),
    (BODY, "{%p endif %}"),
    (BODY, "{%p if 复查清单 %}"),
    (H1, "{{ 复查标题 }}"),
    Table("复查清单", RECHECK_COLUMNS),
    (BODY, "{%p endif %}"),
]

# 版记 after the 附件: 抄送 (when there are copy recipients), 印发机关 and 印发日期.
BACK_MATTER = ("{{ 抄送 }}", "{{ 印发机关 }}", "{{ 印发日期 }}印发", ("{%tr if 抄送 %}", "{%tr endif %}"))

def notice_template_bytes() -> bytes:
    """The 督查通报 template: the blocks of ``NOTICE`` and the 版记 at the end."""
    doc = open_document(document_bytes(NOTICE, "督查通报"))
    copy_to, printer, printed, condition = BACK_MATTER
    add_back_matter(doc, copy_to, printer, printed, condition)
    return save_document(doc)

