"""Reading a filled inspection round workbook (督查记录表) into findings, every problem with its cell.

Problem numbers are written 轮次-序号 (2-05). A row whose number belongs to an earlier round
re-checks that problem; blank fields of such a row are taken from the original. Cross-round
checks happen when rounds are put together (``figures.scoring.link_rounds``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reporter.intake import schema
from reporter.intake.container import Limits
from reporter.intake.extent import Area
from reporter.intake.photos import photo_problem
from reporter.intake.sheets import SheetReader, SheetResult
from reporter.intake.unitnames import split_names
from reporter.intake.values import CellValueError, clean_text, parse_date, parse_number
from reporter.model import (
    RECTIFY_STATES,
    Campaign,
    CellRef,
    Finding,
    InspectionRound,
    InspectionRules,
    Source,
)

NUMBER = re.compile(r"(\d{1,3})-(\d{1,6})")  # up to 999999 problems a round
PHOTO_SEPARATORS = re.compile(r"[、，,;；\n]+")
ALL = "全部"
# Size guards of a round workbook, per configured unit: rows of problems, and bytes per row
# packed and unpacked (a row of 督查记录 with long text takes about 0.3 KB packed, 1.2 KB unpacked).
PROBLEMS_PER_UNIT = 50
PACKED_ROW_BYTES = 1024
UNPACKED_ROW_BYTES = 4096
HEAD_KEYS = ("number", "doc_seq", "points", "start", "end", "issued", "report_by")


def round_areas(limits: Limits) -> dict[str, Area]:
    """督查轮次: its labels and values with the note below them; 督查记录: the record's columns,
    as many rows as ``limits`` let the workbook have (scaled to the campaign: ``round_limits``)."""
    return {schema.SHEET_ROUND: Area(max(row for row, _label in schema.ROUND_ROWS.values()) + 2,
                                     len(schema.ROUND_COLUMNS)),
            schema.SHEET_FINDINGS: Area(limits.max_rows, len(schema.FINDING_COLUMNS))}


class RoundReader(SheetReader[InspectionRound]):
    """Reads one round workbook into an ``InspectionRound``, given only when the workbook is valid."""

    def __init__(self, source: Source, campaign: Campaign, limits: Limits):
        super().__init__(source, campaign, limits)
        self.areas = round_areas(limits)

    def read_workbook(self, wb: Workbook) -> InspectionRound | None:
        missing = [n for n in (schema.SHEET_ROUND, schema.SHEET_FINDINGS) if n not in wb.sheetnames]
        for name in missing:
            self.fail(f"缺少工作表“{name}”（请用 reporter forms 生成的督查记录表）")
        if missing:
            return None
        if self.campaign.inspection is None:
            self.fail("有督查记录表，但配置文件中没有 [inspection]（评分规则），请先配置")
            return None
        head = _read_head(self, wb[schema.SHEET_ROUND])
        findings = _read_findings(self, wb[schema.SHEET_FINDINGS], head, self.campaign.inspection)
        if self.problems or head is None:
            return None
        return InspectionRound(head["number"], head["start"], head["end"], head["doc_seq"], self.display,
                               tuple(findings), units=head["units"], points=head["points"], issued=head["issued"],
                               report_by=head["report_by"])

    def date(self, value: object, label: str, sheet: str, cell: str, required: bool = True) -> dt.date | None:
        """A date cell's date; a problem (prefixed with ``label``) and None when it is not one."""
        if value in (None, "") and not required:
            return None
        try:
            return parse_date(value)
        except CellValueError as e:
            self.fail(f"{label}{e}", sheet, cell)
            return None

    def finding_unit(self, name: str, cell: str) -> str | None:
        """The code of the inspected unit named in a 督查记录 row."""
        if not name:
            self.fail("未填写被督查单位", schema.SHEET_FINDINGS, cell)
            return None
        unit = self.unit(name, schema.SHEET_FINDINGS, cell, otherwise="，请从下拉列表中选择")
        return unit.code if unit else None


def round_limits(campaign: Campaign) -> Limits:
    """How large a round workbook may be: the usual bounds, or room for ``PROBLEMS_PER_UNIT``
    problems of every configured unit when that is more (a city of 2000 units: 100,000 rows)."""
    usual = Limits()
    problems = len(campaign.units) * PROBLEMS_PER_UNIT
    return replace(usual, max_rows=max(usual.max_rows, problems + schema.TABLE_FIRST_ROW),
                   max_file_bytes=max(usual.max_file_bytes, problems * PACKED_ROW_BYTES),
                   max_unpacked_bytes=max(usual.max_unpacked_bytes, problems * UNPACKED_ROW_BYTES))


def read_round(source: Source, campaign: Campaign, limits: Limits | None = None) -> SheetResult[InspectionRound]:
    """One round's findings and every problem in its workbook (earlier rounds are not needed:
    cross-round checks happen when rounds are put together); the workbook's size is bounded
    by ``limits``, by default those scaled to the campaign."""
    return RoundReader(source, campaign, limits or round_limits(campaign)).read()


def _read_head(reader: RoundReader, ws: Worksheet) -> dict[str, Any] | None:
    """The round's number, dates, document number, points and inspected units (sheet 督查轮次);
    None when any of them is missing or invalid."""
    sheet = ws.title
    cells = {key: (schema.round_cell(key), label) for key, (_row, label) in schema.ROUND_ROWS.items()}
    head: dict[str, Any] = {}
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
    # Names after 全部 do not matter: every unit is inspected.
    listed = reader.unit_codes(names[:names.index(ALL)] if ALL in names else names, sheet, cell)
    head["units"] = tuple(u.code for u in reader.campaign.units) if ALL in names else listed
    if head.get("start") and head.get("end") and head["end"] < head["start"]:
        reader.fail("结束日期早于开始日期", sheet, cells["end"][0])
    if head.get("issued") and head.get("report_by") and head["report_by"] < head["issued"]:
        reader.fail(f"整改报送期限 {head['report_by'].isoformat()} 早于通报日期 {head['issued'].isoformat()}，"
                    "请核对", sheet, cells["report_by"][0])
    if any(head.get(k) is None for k in HEAD_KEYS):
        return None
    return head


def _read_findings(reader: RoundReader, ws: Worksheet, head: dict[str, Any] | None,
                   rules: InspectionRules) -> list[Finding]:
    """The findings of the 督查记录 sheet, one per filled row; ``head`` is None when the round's
    head is invalid (the rows are still checked)."""
    sheet = ws.title
    col = schema.FINDING_COLUMNS.letters
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for row in range(schema.TABLE_FIRST_ROW, reader.last_row(sheet) + 1):
        before = len(reader.problems)
        raw = {field: reader.value(sheet, f"{letter}{row}") for field, letter in col.items()}
        text = {field: clean_text(value) for field, value in raw.items()}
        if not any(text.values()):
            continue
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
        unit_code = reader.finding_unit(text["unit"], f"{col['unit']}{row}") if (text["unit"] or not recheck) else ""
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
        report_by = head.get("report_by") if head else None
        if deadline and report_by and deadline > report_by and text["state"] != "已整改":
            reader.fail(f"整改时限 {deadline.isoformat()} 晚于本轮整改报送期限 {report_by.isoformat()}：整改通知书要求"
                        "先整改、后报送，请提前整改时限或推后整改报送期限", sheet, f"{col['deadline']}{row}")
        state = text["state"]
        if state not in RECTIFY_STATES:
            reader.fail(("未填写整改状态" if not state else f"“{state}”不是有效的整改状态") +
                        "，请选择：" + "、".join(RECTIFY_STATES), sheet, f"{col['state']}{row}")
        recheck_date = reader.date(raw["recheck_date"], "复查日期", sheet, f"{col['recheck_date']}{row}",
                                   required=False)
        if len(reader.problems) > before or head is None or date is None:
            continue
        findings.append(Finding(number, head["number"], date, text["team"], unit_code or "", text["place"],
                                category, text["description"], photos, deadline, state, recheck_date,
                                text["recheck_result"], CellRef(reader.display, sheet, schema.FINDING_COLUMNS.first.cell(row)),
                                photo_dir=str(reader.source.path.parent / schema.PHOTO_FOLDER),
                                unit_source=CellRef(reader.display, sheet, f"{col['unit']}{row}")))
    return findings


def _check_photo(reader: RoundReader, name: str, cell: str) -> None:
    """A problem unless ``name`` is a usable image in the round's photo folder."""
    normal = unicodedata.normalize("NFKC", name)
    if any(ch in normal for ch in "/\\:") or ".." in normal:
        reader.fail(f"照片“{name}”只写文件名，不要写路径", schema.SHEET_FINDINGS, cell)
        return
    path = reader.source.path.parent / schema.PHOTO_FOLDER / name
    if not path.is_file():
        reader.fail(f"找不到照片“{name}”，请放在 {reader.display.rsplit('/', 1)[0]}/{schema.PHOTO_FOLDER}/ 中",
                    schema.SHEET_FINDINGS, cell)
        return
    problem = photo_problem(path)
    if problem:
        reader.fail(f"照片“{name}”{problem}", schema.SHEET_FINDINGS, cell)
