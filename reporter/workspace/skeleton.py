"""The text files of a new workspace (``reporter init``): a configuration to edit and a Makefile."""

from __future__ import annotations

import datetime as dt

CONFIG_TEMPLATE = """\
# 活动配置（由 reporter init 生成，请按实际情况修改）
# 用记事本、WPS 或任何文本编辑器修改，保存为 UTF-8 编码。
# 文字用英文双引号括起；日期写成 2018-11-26（不加引号）。

[campaign]
code = "my-campaign"          # 活动代码：写入每份填报表，用来识别其他活动的表（只用字母、数字和短横线）
name = "某项工作"
region = "某某区"
office = "某某区某某办公室"
period = "{period}"            # 报送期：年-月；各单位填好的表放在 inputs/{period}/
title = "某某区某项工作情况汇报"
author = ""
report_date = {today}
deadline = {today}

# ── 报送单位：每个单位一段 ───────────────────────────────────
[[units]]
code = "JD01"
name = "某某区某某街道办事处"
short = "某某街道"
type = "街道"                  # 单位类型：街道、部门、镇、乡、村、社区、企业、学校
contact = "张三 0000-0000000"

[[units]]
code = "BM01"
name = "某某区某某局"
short = "区某某局"
type = "部门"
contact = "李四 0000-0000000"

# ── 汇报的各个部分：单位填写工作举措时从这里选择 ────────────────
[[sections]]
code = "主要做法"
title = "主要做法"

[[sections]]
code = "下步打算"
title = "下步打算"

# ── 指标目录 ─────────────────────────────────────────────
# code 代码（模板中写作 {{{{ 指标.代码 }}}}）；name 名称；measure 计量单位；
# report_by 由谁填报：["全部"]、["街道"]、["部门"] 或单位简称列表；
# aggregate 汇总方式：合计（默认）、最大值、平均值、比率；decimals 允许的小数位数（默认 0）。
[[indicators]]
code = "宣传活动"
name = "开展宣传活动"
measure = "场次"
report_by = ["全部"]
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
