"""汇总表.xlsx: every unit's figures of a period, one row per unit, for the office to look over
or pass on; a second sheet names the cell each figure was read from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from reporter.model import Campaign, Submission
from reporter.publish.xlsx import (
    TITLE_FONT,
    TableWriter,
    set_text,
    set_up_printing,
    workbook_bytes,
    write_header,
)

SHEET = "汇总表"
SOURCES_SHEET = "数据来源"
UNIT_WIDTH = 16
STATE_WIDTH = 12
FIGURE_WIDTH = 14


@dataclass(frozen=True)
class SummaryRow:
    """One unit's line: its state on the board (已报送, 未报 …) and its submission when read."""

    short: str
    state: str
    submission: Submission | None


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def summary_workbook_bytes(campaign: Campaign, rows: list[SummaryRow], stamp: dt.datetime) -> bytes:
    """The summary: title, a header of 单位, 状态 and each reported indicator with its measure,
    one row per unit in ``rows`` (blank where it reported nothing); 数据来源 lists each figure's
    file and cell."""
    indicators = [i for i in campaign.indicators if not i.is_derived and i.office_value is None]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    set_text(ws["A1"], f"{campaign.name}{campaign.period.label}各单位数据汇总表")
    ws["A1"].font = TITLE_FONT
    headers = [("单位", UNIT_WIDTH), ("状态", STATE_WIDTH)]
    headers += [(f"{i.name}（{i.measure}）", FIGURE_WIDTH) for i in indicators]
    write_header(ws, 2, headers)
    table = TableWriter(ws, first_row=3)
    sources = wb.create_sheet(SOURCES_SHEET)
    write_header(sources, 1, [("单位", UNIT_WIDTH), ("指标", 24), ("数值", FIGURE_WIDTH), ("来源单元格", 48)])
    source_table = TableWriter(sources, first_row=2)
    names = {i.code: i.name for i in indicators}
    for row in rows:
        values = {v.indicator_code: v for v in row.submission.values} if row.submission else {}
        table.add([row.short, row.state] + [_number(values[i.code].value) if i.code in values else None
                                            for i in indicators])
        for value in values.values():
            if value.indicator_code in names:
                source_table.add([row.short, names[value.indicator_code], _number(value.value), str(value.source)])
    set_up_printing(ws, header_row=2)
    set_up_printing(sources, header_row=1)
    return workbook_bytes(wb, stamp)
