"""The configuration file ``inputs/配置.toml``, declared key by key (``reading`` builds the
Campaign from it).

Each TOML table is a ``Table`` of typed fields (see ``schema``): reading checks every key once
and refuses keys nobody declared, with the nearest known key suggested. What a key left out
means (its default) is declared here and nowhere else: the Campaign's records have no defaults
of their own, and a table left out is read as every one of its fields at its default.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reporter.model import Aggregation, Period
from reporter.workspace.due_dates import DeadlineField, PeriodDates
from reporter.workspace.filenames import safe_file_stem
from reporter.workspace.names import invisible_problem, reserved_code
from reporter.workspace.schema import (
    Choice,
    Date,
    Field,
    Flag,
    Integer,
    Invalid,
    Number,
    Report,
    Strings,
    Sub,
    Table,
    TableList,
    Text,
    shown,
)

# The documents a booklet can bind, in the order it binds them when [booklet] order is left out.
BOOKLET_PARTS = ("工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知")
ALL_UNITS = "全部"
# A ratio is written with two decimals unless its ``decimals`` says otherwise (15.58%).
RATIO_DECIMALS = 2

AGGREGATION_NAMES = {
    "合计": Aggregation.SUM, "sum": Aggregation.SUM,
    "最大值": Aggregation.MAX, "max": Aggregation.MAX,
    "平均值": Aggregation.AVERAGE, "average": Aggregation.AVERAGE,
    "比率": Aggregation.RATIO, "ratio": Aggregation.RATIO,
}


# ── rules of single values ──────────────────────────────────────────────────────────────

def _file_name(short: str) -> str | None:
    why = safe_file_stem(short)
    return f"“{short}” 用作文件名{why}，请改用普通简称" if why else None


def _variable_name(code: str) -> str | None:
    if code.isidentifier():
        return reserved_code(code)
    return f"“{code}” 不能用作模板变量名：只能由汉字、字母、数字和下划线组成，且不以数字开头"


# Excel shows at most 255 characters of a cell's input message; the hint shares it with the rule.
HINT_CHARS = 200


def _hint(text: str) -> str | None:
    if len(text) > HINT_CHARS:
        return f"提示太长（{len(text)} 个字）：填报表上单元格的提示最多 {HINT_CHARS} 个字，请精简"
    return None


def _sheet_name(name: str) -> str | None:
    if any(ch in name for ch in '/\\?*[]:') or len(name) > 31:
        return f"“{name}” 用作表格名称不能含 / \\ ? * [ ] :，且不超过 31 个字"
    return None


class PeriodField(Field[Period]):
    """The reporting month, written "2018-11"."""

    def check(self, value: object, where: str, report: Report) -> Period:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
            raise Invalid(f"“{shown(value)}” 不是有效的报送期，请写成 \"2018-11\"（年份在 2000 到 2100 之间）")
        return Period(int(match.group(1)), int(match.group(2)))


class StartField(Field["Period | None"]):
    """The campaign's first period (running totals begin there), written "2018-09"; optional."""

    def __init__(self) -> None:
        super().__init__(None)

    def check(self, value: object, where: str, report: Report) -> Period | None:
        return PeriodField(Period(1900, 1)).check(value, where, report)


class Wording(Field[str]):
    """A phrase with a default when the key is absent; a blank one means "none" (not the default)."""

    def __init__(self, default: str) -> None:
        super().__init__(default)

    def check(self, value: object, where: str, report: Report) -> str:
        if not isinstance(value, str):
            raise Invalid(f"“{shown(value)}” 应为文字（用英文双引号括起），不需要时写 \"\"")
        return value.strip()


# ── the tables of 配置.toml ─────────────────────────────────────────────────────────────

class CampaignTable(Table):
    """[campaign]: what the campaign is, who runs it and the reporting period."""

    code = Text()
    name = Text()
    region = Text()
    office = Text()
    period = PeriodField(Period(1900, 1), required=True)
    title = Text(required=False)
    author = Text(required=False)
    report_date = Date()
    deadline = DeadlineField()  # "次月5日", or a date: the period's own (other periods: same day)
    deadlines = PeriodDates()  # periods with a deadline of their own
    sample = Flag(False)
    # The unit types a configuration may use without declaring them.
    unit_types = Strings("应为单位类型列表，如 [\"镇\", \"村\"]",
                         default=("街道", "部门", "镇", "乡", "村", "社区", "企业", "学校"),
                         min_items=1, nonblank=True, repeated="单位类型有重复")
    start = StartField()


class UnitTable(Table):
    """One [[units]] entry: a department or street that reports."""

    code = Text(rule=invisible_problem)
    name = Text(rule=invisible_problem)
    short = Text(rule=_file_name)
    type = Text()
    contact = Text(required=False)
    phone = Text(required=False)


class SectionTable(Table):
    """One [[sections]] entry: a part of the report that work notes are filed under."""

    code = Text()
    title = Text()


class IndicatorTable(Table):
    """One [[indicators]] entry: a figure the units report, or a ratio of two of them."""

    code = Text(rule=_variable_name)
    name = Text()
    measure = Text(required=False)
    aggregate = Choice(AGGREGATION_NAMES, Aggregation.SUM,
                       expect="不是有效的汇总方式，应为 合计、最大值、平均值 或 比率")
    report_by = Strings("应为列表，如 [\"街道\", \"区城管局\"]", single=True)
    decimals = Integer(0, 0, 4, "0 到 4 之间的整数（允许的小数位数）")
    numerator = Text(required=False)
    denominator = Text(required=False)
    target = Number(None)
    value = Number(None)
    running = Choice({"累加": False, "最新": True}, False,
                     expect="不是有效的累计方式，应为 累加（逐月相加，默认）或 最新（取最近一期的数）")
    hint = Text(required=False, rule=_hint)  # shown on the form when the value cell is selected


class TasksTable(Table):
    """[tasks]: the categories of the 责任分解表 (one sheet each), its title, and what its tables
    write when a task names every street or every department ("" lists them all)."""

    categories = Strings("应为任务类别列表，如 [\"文明城\", \"卫生城\"]", required=True, min_items=1,
                         nonblank=True, item=Text(rule=_sheet_name), repeated="任务类别有重复")
    title = Text(required=False)
    all_streets = Wording("各街道")
    all_departments = Wording("各部门")


class CategoryTable(Table):
    """One [[inspection.categories]] entry: a kind of problem and the points it costs."""

    name = Text()
    deduction = Number(Decimal(0), required=True, minimum=Decimal(0), expect="应为不小于 0 的扣分数")


def notice_number_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be the 整改通知书's 文号 pattern (``notice_number``), or None: it
    holds {序号} once and no placeholder but {代字}, {年} and {序号} (blank: the default)."""
    if not pattern:
        return None
    fields = re.findall(r"\{([^{}]*)\}", pattern)
    unknown = [f for f in fields if f not in ("代字", "年", "序号")]
    if unknown:
        return f"文号格式中的 {{{unknown[0]}}} 不可用，只能用 {{代字}}、{{年}}、{{序号}}"
    if fields.count("序号") != 1 or re.sub(r"\{[^{}]*\}", "", pattern).count("{") + \
            re.sub(r"\{[^{}]*\}", "", pattern).count("}"):
        return "文号格式应含一个 {序号}，且只有成对的花括号，如 \"{代字}〔{年}〕{序号}号\""
    return None


class InspectionTable(Table):
    """[inspection]: how inspection rounds are scored and announced."""

    doc_prefix = Text()
    issuer = Text(required=False)
    base_score = Number(Decimal(100))
    categories = TableList(CategoryTable)
    board_names = Strings("应为两个名称，如 [\"红榜\", \"黑榜\"]", default=("红榜", "黑榜"),
                          min_items=2, max_items=2, nonblank=True)
    board_size = Integer(3, 0, 50, "0 到 50 的整数")
    red_min_score = Number(None, expect="不是数字（得分不低于此分的单位列入红榜）")
    black_below_score = Number(None, expect="不是数字（得分低于此分的单位列入黑榜）")
    praise = Text(required=False)
    criticism = Text(required=False)
    rank_by_type = Flag(False)
    list_limit = Integer(300, 0, 1_000_000, "0 到 1000000 的整数（附件逐项列出的问题数上限）")
    photos_per_unit = Integer(2, 0, 50, "0 到 50 的整数")
    report_to = Text()
    addressees = Text(required=False, default="各街道，区直各有关部门：")
    copy_to = Strings("应为单位名称列表")
    notice_prefix = Text(required=False)
    notice_number = Text(required=False, default="{代字}〔{年}〕{序号}号", rule=notice_number_problem)
    notice_first = Integer(1, 1, 99999, "1 到 99999 的整数")
    receipt = Flag(True)
    contact = Text(required=False)
    phone = Text(required=False)


class BookletTable(Table):
    """[booklet]: which documents go into 汇编.pdf, in which order."""

    order = Strings("应为文件列表，如 [\"工作情况汇报\", \"督查通报\"]", default=BOOKLET_PARTS,
                    required=True, min_items=1, item=Choice({part: part for part in BOOKLET_PARTS}, "",
                                expect=f"不是可合订的文件，可用：{'、'.join(BOOKLET_PARTS)}"))
    # True: each part numbers its own pages; False: the booklet's page numbers throughout.
    numbering = Choice({"汇编": False, "每份": True}, False,
                       expect="应为“汇编”（全册统一页码）或“每份”（每份文件自己的页码）")


class LayoutTable(Table):
    """[layout]: how documents are set on the page."""

    # Words of campaign work that table cells keep on one line unless the campaign names its own.
    terms = Strings("应为词语列表，如 [\"明厨亮灶\", \"门前三包\"]", nonblank=True,
                    default=("明厨亮灶", "门前三包", "垃圾分类", "志愿服务", "占道经营", "私搭乱建", "背街小巷",
                             "农贸市场", "公益广告", "小广告", "牛皮癣", "食品安全"))


class LimitsTable(Table):
    """[limits]: how much memory and time rendering one document may take, and how long
    LibreOffice may go without producing anything while it makes PDFs."""

    render_memory_mb = Integer(1024, 64, 65536, "64 到 65536 之间的整数（兆字节）")
    render_seconds = Integer(60, 1, 3600, "1 到 3600 之间的整数（秒）")
    #: The longest silences seen are those of the 5000-row problem list of a city's 督查通报
    #: converted as one table (when it cannot be cut): 147 s importing it, then 148 s laying it
    #: out, on a busy 2-core machine. Cut, its longest silence is 10 s.
    pdf_idle_seconds = Integer(300, 1, 86400, "1 到 86400 之间的整数（秒）")


class IntakeTable(Table):
    """[intake]: what one unit may file through ``reporter serve``, and whether the uploads
    themselves are kept beside the workbooks filed from them."""

    versions_per_hour = Integer(20, 1, 10000, "1 到 10000 之间的整数（每小时版本数）")
    period_mb = Integer(20, 1, 10000, "1 到 10000 之间的整数（兆字节）")
    keep_originals = Flag(False)
    original_max_mb = Integer(10, 1, 1000, "1 到 1000 之间的整数（兆字节）")


class ConfigFile(Table):
    """The whole of 配置.toml."""

    campaign = Sub(CampaignTable, required=True, missing="缺少 [campaign] 部分")
    units = TableList(UnitTable)
    sections = TableList(SectionTable)
    indicators = TableList(IndicatorTable)
    tasks = Sub(TasksTable)
    inspection = Sub(InspectionTable)
    booklet = Sub(BookletTable)
    layout = Sub(LayoutTable)
    limits = Sub(LimitsTable)
    intake = Sub(IntakeTable)
