"""Inspection round workbooks (督查记录表): the master, the teams' copy with drop-downs, and
reading a filled round into findings, every problem with its cell.

Problem numbers are written 轮次-序号 (2-05). A row whose number belongs to an earlier round
re-checks that problem; blank fields of such a row are taken from the original.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

from reporter.errors import Problem
from reporter.intake import schema
from reporter.intake.cells import CellValues, FormulaWithoutResult
from reporter.intake.container import container_problem
from reporter.intake.unitnames import UnitDirectory, split_names
from reporter.intake.values import CellValueError, clean_text, parse_date, parse_number
from reporter.model import RECTIFY_STATES, Campaign, CellRef, Finding, InspectionRound
from reporter.publish.xlsx import (
    BORDER,
    INPUT_FILL,
    TITLE_FONT,
    open_workbook,
    set_text,
    workbook_bytes,
    write_header,
)

NUMBER = re.compile(r"(\d{1,3})-(\d{1,4})")
PHOTO_SEPARATORS = re.compile(r"[、，,;；\n]+")
ALL = "全部"


def build_inspection_form(campaign: Campaign | None = None) -> Workbook:
    """The 督查记录表: the master when ``campaign`` is None, else with drop-downs of its units,
    problem categories and states."""
    wb = Workbook()
    ws = wb.active
    ws.title = schema.SHEET_ROUND
    set_text(ws["A1"], "督查轮次（每轮一个文件，放在 inputs/督查/；照片放在同一文件夹的“照片”子文件夹）")
    ws["A1"].font = TITLE_FONT
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 14, 40
    for row, label in schema.ROUND_ROWS.values():
        set_text(ws[f"A{row}"], label)
        ws[f"A{row}"].border = ws[f"B{row}"].border = BORDER
        ws[f"B{row}"].fill = INPUT_FILL
    records = wb.create_sheet(schema.SHEET_FINDINGS)
    set_text(records["A1"], "督查记录（问题编号写成 轮次-序号，如 1-01；复查上一轮问题时填写原编号）")
    records["A1"].font = TITLE_FONT
    write_header(records, schema.TABLE_HEADER_ROW, [(c.header, c.width) for c in schema.FINDING_COLUMNS])
    if campaign is not None and campaign.inspection is not None:
        _add_drop_downs(wb, campaign)
    return wb


def _add_drop_downs(wb: Workbook, campaign: Campaign) -> None:
    lists = wb.create_sheet(schema.SHEET_LISTS)
    columns = {"A": [u.short for u in campaign.units], "B": [c.name for c in campaign.inspection.categories],
               "C": list(RECTIFY_STATES)}
    for letter, values in columns.items():
        for row, value in enumerate(values, start=1):
            set_text(lists[f"{letter}{row}"], value)
    lists.sheet_state = "hidden"
    records = wb[schema.SHEET_FINDINGS]
    first, last = schema.TABLE_FIRST_ROW, schema.TABLE_FIRST_ROW + schema.FINDING_ROWS - 1
    for field, letter in (("unit", "A"), ("category", "B"), ("state", "C")):
        column = schema.FINDING_FIELDS[field]
        check = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                               formula1=f"'{schema.SHEET_LISTS}'!${letter}$1:${letter}${len(columns[letter])}",
                               errorTitle="请从列表中选择", error="请从下拉列表中选择")
        check.add(f"{column}{first}:{column}{last}")
        records.add_data_validation(check)
    for field in ("date", "deadline", "recheck_date"):
        column = schema.FINDING_FIELDS[field]
        check = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                               formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                               errorTitle="日期有误", error="请填写日期，如 2018-11-20")
        check.add(f"{column}{first}:{column}{last}")
        records.add_data_validation(check)


def inspection_form_bytes(campaign: Campaign | None = None) -> bytes:
    """The 督查记录表 as reproducible .xlsx bytes."""
    stamp = dt.datetime(2018, 1, 1) if campaign is None else dt.datetime(campaign.period.year, campaign.period.month, 1)
    return workbook_bytes(build_inspection_form(campaign), stamp)


class RoundReader:
    """Reads one round workbook, collecting problems."""

    def __init__(self, path: Path, display: str, campaign: Campaign, cells: CellValues):
        self.path, self.display, self.campaign, self.cells = path, display, campaign, cells
        self.directory = UnitDirectory(campaign.units)
        self.problems: list[Problem] = []

    def fail(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.problems.append(Problem(self.display, message, sheet=sheet, cell=cell))

    def date(self, value: object, label: str, sheet: str, cell: str, required: bool = True) -> dt.date | None:
        if value in (None, "") and not required:
            return None
        try:
            return parse_date(value)
        except CellValueError as e:
            self.fail(f"{label}{e}", sheet, cell)
            return None

    def value(self, sheet: str, cell: str):
        """A cell's value (a formula's saved result); a problem and None when it has none."""
        try:
            return self.cells.get(sheet, cell)
        except FormulaWithoutResult as e:
            self.fail(str(e), sheet, cell)
            return None

    def unit(self, name: str, cell: str) -> str | None:
        unit = self.directory.find(name)
        if unit:
            return unit.code
        guess = self.directory.suggest(name) if name else None
        hint = f"，是不是“{guess.short}”？" if guess else "，请从下拉列表中选择"
        self.fail(f"“{name}”不是配置中的单位{hint}" if name else "未填写被督查单位", schema.SHEET_FINDINGS, cell)
        return None


def read_round(path: Path, display: str, campaign: Campaign) -> tuple[InspectionRound | None, list[Problem]]:
    """One round's findings and every problem in its workbook (earlier rounds are not needed:
    cross-round checks happen when rounds are put together)."""
    reason = container_problem(path)
    if reason:
        return None, [Problem(display, reason)]
    try:
        wb = open_workbook(path)
    except Exception as e:  # damaged files raise many types
        return None, [Problem(display, f"无法读取，文件可能已损坏（{type(e).__name__}），请重新保存")]
    missing = [n for n in (schema.SHEET_ROUND, schema.SHEET_FINDINGS) if n not in wb.sheetnames]
    if missing:
        return None, [Problem(display, f"缺少工作表“{n}”（请用 reporter forms 生成的督查记录表）") for n in missing]
    reader = RoundReader(path, display, campaign, CellValues(path, wb))
    head = _read_head(reader, wb[schema.SHEET_ROUND])
    findings = _read_findings(reader, wb[schema.SHEET_FINDINGS], head)
    if reader.problems or head is None:
        return None, reader.problems
    return InspectionRound(head["number"], head["start"], head["end"], head["doc_seq"], display, tuple(findings),
                           units=head["units"], points=head["points"], issued=head["issued"],
                           report_by=head["report_by"]), []


def _read_head(reader: RoundReader, ws) -> dict | None:
    sheet = ws.title
    cells = {key: (f"B{row}", label) for key, (row, label) in schema.ROUND_ROWS.items()}
    head: dict = {}
    for key in ("number", "doc_seq", "points"):
        cell, label = cells[key]
        try:
            head[key] = int(parse_number(reader.value(sheet, cell)))
        except CellValueError as e:
            reader.fail(f"{label}{e}", sheet, cell)
    for key in ("start", "end", "issued", "report_by"):
        cell, label = cells[key]
        head[key] = reader.date(reader.value(sheet, cell), label, sheet, cell)
    cell, _label = cells["units"]
    names = split_names(clean_text(reader.value(sheet, cell)))
    if not names:
        reader.fail("未填写被督查单位：填“全部”或单位简称，用“、”分隔", sheet, cell)
    codes = []
    for name in names:
        if name == ALL:
            codes = [u.code for u in reader.campaign.units]
            break
        unit = reader.directory.find(name)
        if unit is None:
            guess = reader.directory.suggest(name)
            reader.fail(f"“{name}”不是配置中的单位" + (f"，是不是“{guess.short}”？" if guess else ""), sheet, cell)
        elif unit.code not in codes:
            codes.append(unit.code)
    head["units"] = tuple(codes)
    if head.get("start") and head.get("end") and head["end"] < head["start"]:
        reader.fail("结束日期早于开始日期", sheet, cells["end"][0])
    if any(head.get(k) is None for k in ("number", "doc_seq", "points", "start", "end", "issued", "report_by")):
        return None
    return head


def _read_findings(reader: RoundReader, ws, head: dict | None) -> list[Finding]:
    sheet = ws.title
    col = schema.FINDING_FIELDS
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    rules = reader.campaign.inspection
    for row in range(schema.TABLE_FIRST_ROW, ws.max_row + 1):
        raw = {field: reader.value(sheet, f"{letter}{row}") for field, letter in col.items()}
        text = {field: clean_text(value) for field, value in raw.items()}
        if not any(text.values()):
            continue
        before = len(reader.problems)
        number = unicodedata.normalize("NFKC", text["number"])
        match = NUMBER.fullmatch(number)
        if not match:
            reader.fail(f"问题编号“{number}”应写成 轮次-序号，如 1-01", sheet, f"{col['number']}{row}")
        elif number in seen:
            reader.fail(f"问题编号 {number} 重复（第 {seen[number]} 行已用）", sheet, f"{col['number']}{row}")
        elif head and int(match.group(1)) > head["number"]:
            reader.fail(f"问题编号 {number} 的轮次大于本轮（第{head['number']}轮）", sheet, f"{col['number']}{row}")
        seen.setdefault(number, row)
        recheck = bool(match and head and int(match.group(1)) < head["number"])
        date = reader.date(raw["date"], "督查日期", sheet, f"{col['date']}{row}")
        unit_code = reader.unit(text["unit"], f"{col['unit']}{row}") if (text["unit"] or not recheck) else ""
        category = text["category"]
        if category and rules.category(category) is None or not category and not recheck:
            names = "、".join(c.name for c in rules.categories)
            reader.fail(f"“{category}”不是配置的问题类别（{names}）" if category else f"未选择问题类别（{names}）",
                        sheet, f"{col['category']}{row}")
        if not text["description"] and not recheck:
            reader.fail("未填写问题描述", sheet, f"{col['description']}{row}")
        photos = tuple(p.strip() for p in PHOTO_SEPARATORS.split(text["photos"]) if p.strip())
        for photo in photos:
            _check_photo(reader, photo, f"{col['photos']}{row}")
        deadline = reader.date(raw["deadline"], "整改时限", sheet, f"{col['deadline']}{row}", required=not recheck)
        if deadline and date and deadline < date:
            reader.fail(f"整改时限 {deadline.isoformat()} 早于督查日期 {date.isoformat()}，请核对",
                        sheet, f"{col['deadline']}{row}")
        state = text["state"]
        if state not in RECTIFY_STATES:
            reader.fail(("未填写整改状态" if not state else f"“{state}”不是有效的整改状态") +
                        "，请选择：" + "、".join(RECTIFY_STATES), sheet, f"{col['state']}{row}")
        recheck_date = reader.date(raw["recheck_date"], "复查日期", sheet, f"{col['recheck_date']}{row}",
                                   required=False)
        if len(reader.problems) > before or head is None:
            continue
        findings.append(Finding(number, head["number"], date, text["team"], unit_code or "", text["place"],
                                category, text["description"], photos, deadline, state, recheck_date,
                                text["recheck_result"], CellRef(reader.display, sheet, f"A{row}"),
                                photo_dir=str(reader.path.parent / schema.PHOTO_FOLDER)))
    return findings


def _check_photo(reader: RoundReader, name: str, cell: str) -> None:
    normal = unicodedata.normalize("NFKC", name)
    if any(ch in normal for ch in "/\\:") or ".." in normal:
        reader.fail(f"照片“{name}”只写文件名，不要写路径", schema.SHEET_FINDINGS, cell)
        return
    path = reader.path.parent / schema.PHOTO_FOLDER / name
    if not path.is_file():
        reader.fail(f"找不到照片“{name}”，请放在 {reader.display.rsplit('/', 1)[0]}/{schema.PHOTO_FOLDER}/ 中",
                    schema.SHEET_FINDINGS, cell)
        return
    try:
        with PILImage.open(path) as image:
            image.verify()
            usable = image.format in ("PNG", "JPEG", "GIF", "BMP")
    except (OSError, SyntaxError, ValueError):
        usable = False
    if not usable:
        reader.fail(f"照片“{name}”不是可用的图片，请使用 JPG 或 PNG 格式的照片", schema.SHEET_FINDINGS, cell)
