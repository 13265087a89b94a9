"""A configuration of five villages and one department (with a quote in a section code), for
the palette tests of tests/documents/ and tests/pipeline/."""

VILLAGES_CONFIG = """
[campaign]
code = "test"
name = "测试工作"
region = "某区"
office = "某区办公室"
period = "2019-06"

[[units]]
code = "V1"
name = "某镇甲村村民委员会"
short = "甲村"
type = "村"

[[units]]
code = "V2"
name = "某镇乙村村民委员会"
short = "乙村"
type = "村"

[[units]]
code = "V3"
name = "某镇丙村村民委员会"
short = "丙村"
type = "村"

[[units]]
code = "V4"
name = "某镇丁村村民委员会"
short = "丁村"
type = "村"

[[units]]
code = "V5"
name = "某镇戊村村民委员会"
short = "戊村"
type = "村"

[[units]]
code = "B1"
name = "某镇环卫所"
short = "环卫所"
type = "部门"

[[sections]]
code = "做法'一"
title = "主要做法"

[[indicators]]
code = "绿化"
name = "新增绿化面积"
measure = "平方米"
report_by = ["村"]

[[indicators]]
code = "资金"
name = "投入资金"
measure = "元"
report_by = ["环卫所"]

[[indicators]]
code = "垃圾"
name = "清运垃圾"
measure = "吨"
decimals = 1
report_by = ["全部"]

[[indicators]]
code = "人均"
name = "人均绿化面积"
measure = "平方米/人"
aggregate = "比率"
numerator = "绿化"
denominator = "垃圾"
decimals = 1

[[indicators]]
code = "完成率"
name = "改厕完成率"
measure = "%"
aggregate = "平均值"
report_by = ["村"]
target = 90

[[indicators]]
code = "成员"
name = "领导小组成员单位"
measure = "个"
value = 12
"""
