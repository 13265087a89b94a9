"""Last period's values beside each figure of a unit's form, for reference only.

``reporter forms --period`` writes them in a locked column after the form's own columns; the
reader never looks at that column, so what a unit reports is only ever the 本期数值 column.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from reporter.intake import schema
from reporter.model import Campaign, Submission, Unit
from reporter.publish.xlsx import BODY_FONT, BORDER, CENTER, HEADER_FILL, set_text

PREVIOUS_COLUMN = schema.VALUE_COLUMNS.next_letter  # right of the form's own columns
PREVIOUS_WIDTH = 16


def previous_values(submissions: list[Submission]) -> dict[str, dict[str, Decimal]]:
    """Each unit's values of a period by indicator code, by unit code."""
    return {s.unit_code: {v.indicator_code: v.value for v in s.values} for s in submissions}


def add_previous_column(ws: Worksheet, campaign: Campaign, unit: Unit, label: str,
                        values: Mapping[str, Decimal]) -> None:
    """The column "<label>数值（仅供参考）" beside the 工作指标 table: the unit's value of each
    indicator in the previous period (blank where it reported none), locked like the names."""
    header = ws[f"{PREVIOUS_COLUMN}{schema.TABLE_HEADER_ROW}"]
    set_text(header, f"{label}数值（仅供参考）")
    header.border, header.font, header.fill, header.alignment = BORDER, BODY_FONT, HEADER_FILL, CENTER
    ws.column_dimensions[PREVIOUS_COLUMN].width = PREVIOUS_WIDTH
    for index, indicator in enumerate(campaign.indicators_for(unit)):
        cell = ws[f"{PREVIOUS_COLUMN}{schema.TABLE_FIRST_ROW + index}"]
        value = values.get(indicator.code)
        cell.value = None if value is None else (int(value) if value == value.to_integral_value() else float(value))
        cell.border, cell.font, cell.fill, cell.alignment = BORDER, BODY_FONT, HEADER_FILL, CENTER
        cell.number_format = "0" if indicator.decimals == 0 else "0.0###"
