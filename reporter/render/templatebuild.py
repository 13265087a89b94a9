"""The shipped .docx templates, generated from code so their styles are reviewable.

Each template is a list of (style, text) paragraphs in the GB/T 9704 styles of
``docstyle``; text holds docxtpl/Jinja placeholders. The office edits the generated .docx
in Word or WPS afterwards as it likes; ``reporter lint`` checks the result.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.text import WD_BREAK

from reporter.render.docstyle import (
    add_paragraph,
    new_document,
    set_col_widths,
    set_table_header_repeat,
)
from reporter.zipfiles import normalized_zip

REPORT_NAME = "工作情况汇报.docx"
STARTER_STAMP = dt.datetime(2018, 1, 1)

TITLE, BYLINE, BODY, H1, H2 = "公文标题", "署名", "公文正文", "一级标题", "二级标题"
DOCNO, TO, SIGN, ANNEX, PICTURE, CC = "发文字号", "主送", "落款", "附件标题", "图片", "抄送"


def notes(section: str, count: int | None = None) -> list[tuple[str, str]]:
    """Paragraphs that place a section's next work notes (all remaining ones without count)."""
    call = f"举措('{section}', {count})" if count else f"举措('{section}')"
    return [(BODY, f"{{%p for 段 in {call} %}}"), (BODY, "{{ 段.全文 }}"), (BODY, "{%p endfor %}")]


# The 工作情况汇报 of the example campaign: the office's stable phrasing, with every reported
# figure a placeholder and the period's work notes placed by 举措().
REPORT: list[tuple[str, str]] = [
    (TITLE, "{{ 活动.标题 }}"),
    (BYLINE, "{{ 活动.署名 }}"),
    (BYLINE, "（{{ 活动.成文日期 | 日期 }}）"),
    (BODY, "{{ 活动.地区 }}是省级文明城区七连冠城区，也是“{{ 活动.名称 }}”的重要战场之一。全区上下始终坚持"
           "“以“同心圆·连心桥”党建工程为引领，整合党建资源、发挥组织优势、统筹党员力量，奋力推动各项创建标准落地落实，"
           "积极为锦州市“{{ 活动.名称 }}”创建工作贡献古塔力量。"),
    (H1, "一、充分发挥各级党组织领导核心作用，夯实创建基础"),
    (BODY, "{{ 序号('党建') }}加强创城战线统一领导。成立了由区委书记、区长为双组长的“{{ 活动.名称 }}”工作领导小组，"
           "明确职能分工，划分包保职责，落实各项督导检查任务要求，围绕创建工作召开各类调度会、推进会、联席会、督导检查共计"
           "{{ 指标.调度督查 | 约数(10) }}；落实区级领导包街道责任，根据各项创建工作要求拟定分工，要求老旧小区、市场管理、"
           "街面秩序、市容环境以及食品、公共卫生、重点场所及证照办理等相关问题均有专人负责包保落实；区人大、区政协充分发挥"
           "桥梁纽带作用，组织代表委员视察、座谈，提出了很多有针对性、建设性的意见建议，各位代表委员力量积极参与"
           "“{{ 活动.名称 }}”，形成了有效的创建合力。同时组成联合督查组实地督促创卫各项工作落实，对落实不力的情况进行通报。"),
    *notes("党建"),
    (H1, "二、充分发挥各创城战线主阵地作用，强化工作落实"),
    (H2, "（一）以文明城创建为引领，弘扬社会发展新风尚"),
    *notes("文明城", 1),
    (BODY, "{{ 序号('文明城') }}全线推进，勇当创城先锋。以解决问题、实现突破、再创新高为重点制定了“444”12项专项整治，"
           "全面覆盖创城点位。及时将创建和迎检中发现的问题，总结经验做法，突破难点重点。全区各职能部门、责任单位全天上岗，"
           "列出问题清单，认真抓好整改。对全区各街道、实地测评点的责任单位进行全方位培训，解读测评体系，明确测评标准。"
           "全面梳理审核创城材料，规范材料内容，各街道、各部门明确专人负责材料上报，确保上报材料精细规范。"
           "发放《致古塔区市民一封信》{{ 指标.市民公开信 | 确数 }}，统一制作公益宣传板{{ 指标.公益宣传板 | 确数 }}，"
           "浓厚古塔医院和社区卫生服务中心创建氛围；针对全区各中小学对未成年人开展创建活动，对校园周边进行了专项整治，"
           "设立{{ 指标.禁售警示牌 | 确数 }}禁止售卖警示牌，执法人员续上岗执勤，确保校园周边达到创建标准；"
           "全区各街道、社区均已按要求完成八站所建设；在主次干道制道旗{{ 指标.道旗 | 确数 }}，"
           "公益景观小品{{ 指标.景观小品 | 确数 }}，各类公益广告基本覆盖辖区。"),
    *notes("文明城"),
    (H2, "（二）以卫生城创建为基础，打造城区建设新形象"),
    (BODY, "{{ 序号('卫生城') }}有效改善市容环境。以“零容忍”为原则清理违建，敢于拔钉子、硬碰硬，依法拆除各种私搭乱建"
           "{{ 指标.私搭乱建 | 确数 }}；重拳整治城市秩序，清理流动商贩{{ 指标.流动商贩 | 中文整数 }}，店外经营、店外加工"
           "{{ 指标.店外经营 | 约数 }}，乱堆乱放、乱贴乱画、乱悬乱挂{{ 指标.三乱 | 约数 }}；重点整治中央大街、解放路、"
           "人民街等示范街路，加大力度对解放路电动车销售市场、林西路海鲜批发市场、金凌市场及学校、医院周边的占道经营，"
           "城乡结合部废品收购站安全隐患等历史问题进行治理；全面落实环境卫生工作，主要街道达到16小时清扫保洁、"
           "一般街道实行12小时清扫保洁，垃圾日产日清，累计出动人员{{ 指标.保洁人员 | 约数 }}，各类专业车辆"
           "{{ 指标.保洁车辆 | 确数 }}，清运垃圾{{ 指标.清运垃圾 | 约 }}，清除主次干道小广告{{ 指标.干道小广告 | 约数 }}；"
           "规范各类马路市场，市场分类、卫生管理趋于规范，落实卫生、检疫、消毒、无害化处理制度，彻底取缔市场内活禽宰杀销售，"
           "严格管理水产品、直接入口食品经营。"),
    (BODY, "{{ 序号('卫生城') }}重点治理社区、城乡结合部卫生。对基础设施进行清查，修补破损基础设施，累计完成城乡结合部"
           "边沟清淤改造、护坡翻修{{ 指标.边沟护坡 | 确数 }}，路面硬化{{ 指标.路面硬化 | 确数 }}，楼房楼体粉饰"
           "{{ 指标.楼体粉饰 | 确数 }}，投放卫生垃圾箱{{ 指标.垃圾箱 | 确数 }}；采取大兵团作战方式，对小区内重点、难点问题"
           "逐个击破，累计出动人员{{ 指标.社区出动人员 | 确数 }}，出动车辆{{ 指标.社区出动车辆 | 约数 }}，运送垃圾"
           "{{ 指标.社区运送垃圾 | 确数 }}，清理小广告{{ 指标.社区小广告 | 约数 }}，清理小田园和杂草"
           "{{ 指标.小田园杂草 | 万 }}，拆除私搭乱建、铁艺围栏等{{ 指标.拆除围栏 | 确数 }}，“十乱”现象得到有效治理。"),
    (BODY, "{{ 序号('卫生城') }}加强病媒生物防制和健康促进工作。建设病媒生物防控机制，治理病媒孳生环境，加强防蚊防蝇防鼠"
           "设施建设，累计投放安装毒饵盒{{ 指标.毒饵盒 | 确数 }}，投放鼠药{{ 指标.鼠药 | 确数 }}，聘请省内专业消杀公司"
           "提供病媒消杀服务，截止目前，全区四害密度已达到国家病媒生物密度控制水平标准C级要求，完成年初预期目标。"
           "完善健康教育网络，安排专业部门指导健康教育工作，全区{{ 指标.医疗机构 | 确数 }}医疗卫生机构设置健康教育专员，"
           "健康教育专栏投放率{{ 指标.专栏投放率 | 百分比(0) }}，深入开展禁烟、控烟宣传活动，积极创建无烟学校、无烟机关、"
           "无烟医疗卫生机构。"),
    (BODY, "{{ 序号('卫生城') }}依法推进环境保护工作。强化环境保护目标责任制落实，防范重大环境污染事故的发生，截止目前，"
           "已完成{{ 指标.电厂改造 | 确数 }}燃煤电厂锅炉脱硫、脱硝改造，{{ 指标.加油站治理 | 确数 }}加油站及"
           "{{ 指标.油库治理 | 确数 }}油库的挥发性有机物综合治理，淘汰燃煤小锅炉{{ 指标.淘汰锅炉 | 确数 }}，剩余"
           "{{ 指标.剩余锅炉 | 确数 }}年底之前全部完成并网，斥资{{ 指标.烟囱资金 | 约数 }}对辖区内"
           "{{ 指标.废弃烟囱 | 确数 }}废弃烟囱拆除完毕，按照《古塔区农作物秸秆焚烧和综合利用工作方案》认真开展工作，"
           "年底前力争完成全年优良天气大于等于300天的目标。"),
    *notes("卫生城"),
    (H2, "（三）以食安城创建为重点，提升古塔百姓安全感"),
    *notes("食安城", 1),
    (BODY, "{{ 序号('食安城') }}深入推进创建工作。实现公示信息全面覆盖，全区共有大中小餐饮食品经营单位"
           "{{ 指标.餐饮单位 | 约数(10) }}，流通食品经营单位{{ 指标.流通单位 | 确数 }}，食品生产企业"
           "{{ 指标.生产企业 | 确数 }}，生产加工小作坊{{ 指标.小作坊 | 确数 }}，农贸市场{{ 指标.农贸市场 | 确数 }}，"
           "政府划定{{ 指标.摊贩区域 | 确数 }}食品摊贩集中经营区域，有食品经营摊贩{{ 指标.食品摊贩 | 约数 }}，截止目前，"
           "已完成制作发放各类信息公示板{{ 指标.公示板 | 约数 }}。加大行业监管力度，围绕食品安全突出问题，"
           "逐户逐巷逐街排查，要求经营者全面公示食品安全信息，落实食品安全制度，从业人员持证上岗等，"
           "并签订餐厨废弃物回收合同，建立餐厨废弃物处置制度和台账。整治“三小”食品经营行业，同时开展食品经营许可证"
           "现场快速核查工作，确保及时按时发证。目前，已发放“三小”食品经营许可{{ 指标.三小许可 | 约数 }}，"
           "关停{{ 指标.三小关停 | 确数 }}。"),
    *notes("食安城"),
    (H1, "三、充分发挥党员、志愿者示范带头作用，凝聚创建力量"),
    *notes("志愿者", 1),
    (BODY, "{{ 序号('志愿者') }}凝聚志愿者力量，形成带动作用。全面发动群众共同参与，{{ 指标.志愿服务队 | 约数 }}"
           "党员和群众志愿者服务队开展治安巡逻、卫生清扫、文明交通、垃圾分类等志愿服务，全区现注册志愿者人数占全区"
           "常住人口比例已达{{ 指标.志愿者占比 | 百分比 }}，{{ 指标.志愿者占比 | 对照目标 }}，全点位设立志愿者服务站。"
           "组织千人文明劝导员、创城监督员，倡导文明新风，摒弃不文明陋习，提高文明素质，文明劝导员每天行走在古塔的"
           "大街小巷，用行动倡导社会文明新风。"),
    *notes("志愿者"),
]

# A starter 工作情况汇报 for any campaign: every section with its numbered work notes.
STARTER_REPORT: list[tuple[str, str]] = [
    (TITLE, "{{ 活动.标题 }}"),
    (BYLINE, "（{{ 活动.成文日期 | 日期 }}）"),
    (BODY, "{{ 活动.报送期 }}，{{ 活动.地区 }}“{{ 活动.名称 }}”工作情况汇报如下。"),
    (BODY, "{%p for 部分 in 各部分 %}"),
    (H1, "{{ loop.index | 标题序号(1) }}{{ 部分.标题 }}"),
    (BODY, "{%p for 段 in 举措(部分.代码) %}"),
    (BODY, "{{ 段.全文 }}"),
    (BODY, "{%p endfor %}"),
    (BODY, "{%p endfor %}"),
]


def report_template_bytes() -> bytes:
    """The example campaign's 工作情况汇报 template."""
    return document_bytes(REPORT, "工作情况汇报")


def starter_report_template_bytes() -> bytes:
    """The 工作情况汇报 template a new workspace starts with."""
    return document_bytes(STARTER_REPORT, "工作情况汇报")


TASKS_NAME = "责任分解表.docx"
TASK_LIST_NAME = "任务清单.docx"

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


@dataclass(frozen=True)
class Table:
    """A table block: a header row repeated on every page, one body row per item of ``items``."""

    items: str
    columns: tuple[tuple[str, str, int], ...]


PAGE_BREAK = "page-break"
Block = tuple[str, str] | Table | str


def _add_table(doc, block: Table) -> None:
    table = doc.add_table(rows=4, cols=len(block.columns))
    table.style = doc.styles["Table Grid"]
    rows = table.rows
    for cell, (header, _field, _width) in zip(rows[0].cells, block.columns):
        cell.paragraphs[0].text = header
        cell.paragraphs[0].style = doc.styles["表头文字"]
    rows[1].cells[0].paragraphs[0].text = f"{{%tr for 行 in {block.items} %}}"
    for cell, (_header, field, _width) in zip(rows[2].cells, block.columns):
        cell.paragraphs[0].text = f"{{{{ 行.{field} }}}}"
        cell.paragraphs[0].style = doc.styles["表格文字"]
    rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    set_table_header_repeat(rows[0])
    set_col_widths(table, [width for _h, _f, width in block.columns])


def document_bytes(blocks: Sequence[Block], title: str, landscape: bool = False) -> bytes:
    """A template of paragraphs, tables and page breaks in the standard format, as bytes."""
    doc = new_document(landscape=landscape, title=title, stamp=STARTER_STAMP)
    for block in blocks:
        if isinstance(block, Table):
            _add_table(doc, block)
        elif block == PAGE_BREAK:
            doc.add_paragraph(style="公文正文").add_run().add_break(WD_BREAK.PAGE)
        else:
            add_paragraph(doc, block[1], block[0])
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


def breakdown_template_bytes() -> bytes:
    """The 标准与责任分解表 template (landscape)."""
    return document_bytes([(TITLE, "{{ 标题 }}"), Table("表格", BREAKDOWN_COLUMNS)], "标准与责任分解表", landscape=True)


def task_list_template_bytes() -> bytes:
    """The template of each unit's 任务清单 (landscape)."""
    blocks: list[Block] = [(TITLE, "{{ 单位.全称 }}任务清单"),
              (BYLINE, "（{{ 活动.报送期 }}，牵头任务{{ 牵头数 }}项，配合任务{{ 配合数 }}项）"),
              Table("表格", TASK_LIST_COLUMNS)]
    return document_bytes(blocks, "任务清单", landscape=True)


NOTICE_NAME = "督查通报.docx"
RECTIFY_NAME = "整改通知书.docx"

RANKING_COLUMNS = (("名次", "名次", 1000), ("单位", "单位", 3400), ("得分", "得分", 1700),
                   ("本轮问题", "问题数", 1400), ("未整改", "未整改", 1343))
# Widths add up to the portrait type area, 156 mm (8845 twips): a wider table runs off the page.
LISTING_COLUMNS = (("序号", "序号", 700), ("编号", "编号", 700), ("单位", "单位", 1180), ("点位", "地点", 1180),
                   ("类别", "类别", 940), ("问题描述", "描述", 1445), ("扣分", "扣分", 700),
                   ("整改时限", "时限", 1300), ("状态", "状态", 700))


def _pictures(items: str) -> list[Block]:
    return [(BODY, f"{{%p for 图 in {items} %}}"), (PICTURE, "{{ 图 }}"), (BODY, "{%p endfor %}")]


NOTICE: list[Block] = [
    (DOCNO, "{{ 文号 }}"),
    (TITLE, "关于{{ 活动.地区 }}“{{ 活动.名称 }}”第{{ 轮次 }}轮督查情况的通报"),
    (TO, "{{ 主送 }}"),
    (BODY, "根据“{{ 活动.名称 }}”工作安排，{{ 督查期间 }}，{{ 落款 }}组织督查组对全区{{ 基本情况.单位数 }}个单位"
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
    *_pictures("单位.照片"),
    (BODY, "{%p endfor %}"),
    (H1, "四、整改要求"),
    (BODY, "一要提高思想认识。各单位要充分认识督查发现问题的严重性，主要领导亲自过问，切实扛起创建主体责任。"),
    (BODY, "二要立即整改到位。对本次通报的问题逐项建立台账，明确责任人和完成时限，做到整改一个、销号一个。"),
    (BODY, "三要建立长效机制。举一反三，对同类问题全面排查，防止问题反弹、反复出现。"),
    (BODY, "四要按时报送情况。请各单位于{{ 整改期限 }}前将整改情况（附整改前后对比照片）报送{{ 报送单位 }}。"
           "逾期未整改的，将在下一轮督查中从严扣分并予以通报。"),
    (BODY, "附件：{{ 活动.地区 }}“{{ 活动.名称 }}”第{{ 轮次 }}轮督查问题清单"),
    (SIGN, "{{ 落款 }}"),
    (SIGN, "{{ 成文日期 }}"),
    PAGE_BREAK,
    (ANNEX, "附件"),
    (TITLE, "{{ 活动.地区 }}“{{ 活动.名称 }}”第{{ 轮次 }}轮督查问题清单"),
    Table("问题清单", LISTING_COLUMNS),
    (CC, "{% if 抄送 %}抄送：{{ 抄送 }}{% endif %}"),
]

RECTIFICATION: list[Block] = [
    (TITLE, "整改通知书"),
    (DOCNO, "（第{{ 轮次 }}轮督查）"),
    (TO, "{{ 单位.全称 }}："),
    (BODY, "{{ 督查期间 }}，{{ 落款 }}组织开展第{{ 轮次 }}轮“{{ 活动.名称 }}”督查，发现你单位以下"
           "{{ 问题数 }}个问题尚未整改到位："),
    (BODY, "{%p for 项 in 问题 %}"),
    (BODY, "{{ 项.序号 }}. {{ 项.文字 }}（{{ 项.类别 }}，整改时限：{{ 项.时限 }}）{{ 项.逾期 }}。"),
    *_pictures("项.照片"),
    (BODY, "{%p endfor %}"),
    (BODY, "请你单位高度重视，立即组织整改，并于{{ 整改期限 }}前将整改情况（附整改前后对比照片）报送{{ 报送单位 }}。"),
    (SIGN, "{{ 落款 }}"),
    (SIGN, "{{ 成文日期 }}"),
]


def notice_template_bytes() -> bytes:
    """The 督查通报 template."""
    return document_bytes(NOTICE, "督查通报")


def rectification_template_bytes() -> bytes:
    """The 整改通知书 template (one per unit with open problems)."""
    return document_bytes(RECTIFICATION, "整改通知书")
