"""The text files of a new workspace (``reporter init``): a configuration to edit and a Makefile."""

from __future__ import annotations

import datetime as dt

CONFIG_TEMPLATE = """\
# 活动配置（由 reporter init 生成，请按实际情况修改）
# 用记事本、WPS 或任何文本编辑器修改，保存为 UTF-8 编码。
# 文字用英文双引号括起；日期写成 2018-11-26（不加引号）。
# 以 # 开头的是说明；“# 键 = 值”是可选的配置项，需要时删去行首的 # 再修改。
# 每一项的含义见 README 的“全部配置项”。

[campaign]
code = "my-campaign"          # 活动代码：写入每份填报表，用来识别其他活动的表（只用字母、数字和短横线）
name = "某项工作"              # 活动名称
region = "某某区"              # 地区
office = "某某区某某办公室"    # 办公室：汇报、通知的落款
period = "{period}"            # 报送期：年-月；各单位填好的表放在 inputs/{period}/
# start = "{period}"           # 起始期：累计数从这个月加起（不写则只算本期）
title = "某某区某项工作情况汇报"  # 汇报标题（不写则用“地区“名称”工作情况汇报”）
author = ""                    # 署名（可空）
report_date = {today}          # 成文日期
deadline = "次月5日"           # 报送截止日期：规则（当月25日、次月5日、次月底）或一个日期（不加引号）
# deadlines = {{ "{period}" = {today} }}  # 个别报送期自己的截止日期（如遇节假日顺延）
# sample = true                # 示例数据：模板中 活动.示例数据 为真
# unit_types = ["镇", "村", "园区"]  # 单位类型（不写则可用 街道、部门、镇、乡、村、社区、企业、学校）

# ── 报送单位：每个单位一段 ───────────────────────────────────
[[units]]
code = "JD01"                  # 单位代码（唯一）
name = "某某区某某街道办事处"  # 全称
short = "某某街道"             # 简称（用作文件名）
type = "街道"                  # 单位类型：街道、部门、镇、乡、村、社区、企业、学校
contact = "张三"               # 联系人（可空）：催报时写明
phone = "0000-0000000"         # 联系电话（可空）

[[units]]
code = "BM01"
name = "某某区某某局"
short = "区某某局"
type = "部门"
contact = "李四 0000-0000000"

# ── 汇报的各个部分：单位填写工作举措时从这里选择 ────────────────
[[sections]]
code = "主要做法"              # 部分代码（模板中写作 举措('主要做法')）
title = "主要做法"             # 标题（填报表下拉框中显示）

[[sections]]
code = "下步打算"
title = "下步打算"

# ── 指标目录 ─────────────────────────────────────────────
[[indicators]]
code = "宣传活动"              # 指标代码（模板中写作 {{{{ 指标.宣传活动 }}}}）
name = "开展宣传活动"          # 名称
measure = "场次"               # 计量单位
report_by = ["全部"]           # 由谁填报：["全部"]、["街道"]、["部门"] 或单位简称列表
# aggregate = "合计"           # 汇总方式：合计（默认）、最大值、平均值、比率
# decimals = 0                 # 允许的小数位数（默认 0，即整数；比率为文中保留的位数，默认 2）
# target = 100                 # 指标任务（可选）
# running = "累加"             # 累计方式：累加（默认）或 最新（存量数，如常住人口）
# hint = "含线上线下活动"      # 填报提示：填报表上选中数值单元格时显示

# 比率不由单位填报，而由两个指标算出（不写 report_by）：
# [[indicators]]
# code = "完成率"
# name = "任务完成率"
# measure = "%"                # 为 % 时结果乘以 100
# aggregate = "比率"
# numerator = "完成数"         # 分子：一个由单位填报的指标的代码
# denominator = "任务数"       # 分母：同上

# 办公室直接给出的数（不写 report_by，不出现在填报表中）：
# [[indicators]]
# code = "成员单位"
# name = "领导小组成员单位"
# measure = "个"
# value = 19

# ── 责任分解表（reporter tasks，可选） ─────────────────────────
# [tasks]
# categories = ["文明城", "卫生城"]  # 任务类别：inputs/责任分解表.xlsx 的“类别”只能用这些
# title = "某某区标准与责任分解表"   # 标题
# all_streets = "各街道"             # 任务单位是全部街道时的写法（写 "" 则逐一列出）
# all_departments = "各部门"         # 全部部门时的写法（写 "" 则逐一列出）

# ── 督查通报与整改通知书（reporter notice，可选） ────────────────
# [inspection]
# doc_prefix = "某办发"              # 发文机关代字：某办发〔2018〕12号
# issuer = "某某区某某办公室"        # 发文机关全称（不写则用 office）
# base_score = 100                   # 基础分
# board_names = ["红榜", "黑榜"]     # 榜单名称，也可写 ["红旗", "蓝旗"]
# board_size = 3                     # 按名次定榜：红榜、黑榜各列前几名、后几名（并列的一并列入）
# red_min_score = 100                # 按得分定红榜：得分不低于此分的单位
# black_below_score = 95             # 按得分定黑榜：得分低于此分的单位
# praise = "予以通报表扬"            # 红榜名单后的表扬用语
# criticism = "予以通报批评"         # 黑榜名单后的批评用语
# rank_by_type = false               # true：街道、部门等各类单位分别排名、分别定榜
# list_limit = 300                   # 附件逐项列出问题的上限，超过时按单位汇总（全部问题见督查问题台账）
# photos_per_unit = 2                # 每个单位最多附几张照片
# report_to = "某某办公室"           # 整改情况报送给谁
# addressees = "各街道，区直各有关部门："  # 主送
# copy_to = ["区委办公室", "区政府办公室"]  # 抄送
# notice_prefix = "某办督改"         # 整改通知书的代字（不写则用 doc_prefix）
# contact = "张三"                   # 整改通知书上的联系人
# phone = "0000-0000000"             # 联系电话
# notice_number = "{{代字}}〔{{年}}〕{{序号}}号"  # 整改通知书的文号格式（{{序号}} 按单位顺序逐份编号，全年各轮接续）
# notice_first = 1                   # 本年第一份整改通知书的序号
# receipt = true                     # 整改通知书后附整改情况回执
#
# [[inspection.categories]]         # 问题类别，每类一段
# name = "暴露垃圾"                  # 类别名称
# deduction = 2                      # 每个问题扣几分

# ── 汇编（reporter booklet，可选） ─────────────────────────────
# [booklet]
# order = ["工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知"]  # 合订顺序
# numbering = "汇编"                 # 页码：“汇编”全册统一编页码；“每份”每份文件自己编页码，目录写第几份第几页

# ── 版面（可选）：表格中不从中间断开的词语（单位名称、日期总是不断开） ──
# [layout]
# terms = ["明厨亮灶", "门前三包", "垃圾分类"]  # 本活动的专用词语；不写时用一组常用词语

# ── 限制（可选）：每份文档渲染最多再用的内存和时间；生成 PDF 时 LibreOffice 多久没有进展即终止 ──
# [limits]
# render_memory_mb = 1024            # 兆字节
# render_seconds = 60                # 秒
# pdf_idle_seconds = 300             # 秒：连续这么久没有任何输出才终止，不限总时长

# ── 网上填报（可选）：每个单位的报送上限；是否另存单位上传的原文件 ──
# [intake]
# versions_per_hour = 20             # 每个单位每小时最多报送几个版本
# period_mb = 20                     # 每个单位每期报送的表合计最多多少兆字节
# keep_originals = false             # true：在数据库中另存上传的原文件（仅供核查，从不放入 inputs/）
# original_max_mb = 10               # 超过这个大小的原文件不另存
"""

MAKEFILE = """\
# 本工作目录的常用命令（需已安装 reporter）
REPORTER ?= reporter

.PHONY: forms check report palette clean
forms:
\t$(REPORTER) forms -w .
check:
\t$(REPORTER) check -w .
report:
\t$(REPORTER) report -w .
palette:
\t$(REPORTER) palette -w .
clean:
\tfind outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
"""


def config_text(today: dt.date) -> str:
    """The starter configuration, dated ``today``."""
    return CONFIG_TEMPLATE.format(period=f"{today.year:04d}-{today.month:02d}", today=today.isoformat())
