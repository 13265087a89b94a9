"""Reading filled unit workbooks back into validated records.

``read_submission`` never stops at the first problem: it returns every problem it finds,
each addressed by file, sheet and cell, and a ``Submission`` only when there were none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reporter.intake import schema
from reporter.intake.container import Limits
from reporter.intake.extent import Area
from reporter.intake.sheets import SheetReader, SheetResult
from reporter.intake.values import CellValueError, clean_text, parse_date, parse_number, read_number
from reporter.publish.columns import Column, Table
from reporter.model import (
    TASK_STATES,
    Campaign,
    CellRef,
    IndicatorValue,
    Source,
    Submission,
    Task,
    TaskProgress,
    WorkNote,
)

MAX_ROWS = 5000
# What each sheet the reader reads may hold: 基本信息 its label and value columns, each table its columns.
AREAS = {
    schema.SHEET_INFO: Area(max(row for row, _label in schema.INFO_ROWS.values()), len(schema.INFO_COLUMNS)),
    # 工作指标 with one more column: last period's values a form for a period shows (read-only, never read).
    schema.SHEET_VALUES: Area(MAX_ROWS, len(schema.VALUE_COLUMNS) + 1),
    schema.SHEET_NOTES: Area(MAX_ROWS, len(schema.NOTE_COLUMNS)),
    schema.SHEET_PROGRESS: Area(MAX_ROWS, len(schema.PROGRESS_COLUMNS)),
}


class FormReader(SheetReader[Submission]):
    """Reads one unit's filled form (the workbook ``reporter forms`` wrote for it) into a
    ``Submission``; the tasks are the office's 责任分解表, for the 任务进展 sheet."""

    damaged = "无法读取，文件可能已损坏（{error}），请重新保存后报送"
    areas = AREAS

    def __init__(self, source: Source, campaign: Campaign, tasks: tuple[Task, ...] = (),
                 limits: Limits = Limits()):
        super().__init__(source, campaign, limits)
        self.tasks = tasks

    def identify(self) -> None:
        self.unit_code = _check_marker(self)

    def identify_by_name(self) -> None:
        # Forms are sent out named after their unit (东城街道.xlsx).
        unit = self.directory.find(self.display.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        self.unit_code = unit.code if unit else None

    def read_workbook(self, wb: Workbook) -> Submission | None:
        self.unit_code = _check_marker(self)
        if self.unit_code is None:
            return None
        _check_sheets(self)
        if self.problems:
            return None
        unit_code = self.unit_code
        filled_by, phone, filled_on = _read_info(self, unit_code)
        values = _read_values(self, unit_code)
        notes = _read_notes(self, unit_code)
        progress = _read_progress(self, unit_code, self.tasks)
        if self.problems:
            return None
        return Submission(unit_code, self.display, filled_by, phone, filled_on, tuple(values), tuple(notes),
                          tuple(progress))


def read_submission(source: Source, campaign: Campaign, tasks: tuple[Task, ...] = (),
                    limits: Limits = Limits()) -> SheetResult[Submission]:
    """Read and validate a unit's workbook; ``tasks`` are the office's 责任分解表.

    The result names the unit whenever the form's marker was recognised, and holds a
    ``Submission`` only when the workbook had no problem.
    """
    return FormReader(source, campaign, tasks, limits).read()


def _check_marker(reader: FormReader) -> str | None:
    """The unit code from the hidden version marker, after checking it belongs to this period."""
    wb, campaign = reader.wb, reader.campaign
    foreign = "不是本系统下发的填报表（缺少版本标记），请使用办公室下发的本期填报表重新填写"
    if schema.SHEET_META not in wb.sheetnames:
        reader.fail(foreign)
        return None
    ws = wb[schema.SHEET_META]
    marker = {key: ws[schema.META_COLUMNS.cell("value", row)].value for key, row in schema.META_ROWS.items()}
    if marker["kind"] != schema.FORM_KIND:
        reader.fail(foreign)
        return None
    if str(marker["version"]) != str(schema.FORM_VERSION):
        reader.fail(f"填报表格式版本为 {marker['version']}，当前为 {schema.FORM_VERSION}，"
                    "是旧版填报表，请使用本期下发的填报表重新填写")
        return None
    if marker["campaign"] != campaign.code:
        reader.fail(f"这是另一项活动（{marker['campaign']}）的填报表，不属于“{campaign.name}”，请核对文件")
        return None
    if marker["period"] != campaign.period.key:
        reader.fail(f"这是 {marker['period']} 期的填报表，本期为 {campaign.period.label}，"
                    "请使用本期下发的填报表")
        return None
    if marker["unit"] not in {u.code for u in campaign.units}:
        reader.fail(f"单位代码“{marker['unit']}”不在配置的单位名单中，请联系办公室核对")
        return None
    return marker["unit"]


def _check_sheets(reader: FormReader) -> None:
    wb = reader.wb
    expected = set(schema.DATA_SHEETS) | {schema.SHEET_META, schema.SHEET_PROGRESS}
    strangers = [name for name in wb.sheetnames if name not in expected]
    for name in schema.DATA_SHEETS:
        if name not in wb.sheetnames:
            hint = f"（工作表“{strangers[0]}”是否由它改名而来？请改回“{name}”）" if strangers else \
                "（请使用办公室下发的填报表）"
            reader.fail(f"缺少工作表“{name}”{hint}")
    for ws in wb.worksheets:
        if ws.title != schema.SHEET_META and ws.sheet_state != "visible":
            reader.fail("工作表被隐藏，请在 Excel 或 WPS 中取消隐藏并确认内容后再报送", ws.title)


def _merged_in(ws: Worksheet, first_row: int) -> list[str]:
    return [str(r) for r in ws.merged_cells.ranges if r.max_row >= first_row]


def _read_info(reader: FormReader, unit_code: str) -> tuple[str, str, dt.date | None]:
    ws = reader.wb[schema.SHEET_INFO]
    code_cell = schema.info_cell("code")
    if str(ws[code_cell].value or "").strip() != unit_code:
        reader.fail(f"单位代码被改成了“{ws[code_cell].value}”，应为“{unit_code}”，请勿修改灰色单元格",
                    ws.title, code_cell)
    _check_unit_name(reader, unit_code)
    texts = {}
    for key in ("filled_by", "phone"):
        cell, label = schema.info_cell(key), schema.INFO_ROWS[key][1]
        texts[key] = clean_text(reader.value(ws.title, cell))
        if not texts[key]:
            reader.fail(f"未填写{label}，请填写", ws.title, cell)
    date_cell = schema.info_cell("filled_on")
    filled_on = None
    try:
        filled_on = parse_date(reader.value(ws.title, date_cell))
    except CellValueError as e:
        reader.fail(f"填报日期{e}", ws.title, date_cell)
    return texts["filled_by"], texts["phone"], filled_on


def _check_unit_name(reader: FormReader, unit_code: str) -> None:
    """A problem when 基本信息's unit name is not the unit of the hidden marker (a unit that
    copied a neighbour's form and retyped the name)."""
    ws = reader.wb[schema.SHEET_INFO]
    unit = reader.campaign.unit(unit_code)
    cell = schema.info_cell("name")
    typed = clean_text(ws[cell].value)
    if not typed:
        reader.fail(f"单位名称被清除了，应为“{unit.name}”，请勿修改灰色单元格", ws.title, cell)
    elif reader.directory.find(typed) is not unit:
        reader.fail(f"单位名称填的是“{typed}”，但这份填报表是下发给“{unit.name}”的（隐藏标记为 {unit_code}）："
                    f"请“{typed}”使用本单位的填报表，不要复制其他单位的表；若确是{unit.short}的表，请把单位名称改回"
                    f"“{unit.name}”", ws.title, cell)


def _filled(ws: Worksheet, row: int, columns: Table) -> list[Column]:
    """The columns of ``columns`` holding something in ``row``."""
    return [col for col in columns if ws.cell(row=row, column=col.index).value not in (None, "")]


def _is_sign_line(ws: Worksheet, row: int, columns: Table) -> bool:
    """Whether ``row`` is one of the lines the printed table is signed on (text in its first column only)."""
    first = ws.cell(row=row, column=columns.first.index).value
    return (isinstance(first, str) and first.strip().startswith(schema.SIGN_LABELS)
            and _filled(ws, row, columns) == [columns.first])


def value_place(name: str, row: int) -> str:
    """How a message names the figure of an indicator: “清运垃圾”本期数值（第5行，D5）."""
    return f"“{name}”本期数值（第{row}行，{schema.VALUE_COLUMNS.cell('value', row)}）"


def _read_values(reader: FormReader, unit_code: str) -> list[IndicatorValue]:
    ws = reader.wb[schema.SHEET_VALUES]
    expected = {i.code: i for i in reader.campaign.indicators_for(reader.campaign.unit(unit_code))}
    for merged in _merged_in(ws, schema.TABLE_FIRST_ROW):
        reader.fail(f"单元格 {merged} 被合并，请取消合并，每个指标单独一行填写", ws.title,
                    merged.split(":")[0])
    table = schema.VALUE_COLUMNS
    rows: dict[str, int] = {}
    values: list[IndicatorValue] = []
    codes = {row: clean_text(ws[table.cell("code", row)].value)
             for row in range(schema.TABLE_FIRST_ROW, reader.last_row(ws.title) + 1)}
    last_coded = max((row for row, code in codes.items() if code), default=0)
    for row, code in codes.items():
        if not code:
            if _is_sign_line(ws, row, table):
                continue
            if _filled(ws, row, table):
                reader.fail("表格下方有多余内容，请删除（需要说明的情况写在对应指标的“说明”列）" if row > last_coded
                            else f"此行缺少指标代码（{table.letter('code')} 列被清除？），请勿改动指标名称和代码列",
                            ws.title, table.first.cell(row))
            continue
        if code not in expected:
            reader.fail(f"指标代码“{code}”不是本单位本期应填的指标，请勿改动指标名称和代码列",
                        ws.title, table.cell("code", row))
            continue
        if code in rows:
            reader.fail(f"指标“{expected[code].name}”出现了两次（另见第 {rows[code]} 行），请删除重复的行",
                        ws.title, table.cell("code", row))
            continue
        rows[code] = row
        address = table.cell("value", row)
        indicator = expected[code]
        raw = reader.value(ws.title, address)
        figure = value_place(indicator.name, row)
        try:
            if raw is None or (isinstance(raw, str) and not clean_text(raw)):
                raise CellValueError("未填写：请填写数字，本期没有的请填 0")
            found = read_number(raw, indicator.measure, indicator.decimals,
                                percent_cell=reader.shows_percent(ws.title, address))
        except CellValueError as e:
            reader.fail(f"{figure}：{e}", ws.title, address)
            continue
        number = found.value
        if found.notice:
            reader.tell(f"{figure}：{found.notice}", ws.title, address)
        note = clean_text(reader.value(ws.title, table.cell("note", row)))
        values.append(IndicatorValue(unit_code, code, number, CellRef(reader.display, ws.title, address), note))
    for code, indicator in expected.items():
        if code not in rows:
            reader.fail(f"缺少指标“{indicator.name}”所在的行（是否被删除？），请使用下发的填报表", ws.title)
    return values


def _read_notes(reader: FormReader, unit_code: str) -> list[WorkNote]:
    ws = reader.wb[schema.SHEET_NOTES]
    table = schema.NOTE_COLUMNS
    sections = {s.title: s.code for s in reader.campaign.sections}
    sections.update({s.code: s.code for s in reader.campaign.sections})
    last_row = schema.TABLE_FIRST_ROW + schema.NOTE_ROWS - 1
    for merged in _merged_in(ws, schema.TABLE_FIRST_ROW):
        reader.fail(f"单元格 {merged} 被合并，请取消合并，每条举措单独一行", ws.title, merged.split(":")[0])
    notes = []
    keys = ("section", "title", "text", "highlight", "order")
    for row in range(schema.TABLE_FIRST_ROW, reader.last_row(ws.title) + 1):
        found = reader.row_values(ws.title, (table.cell(key, row) for key in keys))
        if found is None:
            continue
        cells = dict(zip(keys, found))
        texts = {key: clean_text(value) for key, value in cells.items()}
        if not any(texts.values()):
            continue
        if row > last_row:
            reader.fail(f"超出填报区域（第 {schema.TABLE_FIRST_ROW}–{last_row} 行），请把内容移到表格内",
                        ws.title, table.first.cell(row))
            continue
        note = _note_from_row(reader, ws.title, row, unit_code, texts, cells["order"], sections)
        if note:
            notes.append(note)
    return notes


def _note_from_row(reader: FormReader, sheet: str, row: int, unit_code: str, texts: dict[str, str],
                   order_value: Any, sections: dict[str, str]) -> WorkNote | None:
    """The work note of one row of 工作举措; ``texts`` are its cells' texts by column key."""
    table = schema.NOTE_COLUMNS
    ok = True
    section = texts["section"]
    if not section:
        reader.fail("未选择所属部分，请从下拉列表中选择", sheet, table.cell("section", row))
        ok = False
    elif section not in sections:
        reader.fail(f"“{section}”不是汇报中的部分，请从下拉列表中选择", sheet, table.cell("section", row))
        ok = False
    text = texts["text"]
    if not text:
        reader.fail("未填写具体内容", sheet, table.cell("text", row))
        ok = False
    for key in ("title", "text"):
        if len(texts[key]) > schema.MAX_TEXT:
            reader.fail(f"内容过长（{len(texts[key])} 字），每条不超过 {schema.MAX_TEXT} 字，请分条填写",
                        sheet, table.cell(key, row))
            ok = False
    flag = texts["highlight"]
    if flag not in ("", schema.YES, schema.NO):
        reader.fail(f"“{flag}”应为“是”或“否”，请从下拉列表中选择", sheet, table.cell("highlight", row))
        ok = False
    order = None
    if texts["order"]:
        try:
            order = int(parse_number(order_value))
        except CellValueError as e:
            reader.fail(f"排序{e}", sheet, table.cell("order", row))
            ok = False
    if not ok:
        return None
    return WorkNote(unit_code, sections[section], text, CellRef(reader.display, sheet, table.cell("text", row)),
                    title=texts["title"], highlight=flag == schema.YES, order=order)


def _read_progress(reader: FormReader, unit_code: str, tasks: tuple[Task, ...]) -> list[TaskProgress]:
    """The unit's reports on the tasks it leads or shares (sheet 任务进展)."""
    own = {t.id: t for t in tasks if t.role_of(unit_code)}
    if not own:
        return []
    if schema.SHEET_PROGRESS not in reader.wb.sheetnames:
        reader.fail(f"缺少工作表“{schema.SHEET_PROGRESS}”：本单位有 {len(own)} 项任务，请使用本期下发的填报表")
        return []
    ws = reader.wb[schema.SHEET_PROGRESS]
    table = schema.PROGRESS_COLUMNS
    found: list[TaskProgress] = []
    rows: dict[str, int] = {}
    for row in range(schema.TABLE_FIRST_ROW, reader.last_row(ws.title) + 1):
        found_row = reader.row_values(ws.title, (table.cell(key, row) for key in ("id", "state", "note")))
        if found_row is None:
            continue
        task_id, state, note = (clean_text(value) for value in found_row)
        if not task_id:
            if state or note:
                reader.fail("此行没有任务编号，请勿增删行或改动任务编号列", ws.title, table.first.cell(row))
            continue
        if task_id not in own or task_id in rows:
            reader.fail(f"任务编号“{task_id}”不是本单位的任务或重复出现，请使用本期下发的填报表",
                        ws.title, table.cell("id", row))
            continue
        rows[task_id] = row
        address = table.cell("state", row)
        if state not in TASK_STATES:
            reader.fail(("未选择进展状态" if not state else f"“{state}”不是有效的进展状态") +
                        "，请从下拉列表中选择：" + "、".join(TASK_STATES), ws.title, address)
            continue
        found.append(TaskProgress(unit_code, task_id, state, note, CellRef(reader.display, ws.title, address)))
    return found
