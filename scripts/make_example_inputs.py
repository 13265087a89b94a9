"""Write the example workspace's filled workbooks (示例数据) into ``inputs/2018-11/``, and
its two earlier months ``inputs/2018-09/`` and ``inputs/2018-10/`` (for 累计, 上期 and 环比).

Every unit's form is generated with ``reporter forms`` machinery and filled in as the unit
would: each indicator's example total is split deterministically across the units that
report it, so the totals add up exactly to the figures of the reference report
(``tests/fixtures/reference_report.txt``). Work notes carry the paragraphs of the
reference that hold no reported figure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import load_workbook

from reporter.intake import build
from reporter.intake import schema
from reporter.intake.task_book import read_tasks
from reporter.model import Period
from reporter.publish.xlsx import DATE_FORMAT, set_text, workbook_bytes
from reporter.workspace import load_campaign, open_workspace

ROOT = Path(__file__).resolve().parent.parent

# Totals of the example: each is the figure in the reference report, or a total that is
# written that way there (83 → 80余次, 6743 → 6700余处, 803000 → 80余万张 …).
TOTALS = {
    "调度督查": "83", "市民公开信": "1000", "公益宣传板": "3000", "禁售警示牌": "21", "道旗": "550",
    "景观小品": "7", "私搭乱建": "2770", "流动商贩": "20000", "店外经营": "6743", "三乱": "9318",
    "保洁人员": "2315", "保洁车辆": "1480", "清运垃圾": "2803", "干道小广告": "3046",
    "边沟护坡": "5700", "路面硬化": "22700", "楼体粉饰": "624445", "垃圾箱": "3765",
    "社区出动人员": "41329", "社区出动车辆": "5712", "社区运送垃圾": "40296",
    "社区小广告": "803000", "小田园杂草": "705000", "拆除围栏": "6570", "毒饵盒": "6000",
    "鼠药": "21.5", "医疗机构": "200", "健康教育专栏": "200", "电厂改造": "2", "加油站治理": "10",
    "油库治理": "1", "淘汰锅炉": "9", "剩余锅炉": "14", "烟囱资金": "1236000", "废弃烟囱": "28",
    "餐饮单位": "1486", "流通单位": "1680", "生产企业": "23", "小作坊": "7", "农贸市场": "5",
    "摊贩区域": "14", "食品摊贩": "1423", "公示板": "3317", "三小许可": "458", "三小关停": "23",
    "志愿服务队": "104", "注册志愿者": "31160", "常住人口": "200000",
}

# The earlier months of the example: each flow figure is this share of November's total (rounded
# to the indicator's decimals); stock figures (counts of places, population) stay as they are.
HISTORY = {"2018-09": Decimal("0.82"), "2018-10": Decimal("0.91")}
STOCKS = {"医疗机构", "健康教育专栏", "剩余锅炉", "餐饮单位", "流通单位", "生产企业", "小作坊", "农贸市场",
          "摊贩区域", "食品摊贩", "常住人口"}

# (unit short name, section code, order, title, text): the reference's paragraphs without figures.
NOTES = [
    ("中心街道", "党建", 2, "落实各街道社区包保责任制",
     "各街道按照网格化管理方式把街道干部、社区工作人员和所有负有包保责任的机关干部全部充实到一线，"
     "对沿街卫生环境，门前三包、非机动车摆放、占道经营、营业网点证照齐全、公共场所禁烟标识等问题进行定点定人监管，"
     "切实做到事事有人管、时时有人管、处处有人管。"),
    ("区城管局", "党建", 3, "充分发挥各部门管理职能",
     "全区各职能部门对照创卫“千分制”标准落实职责分工，加强主街主路、背街小巷、城市保洁、店外经营、环境秩序、"
     "环卫设施、店面清洁管理，抓好无证无照经营、店内卫生不合格、无“三防”设施等问题，"
     "加强卫生场所、医疗场所病媒生物消杀安排指导工作，确保主次干道静态停车秩序以及非机动车停车规范，"
     "完成所有在建、动迁、拟拆迁工地的围挡规范工作，确保分工有序、通力合作，迎检工作顺利通过。"),
    ("区委宣传部", "文明城", 1, "高度重视，狠抓工作落实",
     "按照“八抓八突破”的总体安排，采取“党建+创建”的工作模式，制定“大干50天”工作方案、"
     "《古塔区落实全国文明城市创建工作督查实施方案》，全方位，多角度，将创建全国文明城迎检工作落到实处。"
     "同时，总结以往的创建迎检工作经验，结合古塔实际，抓好省级文明城区标兵的争创工作，目前，"
     "全区已经形成齐抓共管、合力推进的良好局面。"),
    ("区联创办", "文明城", 3, "条块结合，督导指导并行",
     "成立11条督导战线，四个班子齐上阵，机关干部全参与，干部群众齐合作，坚持边督导边推进，确保责任落实到位。"
     "11条督导战线带队领导先后7-8次到督导点位进行现场督导、具体检查、具体指导，严把创建工作质量关，"
     "确保创城工作干到实处、督到实处。古塔区联创办组建“纠错小分队”，按街道划分片区，随时随地查找问题，"
     "持续推进工作提升。"),
    ("区市场监管局", "食安城", 1, "落实党政同责目标任务",
     "严格落实食品安全党政同责，成立食安城创建工作领导小组，印发《古塔区落实锦州市创建国家食品安全示范城市工作方案》，"
     "大力推进食品安全治理“四大体系”“十五大工程”建设，制定了《古塔区落实锦州市创建国家食品安全示范城市标准与责任分解表》，"
     "做到目标清晰、责任明确、措施有效、保障得力。"),
    ("区市场监管局", "食安城", 3, "加强纪律作风建设",
     "在创建工作中，严格落实关于纠正“四风”、加强作风建设部署，进一步强化组织纪律观念，转变队伍作风，提高工作效能，"
     "成立了党建促创建督导领导小组，重点解决工作理念、解决纪律松懈工作涣散、工作效率不高、廉洁从政意识不强的四方面问题，"
     "提出了整改措施，明确了实施方法和步骤，促使全局党员干部以更加昂扬的精神斗志、饱满的工作热情和良好的工作作风"
     "投入到创建工作之中去。"),
    ("团区委", "志愿者", 1, "发挥党员力量，助力创城攻坚",
     "围绕创城文明城指标，全体党员干部放弃休息，走进社区、街道，既是督导员，又是参与者，按照网格划分区域，"
     "定人定岗定责，全力参与到街道社区的卫生整治、门前四包、静态停车工作中。全体党员干部以“功成不必在我，"
     "创城必须有我”的高度责任感和奉献精神，不怕脏累、带头攻坚，着重解决重点难点问题。"),
    ("区委宣传部", "志愿者", 3, "开展宣讲活动，发挥宣传优势",
     "充分发挥区“好声音”微宣讲团的作用，依托“古塔区微宣讲@新声音·新力量”网格化微宣讲推出三城联创”微讲堂主题宣讲活动，"
     "全区四级网格微宣讲员走进企业、社区、学校开展“三城联创”微宣讲，积极宣传创建工作的重要意义，"
     "激发人人知晓、人人支持、人人参与的热情，营造良好的社会氛围，共同打造文明古塔。"),
]


# The example 标准与责任分解表: (category, task, measures, lead units, partner units, leader, deadline, points).
TASKS = [
    ("文明城", "健全创建工作机制", "成立创建工作领导小组，制定年度工作方案，每月召开调度会", "区联创办", "区委宣传部", "王晓峰", "长期坚持", 20),
    ("文明城", "社会主义核心价值观宣传", "主次干道、公共场所设置核心价值观公益广告，覆盖率达到100%", "区委宣传部", "各街道", "刘文华", "2018年12月底前", 30),
    ("文明城", "公益广告刊播", "在主次干道制作道旗、公益景观小品，更新破损公益广告", "区委宣传部", "区城管局", "刘文华", "2018年10月底前", 20),
    ("文明城", "未成年人思想道德建设", "校园周边专项整治，设立禁止售卖警示牌，执法人员定时上岗执勤", "区教育局", "区市场监管局、区城管局", "赵志刚", "2018年12月31日前", 30),
    ("文明城", "八站所建设", "各街道、社区按要求完成八站所建设并规范运行", "东城街道、西城街道、南湖街道", "北山街道、中心街道、站前街道", "李明", "2018年11月30日前", 20),
    ("文明城", "志愿服务常态化", "注册志愿者人数占常住人口比例达到13%以上，全点位设立志愿者服务站", "团区委", "各街道", "孙丽", "持续推进", 40),
    ("文明城", "文明劝导", "组织千人文明劝导员、创城监督员上岗劝导", "团区委", "区委宣传部", "孙丽", "每月", 10),
    ("文明城", "创建材料规范", "全面梳理审核创城材料，各街道、各部门明确专人负责材料上报", "区联创办", "", "王晓峰", "2018年11月20日前", 20),
    ("文明城", "实地测评点位培训", "对实地测评点责任单位全方位培训，解读测评体系", "区联创办", "区委宣传部", "王晓峰", "2018年10月31日前", 10),
    ("文明城", "网格化微宣讲", "四级网格微宣讲员走进企业、社区、学校开展“三城联创”微宣讲", "区委宣传部", "团区委", "刘文华", "每季度", 10),
    ("文明城", "诚信建设", "开展诚信经营示范街创建，公示失信经营户", "区商务局", "区市场监管局", "周建新", "2018年12月底前", 10),
    ("文明城", "纠错小分队", "按街道划分片区，随时查找问题，形成问题清单并督促整改", "区联创办", "各街道", "王晓峰", "长期坚持", 10),
    ("文明城", "文明交通", "主要路口设置文明交通劝导岗，规范非机动车停放", "中心街道", "站前街道", "李明", "持续推进", 10),
    ("卫生城", "拆除私搭乱建", "依法拆除各类违法建设，做到发现一处拆除一处", "区城管局", "各街道", "陈伟", "2018年11月30日前", 40),
    ("卫生城", "流动商贩治理", "清理流动商贩、店外经营、店外加工，规范马路市场", "区城管局", "各街道、区市场监管局", "陈伟", "持续推进", 30),
    ("卫生城", "环境卫生保洁", "主要街道16小时清扫保洁，一般街道12小时清扫保洁，垃圾日产日清", "区城管局", "", "陈伟", "长期坚持", 40),
    ("卫生城", "小广告清理", "清除主次干道及小区内小广告，建立长效管控机制", "区城管局", "各街道", "陈伟", "每月", 20),
    ("卫生城", "城乡结合部整治", "边沟清淤改造、护坡翻修、路面硬化", "区住建局", "北山街道、公园街道", "吴刚", "2018年10月底前", 30),
    ("卫生城", "老旧小区楼体粉饰", "完成老旧小区楼房楼体粉饰和垃圾箱投放", "区住建局", "东城街道、西城街道", "吴刚", "2018年12月底前", 30),
    ("卫生城", "小区环境整治", "大兵团作战清理小区垃圾、小田园和杂草，拆除私搭乱建", "东城街道", "西城街道、南湖街道", "李明", "2018年11月30日前", 30),
    ("卫生城", "背街小巷整治", "背街小巷路面修补、照明完善、垃圾清运", "西城街道", "区住建局", "李明", "2018年12月底前", 20),
    ("卫生城", "病媒生物防制", "投放安装毒饵盒、鼠药，聘请专业消杀公司，四害密度达到C级", "区卫健局", "各街道", "郑红", "2018年11月30日前", 40),
    ("卫生城", "健康教育", "医疗卫生机构设置健康教育专员和健康教育专栏", "区卫健局", "区教育局", "郑红", "2018年11月20日前", 30),
    ("卫生城", "控烟禁烟", "创建无烟学校、无烟机关、无烟医疗卫生机构，公共场所设置禁烟标识", "区卫健局", "区教育局、各街道", "郑红", "持续推进", 20),
    ("卫生城", "大气污染防治", "燃煤电厂脱硫脱硝改造，加油站、油库挥发性有机物治理", "古塔生态环境分局", "", "钱进", "2018年12月31日前", 30),
    ("卫生城", "燃煤小锅炉淘汰", "淘汰燃煤小锅炉，剩余小锅炉年底前全部并网", "古塔生态环境分局", "区住建局", "钱进", "2018年12月底前", 20),
    ("卫生城", "废弃烟囱拆除", "拆除辖区内废弃烟囱", "古塔生态环境分局", "各街道", "钱进", "2018年10月31日前", 10),
    ("卫生城", "农贸市场规范", "市场分类管理，取缔活禽宰杀销售，落实无害化处理制度", "区市场监管局", "区商务局", "韩冰", "2018年11月30日前", 30),
    ("食安城", "党政同责", "成立食安城创建工作领导小组，印发工作方案和责任分解表", "区市场监管局", "区联创办", "韩冰", "2018年10月底前", 30),
    ("食安城", "公示信息全覆盖", "制作发放各类信息公示板，经营者全面公示食品安全信息", "区市场监管局", "各街道", "韩冰", "2018年11月30日前", 30),
    ("食安城", "三小行业整治", "开展“三小”食品经营许可现场快速核查，及时发证，关停不合格经营户", "区市场监管局", "", "韩冰", "2018年12月底前", 30),
    ("食安城", "餐厨废弃物管理", "签订餐厨废弃物回收合同，建立处置制度和台账", "区市场监管局", "区城管局", "韩冰", "2018年12月31日前", 20),
    ("食安城", "食品摊贩集中区域", "规范政府划定的食品摊贩集中经营区域", "区市场监管局", "中心街道、河滨街道", "韩冰", "持续推进", 20),
    ("食安城", "校园食品安全", "学校食堂明厨亮灶，校园周边食品经营专项检查", "区教育局", "区市场监管局", "赵志刚", "2018年11月30日前", 20),
    ("食安城", "从业人员持证上岗", "督促食品从业人员健康体检、持证上岗", "区卫健局", "区市场监管局", "郑红", "每季度", 10),
    ("食安城", "食品安全宣传", "开展食品安全宣传周活动，发放宣传材料", "区委宣传部", "区市场监管局、各街道", "刘文华", "2018年11月20日前", 10),
    ("食安城", "社区食品安全网格", "各社区设立食品安全协管员，定期巡查", "河滨街道", "公园街道、新华街道", "李明", "2018年12月底前", 10),
    ("食安城", "农村集体聚餐管理", "城乡结合部集体聚餐备案和指导", "公园街道", "区市场监管局", "李明", "持续推进", 10),
    ("食安城", "纪律作风建设", "成立党建促创建督导领导小组，开展作风整顿", "区市场监管局", "", "韩冰", "2018年11月30日前", 10),
    ("食安城", "食品安全应急演练", "开展食品安全事故应急演练", "区市场监管局", "区卫健局", "韩冰", "2018年12月31日前", 10),
]
STATES = ("已完成", "推进中", "推进中", "未启动", "已完成")


def expand(names: str, streets: list[str]) -> str:
    """Units of a task cell: 各街道 stands for every street."""
    return "、".join(x for n in names.split("、") if n for x in (streets if n == "各街道" else [n]))


def write_tasks(master: Path, target: Path, streets: list[str]) -> None:
    """The office's filled 责任分解表 (category written once per block, as offices do)."""
    wb = load_workbook(master)
    ws = wb[schema.SHEET_TASKS]
    seq: dict[str, int] = {}
    for index, (category, title, measures, leads, partners, leader, deadline, points) in enumerate(TASKS):
        row = schema.TABLE_FIRST_ROW + index
        seq[category] = seq.get(category, 0) + 1
        values = {"category": category if seq[category] == 1 else None, "seq": seq[category], "title": title,
                  "measures": measures, "leads": expand(leads, streets), "partners": expand(partners, streets),
                  "leader": leader, "deadline": deadline, "points": points, "remark": ""}
        for field, value in values.items():
            set_text(ws[f"{schema.TASK_FIELDS[field]}{row}"], value)
    target.write_bytes(workbook_bytes(wb, dt.datetime(2018, 10, 15)))


# Two inspection rounds: (number, first day, last day, 文号序号, 通报日期, 整改报送期限, points).
ROUNDS = [
    (1, dt.date(2018, 11, 5), dt.date(2018, 11, 9), 11, dt.date(2018, 11, 12), dt.date(2018, 11, 16), 42),
    (2, dt.date(2018, 11, 19), dt.date(2018, 11, 23), 12, dt.date(2018, 11, 26), dt.date(2018, 11, 30), 46),
]
ROUND_UNITS = "东城街道、西城街道、南湖街道、北山街道、中心街道、站前街道、新华街道、河滨街道、公园街道、区城管局、区市场监管局"
# (number, day, team, unit, place, category, description, photos, deadline, state, recheck day, result)
FINDINGS = {
    1: [
        ("1-01", 5, "第一组", "东城街道", "解放路12号门前", "暴露垃圾", "垃圾堆放未及时清运", 2, 12, "未整改", None, ""),
        ("1-02", 5, "第一组", "东城街道", "人民街菜市场", "占道经营", "商户占道摆摊", 1, 12, "整改中", None, ""),
        ("1-03", 6, "第一组", "西城街道", "中央大街18号", "乱贴乱画", "墙体小广告未清理", 1, 9, "未整改", None, ""),
        ("1-04", 6, "第二组", "南湖街道", "南湖小区3号楼", "私搭乱建", "楼间私搭彩钢房", 1, 15, "未整改", None, ""),
        ("1-05", 7, "第二组", "北山街道", "北山农贸市场", "病媒防制不到位", "市场内未设置毒饵盒", 1, 12, "未整改", None, ""),
        ("1-06", 7, "第二组", "中心街道", "中心广场", "公益广告缺失", "公益广告破损未更换", 1, 9, "已整改", 7, "现场整改"),
        ("1-07", 8, "第三组", "站前街道", "火车站前广场", "暴露垃圾", "绿化带内垃圾未清理", 1, 12, "未整改", None, ""),
        ("1-08", 8, "第三组", "新华街道", "新华路小吃街", "食品经营不规范", "餐饮店未公示食品安全信息", 1, 15, "整改中", None, ""),
        ("1-09", 8, "第三组", "区市场监管局", "林西路海鲜市场", "食品经营不规范", "水产品经营户无健康证", 1, 15, "未整改", None, ""),
        ("1-10", 9, "第四组", "区城管局", "金凌市场周边", "占道经营", "流动商贩占道经营", 1, 12, "未整改", None, ""),
        ("1-11", 9, "第四组", "河滨街道", "河滨公园东门", "乱贴乱画", "电线杆小广告", 0, 12, "已整改", 9, "现场整改"),
    ],
    2: [
        ("1-01", 19, "第一组", "", "", "", "", 0, None, "已整改", 19, "已清运"),
        ("1-02", 19, "第一组", "", "", "", "", 0, None, "已整改", 19, "商户已入室经营"),
        ("1-03", 20, "第一组", "", "", "", "", 0, None, "未整改", 20, "仍未清理"),
        ("1-04", 20, "第二组", "", "", "", "", 0, None, "整改中", 20, "已拆除一半"),
        ("1-05", 21, "第二组", "", "", "", "", 0, None, "已整改", 21, "已设置毒饵盒"),
        ("1-06", 21, "第二组", "", "", "", "", 0, None, "未整改", 21, "公益广告再次破损"),
        ("1-07", 22, "第三组", "", "", "", "", 0, None, "已整改", 22, "已清理"),
        ("1-08", 22, "第三组", "", "", "", "", 0, None, "已整改", 22, "已公示"),
        ("1-09", 22, "第三组", "", "", "", "", 0, None, "整改中", 22, "部分已办证"),
        ("1-10", 23, "第四组", "", "", "", "", 0, None, "已整改", 23, "已取缔"),
        ("2-01", 19, "第一组", "东城街道", "胜利小区", "暴露垃圾", "垃圾桶满溢", 1, 26, "未整改", None, ""),
        ("2-02", 20, "第一组", "西城街道", "西城农贸市场", "占道经营", "早市占道", 1, 26, "未整改", None, ""),
        ("2-03", 20, "第二组", "南湖街道", "南湖路", "乱贴乱画", "墙体涂鸦", 0, 26, "已整改", 20, "现场整改"),
        ("2-04", 21, "第二组", "公园街道", "公园北路", "占道经营", "水果摊占道", 1, 26, "未整改", None, ""),
        ("2-05", 21, "第二组", "新华街道", "新华小区", "暴露垃圾", "楼道堆物", 1, 28, "未整改", None, ""),
        ("2-06", 22, "第三组", "站前街道", "站前路", "乱贴乱画", "公交站牌小广告", 0, 26, "已整改", 22, "现场整改"),
        ("2-07", 22, "第三组", "区市场监管局", "解放路餐饮街", "食品经营不规范", "后厨未做到明厨亮灶", 1, 30, "未整改", None, ""),
        ("2-08", 23, "第四组", "区城管局", "林西路", "私搭乱建", "临街违建雨搭", 1, 30, "未整改", None, ""),
    ],
}


def photo_png(seed: str) -> bytes:
    """A small stand-in photo: coloured shapes, different for every seed."""
    from PIL import Image, ImageDraw

    digest = hashlib.sha256(seed.encode()).digest()
    image = Image.new("RGB", (320, 240), (digest[0], digest[1], digest[2]))
    draw = ImageDraw.Draw(image)
    for i in range(4):
        a, b, c, d = digest[4 + i * 4: 8 + i * 4]
        draw.rectangle((a % 200, b % 160, a % 200 + 40 + c % 80, b % 160 + 30 + d % 60),
                       fill=(c, d, a), outline=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_rounds(campaign, folder: Path) -> None:
    """The two example inspection rounds, with their photos."""
    from reporter.intake.inspection_form import build_inspection_form

    photos = folder / schema.PHOTO_FOLDER
    photos.mkdir(parents=True, exist_ok=True)
    for number, start, end, seq, issued, report_by, points in ROUNDS:
        wb = build_inspection_form(campaign)
        head = wb[schema.SHEET_ROUND]
        values = {"number": number, "start": start, "end": end, "doc_seq": seq, "units": ROUND_UNITS,
                  "points": points, "issued": issued, "report_by": report_by}
        for key in schema.ROUND_ROWS:
            head[schema.round_cell(key)].value = values[key]
        sheet = wb[schema.SHEET_FINDINGS]
        for index, item in enumerate(FINDINGS[number]):
            (code, day, team, unit, place, category, text, count, deadline, state, recheck, result) = item
            names = [f"{code}-{i + 1}.png" for i in range(count)]
            for name in names:
                (photos / name).write_bytes(photo_png(name))
            row = schema.TABLE_FIRST_ROW + index
            month = dt.date(2018, 11, 1)
            cells = {"number": code, "date": month.replace(day=day), "team": team, "unit": unit, "place": place,
                     "category": category, "description": text, "photos": "、".join(names),
                     "deadline": month.replace(day=deadline) if deadline else None, "state": state,
                     "recheck_date": month.replace(day=recheck) if recheck else None, "recheck_result": result}
            for field, value in cells.items():
                cell = sheet[f"{schema.FINDING_FIELDS[field]}{row}"]
                if isinstance(value, str):
                    set_text(cell, value or None)
                else:
                    cell.value = value
                    if isinstance(value, dt.date):
                        cell.number_format = DATE_FORMAT
        (folder / f"第{number}轮督查.xlsx").write_bytes(workbook_bytes(wb, dt.datetime.combine(issued, dt.time())))


def weight(indicator: str, unit: str) -> int:
    """A stable pseudo-random weight from 1 to 9 for a unit's share of an indicator."""
    return hashlib.sha256(f"{indicator}/{unit}".encode()).digest()[0] % 9 + 1


def split(total: Decimal, decimals: int, indicator: str, units: list[str]) -> dict[str, Decimal]:
    """``total`` split across ``units`` by their weights, exactly, in steps of 10**-decimals."""
    step = Decimal(1).scaleb(-decimals)
    steps = int(total / step)
    weights = {u: weight(indicator, u) for u in units}
    shares = {u: steps * w // sum(weights.values()) for u, w in weights.items()}
    biggest = max(units, key=lambda u: (weights[u], u))
    shares[biggest] += steps - sum(shares.values())
    return {u: shares[u] * step for u in units}


def period_total(indicator, share: Decimal) -> Decimal:
    """The example total of ``indicator`` in a month whose flows are ``share`` of November's."""
    total = Decimal(TOTALS[indicator.code])
    if indicator.code in STOCKS:
        return total
    return (total * share).quantize(Decimal(1).scaleb(-indicator.decimals), rounding=ROUND_HALF_UP)


def main() -> None:
    ws = open_workspace(ROOT)
    campaign = load_campaign(ws)
    streets = [u.short for u in campaign.units if u.kind == "街道"]
    write_tasks(ws.xlsx_templates / schema.TASK_MASTER_NAME, ws.tasks_path, streets)
    write_rounds(campaign, ws.inspections)
    found = read_tasks(ws.source(ws.tasks_path), campaign)
    assert found.ok and found.value is not None, found.problems
    for key, share in HISTORY.items():
        year, month = key.split("-")
        write_period(ws, replace(campaign, period=Period(int(year), int(month))), tuple(found.value), share)
    write_period(ws, campaign, tuple(found.value), Decimal(1))


def write_period(ws, campaign, tasks, scale: Decimal) -> None:
    """Every unit's filled workbook of the campaign's period (flows at ``scale`` times November's)."""
    folder = ws.submissions_dir(campaign)
    folder.mkdir(parents=True, exist_ok=True)
    master = ws.xlsx_templates / schema.MASTER_NAME
    period = campaign.period
    values: dict[str, dict[str, Decimal]] = {u.code: {} for u in campaign.units}
    for indicator in campaign.reported_indicators:
        shares = split(period_total(indicator, scale), indicator.decimals, indicator.code,
                       list(indicator.reporters))
        for unit_code, value in shares.items():
            values[unit_code][indicator.code] = value
    for number, unit in enumerate(campaign.units):
        wb = load_workbook(io.BytesIO(build.form_bytes(master, "master", campaign, unit, tuple(tasks))))
        if schema.SHEET_PROGRESS in wb.sheetnames:
            sheet = wb[schema.SHEET_PROGRESS]
            for row in range(schema.TABLE_FIRST_ROW, sheet.max_row + 1):
                task_id = sheet[f"{schema.PROGRESS_ID}{row}"].value
                if not task_id:  # the sign lines below the table
                    continue
                state = STATES[weight(task_id, unit.code) % len(STATES)]
                set_text(sheet[f"{schema.PROGRESS_STATE}{row}"], state)
                if state == "推进中":
                    set_text(sheet[f"{schema.PROGRESS_NOTE}{row}"], "按计划推进，本月完成阶段任务")
        info = wb[schema.SHEET_INFO]
        name, phone = unit.contact.split(" ")
        set_text(info[schema.info_cell("filled_by")], name)
        set_text(info[schema.info_cell("phone")], phone)
        info[schema.info_cell("filled_on")].value = dt.date(period.year, period.month, 12 + number % 8)
        sheet = wb[schema.SHEET_VALUES]
        for row in range(schema.TABLE_FIRST_ROW, sheet.max_row + 1):
            code = sheet[f"{schema.VALUE_CODE}{row}"].value
            if code:
                share = values[unit.code][code]
                sheet[f"{schema.VALUE_CELL}{row}"].value = int(share) if share == share.to_integral() else float(share)
        notes = wb[schema.SHEET_NOTES]
        row = schema.TABLE_FIRST_ROW
        for short, section, order, title, text in NOTES:
            if short != unit.short or scale != 1:
                continue
            title_of = {s.code: s.title for s in campaign.sections}
            for letter, value in ((schema.NOTE_SECTION, title_of[section]), (schema.NOTE_TITLE, title),
                                  (schema.NOTE_TEXT, text), (schema.NOTE_HIGHLIGHT, schema.NO)):
                set_text(notes[f"{letter}{row}"], value)
            notes[f"{schema.NOTE_ORDER}{row}"].value = order
            row += 1
        target = folder / f"{unit.short}.xlsx"
        target.write_bytes(workbook_bytes(wb, dt.datetime(period.year, period.month, 20)))
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
