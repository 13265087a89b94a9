"""The workspace: where a campaign's configuration, templates, inputs and outputs live.

``load_campaign`` reads ``inputs/配置.toml`` and validates all of it, reporting every
problem with its key path (``units[3].type``) and the bad value.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from reporter.errors import InputError, Problem, UsageError
from reporter.model import (
    UNIT_KINDS,
    Aggregation,
    Campaign,
    Indicator,
    InspectionRules,
    Period,
    ProblemCategory,
    Section,
    Source,
    Unit,
)

CONFIG_NAME = "配置.toml"
BOOKLET_PARTS = ("工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知")
TASKS_NAME = "责任分解表.xlsx"
ALL_UNITS = "全部"

AGGREGATION_NAMES = {
    "合计": Aggregation.SUM, "sum": Aggregation.SUM,
    "最大值": Aggregation.MAX, "max": Aggregation.MAX,
    "平均值": Aggregation.AVERAGE, "average": Aggregation.AVERAGE,
    "比率": Aggregation.RATIO, "ratio": Aggregation.RATIO,
}

WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
    f"LPT{i}" for i in range(1, 10)}
MAX_NAME_BYTES = 150


@dataclass(frozen=True)
class Workspace:
    """A folder laid out as a reporter workspace."""

    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / "inputs" / CONFIG_NAME

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def tasks_path(self) -> Path:
        """The office's filled 标准与责任分解表."""
        return self.root / "inputs" / TASKS_NAME

    @property
    def inspections(self) -> Path:
        """The folder of inspection round workbooks (and their photos)."""
        return self.root / "inputs" / "督查"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def xlsx_templates(self) -> Path:
        return self.root / "templates" / "xlsx"

    @property
    def docx_templates(self) -> Path:
        return self.root / "templates" / "docx"

    def submissions_dir(self, campaign: Campaign) -> Path:
        """The folder where the units' filled workbooks of the period are collected."""
        return self.inputs / campaign.period.key

    def source(self, path: Path) -> Source:
        """``path`` with the name users see for it."""
        return Source(path, self.relative(path))

    def relative(self, path: Path) -> str:
        """A path as users see it in messages: relative to the workspace when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def open_workspace(root: str | Path) -> Workspace:
    """The workspace at ``root``; a usage error when it has no configuration."""
    ws = Workspace(Path(root))
    if not ws.config_path.is_file():
        raise UsageError(f"{ws.root}: 不是 reporter 工作目录（缺少 inputs/{CONFIG_NAME}），"
                         "请用 -w 指定工作目录，或用 reporter init 新建")
    return ws


def safe_file_stem(name: str) -> str | None:
    """Why ``name`` cannot be used as a file name inside ``outputs/``, or None when it can."""
    normal = unicodedata.normalize("NFKC", name)
    if not normal.strip():
        return "不能为空"
    if any(ch in normal for ch in '/\\:*?"<>|') or any(ord(ch) < 32 for ch in normal):
        return "不能含有 / \\ : * ? \" < > | 或控制字符"
    if normal.strip(".") == "" or ".." in normal:
        return "不能含有“..”"
    if normal != normal.rstrip(". "):
        return "不能以句点或空格结尾"
    if normal.split(".")[0].upper() in WINDOWS_RESERVED:
        return "是 Windows 保留名称"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"过长（不超过 {MAX_NAME_BYTES // 3} 个汉字）"
    return None


def load_campaign(ws: Workspace) -> Campaign:
    """Read and validate the workspace configuration; every problem is reported at once."""
    rel = ws.relative(ws.config_path)
    try:
        raw = tomllib.loads(ws.config_path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError([Problem(rel, "文件不是 UTF-8 编码，请用记事本“另存为 UTF-8”后重试")])
    except tomllib.TOMLDecodeError as e:
        raise InputError([Problem(rel, f"格式错误：{e}（请检查引号、等号和方括号）")]) from e
    return _ConfigReader(rel, raw).campaign()


class _ConfigReader:
    """Validates the parsed configuration, collecting problems with their key paths."""

    def __init__(self, rel: str, raw: dict[str, Any]):
        self.rel = rel
        self.raw = raw
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.rel, message, where=key))

    def text(self, table: dict, key: str, path: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "缺少此项，请填写")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{path}.{key}", f"“{value}” 应为非空文字（用英文双引号括起）")
            return ""
        return value.strip()

    def date(self, table: dict, key: str, path: str) -> dt.date | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.fail(f"{path}.{key}", f"“{value}” 不是日期，请写成 2018-11-26 的形式（不加引号）")
        return None

    def campaign(self) -> Campaign:
        head = self.raw.get("campaign")
        if not isinstance(head, dict):
            self.fail("campaign", "缺少 [campaign] 部分")
            head = {}
        period = self.period(head)
        units = self.units()
        sections = self.sections()
        indicators = self.indicators(units)
        categories, task_title = self.tasks()
        inspection = self.inspection()
        booklet = self.booklet()
        if self.problems:
            raise InputError(self.problems, f"配置文件有 {len(self.problems)} 处需要修改")
        return Campaign(
            code=self.text(head, "code", "campaign"),
            name=self.text(head, "name", "campaign"),
            region=self.text(head, "region", "campaign"),
            office=self.text(head, "office", "campaign"),
            period=period,
            units=tuple(units),
            indicators=tuple(indicators),
            sections=tuple(sections),
            title=self.text(head, "title", "campaign", required=False),
            author=self.text(head, "author", "campaign", required=False),
            report_date=self.date(head, "report_date", "campaign"),
            deadline=self.date(head, "deadline", "campaign"),
            sample=bool(head.get("sample", False)),
            task_categories=categories,
            task_title=task_title,
            inspection=inspection,
            **({"booklet_order": booklet} if booklet else {}),
        )

    def booklet(self) -> tuple[str, ...]:
        """The optional [booklet] order: which documents go into 汇编.pdf, in which order."""
        table = self.raw.get("booklet")
        if table is None:
            return ()
        order = table.get("order") if isinstance(table, dict) else None
        if not isinstance(order, list) or not order:
            self.fail("booklet.order", f"“{order}” 应为文件列表，如 [\"工作情况汇报\", \"督查通报\"]")
            return ()
        for i, name in enumerate(order):
            if name not in BOOKLET_PARTS:
                self.fail(f"booklet.order[{i + 1}]", f"“{name}” 不是可合订的文件，可用：{'、'.join(BOOKLET_PARTS)}")
        return tuple(order)

    def inspection(self) -> InspectionRules | None:
        """The optional [inspection] table: scoring and announcing inspection rounds."""
        table = self.raw.get("inspection")
        if table is None:
            return None
        if not isinstance(table, dict):
            self.fail("inspection", "应为 [inspection] 表")
            return None
        categories = []
        for i, item in enumerate(self.table_list("categories", table, "inspection.categories")):
            path = f"inspection.categories[{i + 1}]"
            name = self.text(item, "name", path)
            deduction = self.number(item, "deduction", path)
            if deduction is None or deduction < 0:
                self.fail(f"{path}.deduction", f"“{item.get('deduction')}” 应为不小于 0 的扣分数")
                deduction = Decimal(0)
            categories.append(ProblemCategory(name, deduction))
        boards = table.get("board_names", ["红榜", "黑榜"])
        if not (isinstance(boards, list) and len(boards) == 2 and all(isinstance(b, str) and b for b in boards)):
            self.fail("inspection.board_names", f"“{boards}” 应为两个名称，如 [\"红榜\", \"黑榜\"]")
            boards = ["红榜", "黑榜"]
        counts = {}
        for key, default in (("board_size", 3), ("photos_per_unit", 2)):
            value = table.get(key, default)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 50:
                self.fail(f"inspection.{key}", f"“{value}” 应为 0 到 50 的整数")
                value = default
            counts[key] = value
        base = self.number(table, "base_score", "inspection")
        copy_to = table.get("copy_to", [])
        if not isinstance(copy_to, list) or not all(isinstance(c, str) for c in copy_to):
            self.fail("inspection.copy_to", f"“{copy_to}” 应为单位名称列表")
            copy_to = []
        return InspectionRules(
            doc_prefix=self.text(table, "doc_prefix", "inspection"),
            base_score=base if base is not None else Decimal(100),
            categories=tuple(categories),
            board_names=(boards[0], boards[1]),
            board_size=counts["board_size"],
            photos_per_unit=counts["photos_per_unit"],
            report_to=self.text(table, "report_to", "inspection"),
            addressees=self.text(table, "addressees", "inspection", required=False) or "各街道，区直各有关部门：",
            copy_to=tuple(copy_to),
        )

    def tasks(self) -> tuple[tuple[str, ...], str]:
        """The optional [tasks] table: categories of the 责任分解表 and its title."""
        table = self.raw.get("tasks")
        if table is None:
            return (), ""
        if not isinstance(table, dict):
            self.fail("tasks", "应为 [tasks] 表")
            return (), ""
        categories = table.get("categories")
        if not isinstance(categories, list) or not categories or not all(
                isinstance(c, str) and c.strip() for c in categories):
            self.fail("tasks.categories", f"“{categories}” 应为任务类别列表，如 [\"文明城\", \"卫生城\"]")
            categories = []
        elif len(set(categories)) != len(categories):
            self.fail("tasks.categories", "任务类别有重复")
        else:
            for i, name in enumerate(categories):
                if any(ch in name for ch in '/\\?*[]:') or len(name) > 31:
                    self.fail(f"tasks.categories[{i + 1}]", f"“{name}” 用作表格名称不能含 / \\ ? * [ ] :，且不超过 31 个字")
        return tuple(c.strip() for c in categories), self.text(table, "title", "tasks", required=False)

    def period(self, head: dict) -> Period:
        for key in ("code", "name", "region", "office"):
            self.text(head, key, "campaign")
        self.date(head, "report_date", "campaign")
        self.date(head, "deadline", "campaign")
        value = head.get("period")
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.fail("campaign.period", f"“{value}” 不是有效的报送期，请写成 \"2018-11\"")
            return Period(1900, 1)
        return Period(int(match.group(1)), int(match.group(2)))

    def table_list(self, key: str, raw: dict | None = None, path: str | None = None) -> list[dict]:
        """The [[key]] tables (of ``raw``, default the whole file); items that are not tables
        are reported and left out."""
        path = path or key
        items = (self.raw if raw is None else raw).get(key)
        if not isinstance(items, list) or not items:
            self.fail(path, f"缺少 [[{path}]] 条目，至少需要一条")
            return []
        tables = []
        for i, item in enumerate(items):
            if isinstance(item, dict):
                tables.append(item)
            else:
                self.fail(f"{path}[{i + 1}]", f"“{item}” 应写成 [[{path}]] 表（见配置文件中的示例）")
        return tables

    def units(self) -> list[Unit]:
        units: list[Unit] = []
        seen: dict[str, str] = {}
        for i, item in enumerate(self.table_list("units")):
            path = f"units[{i + 1}]"
            unit = Unit(
                code=self.text(item, "code", path),
                name=self.text(item, "name", path),
                short=self.text(item, "short", path),
                kind=self.text(item, "type", path),
                contact=self.text(item, "contact", path, required=False),
            )
            if unit.kind and unit.kind not in UNIT_KINDS:
                self.fail(f"{path}.type", f"“{unit.kind}” 不是有效的单位类型，应为“部门”或“街道”")
            if unit.short and (why := safe_file_stem(unit.short)):
                self.fail(f"{path}.short", f"“{unit.short}” 用作文件名{why}，请改用普通简称")
            for key, value in (("code", unit.code), ("name", unit.name), ("short", unit.short)):
                if value and value in seen:
                    self.fail(f"{path}.{key}", f"“{value}” 与 {seen[value]} 重复，每个单位的代码、全称、简称都应唯一")
                elif value:
                    seen[value] = f"{path}.{key}"
            units.append(unit)
        return units

    def sections(self) -> list[Section]:
        sections: list[Section] = []
        for i, item in enumerate(self.table_list("sections")):
            path = f"sections[{i + 1}]"
            section = Section(code=self.text(item, "code", path), title=self.text(item, "title", path))
            if section.code in {s.code for s in sections}:
                self.fail(f"{path}.code", f"“{section.code}” 重复")
            sections.append(section)
        return sections

    def indicators(self, units: list[Unit]) -> list[Indicator]:
        indicators: list[Indicator] = []
        for i, item in enumerate(self.table_list("indicators")):
            indicators.append(self.indicator(item, f"indicators[{i + 1}]", units))
        codes = [ind.code for ind in indicators]
        for i, ind in enumerate(indicators):
            path = f"indicators[{i + 1}]"
            if ind.code in codes[:i]:
                self.fail(f"{path}.code", f"“{ind.code}” 重复，每个指标代码应唯一")
            derived = {i.code for i in indicators if i.is_derived}
            for key in ("numerator", "denominator"):
                ref = getattr(ind, key)
                if ind.is_derived and ref not in codes:
                    self.fail(f"{path}.{key}", f"“{ref}” 不是已配置的指标代码")
                elif ind.is_derived and ref in derived:
                    self.fail(f"{path}.{key}", f"“{ref}” 本身是比率，比率的分子、分母应为各单位填报的指标")
        return indicators

    def indicator(self, item: dict, path: str, units: list[Unit]) -> Indicator:
        code = self.text(item, "code", path)
        if code and not code.isidentifier():
            self.fail(f"{path}.code", f"“{code}” 不能用作模板变量名：只能由汉字、字母、数字和下划线组成，且不以数字开头")
        agg_name = item.get("aggregate", "合计")
        aggregation = AGGREGATION_NAMES.get(agg_name) if isinstance(agg_name, str) else None
        if aggregation is None:
            self.fail(f"{path}.aggregate", f"“{agg_name}” 不是有效的汇总方式，应为 合计、最大值、平均值 或 比率")
            aggregation = Aggregation.SUM
        decimals = item.get("decimals", 0)
        if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 4:
            self.fail(f"{path}.decimals", f"“{decimals}” 应为 0 到 4 之间的整数（允许的小数位数）")
            decimals = 0
        reporters: tuple[str, ...] = ()
        if aggregation is Aggregation.RATIO:
            for key in ("numerator", "denominator"):
                self.text(item, key, path)
        else:
            reporters = self.reporters(item.get("report_by"), f"{path}.report_by", units)
        return Indicator(
            code=code,
            name=self.text(item, "name", path),
            measure=self.text(item, "measure", path, required=False),
            aggregation=aggregation,
            reporters=reporters,
            decimals=decimals,
            numerator=item.get("numerator") if aggregation is Aggregation.RATIO else None,
            denominator=item.get("denominator") if aggregation is Aggregation.RATIO else None,
            target=self.number(item, "target", path),
            hint=self.text(item, "hint", path, required=False),
        )

    def number(self, item: dict, key: str, path: str) -> Decimal | None:
        value = item.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            return Decimal(str(value))
        except InvalidOperation:
            self.fail(f"{path}.{key}", f"“{value}” 不是数字")
            return None

    def reporters(self, value: Any, path: str, units: list[Unit]) -> tuple[str, ...]:
        """Unit codes named by ``report_by``: 全部, a unit type, or unit codes/short/full names."""
        if value is None:
            self.fail(path, "缺少此项：请写明由哪些单位填报，如 [\"街道\"]、[\"全部\"] 或单位简称列表")
            return ()
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list):
            self.fail(path, f"“{value}” 应为列表，如 [\"街道\", \"区城管局\"]")
            return ()
        codes: list[str] = []
        for name in names:
            if name == ALL_UNITS:
                matched = [u.code for u in units]
            elif name in UNIT_KINDS:
                matched = [u.code for u in units if u.kind == name]
            else:
                matched = [u.code for u in units if name in (u.code, u.short, u.name)]
            if not matched:
                self.fail(path, f"“{name}” 不是已配置的单位或单位类型")
            codes.extend(c for c in matched if c not in codes)
        order = [u.code for u in units]
        return tuple(sorted(codes, key=order.index))
