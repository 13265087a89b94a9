"""City-scale benchmark: ``make bench``.

Builds a synthetic workspace (500 units, 500 filled workbooks, a round of 5000 problems) in a
temporary folder and measures, side by side on this machine:

1. per-unit 整改通知书 per second: reporter's batch against the plain docxtpl loop;
2. PDF conversion: reporter pdf on 100 documents against one soffice call per document;
3. reporter check: milliseconds per workbook;
4. peak memory of each step.

Ends with one line per measurement: ``bench <name>: <figure> (target <target>) <PASS|BELOW>``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from openpyxl import load_workbook

from reporter.forms import schema
from reporter.forms.inspection import build_inspection_form
from reporter.forms.xlsxio import set_text, workbook_bytes
from reporter.workspace import load_campaign, open_workspace

ROOT = Path(__file__).resolve().parent.parent


def add_units(ws: Path, count: int) -> None:
    """Add synthetic departments to the workspace configuration until it has ``count`` units."""
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    existing = len(load_campaign(open_workspace(ws)).units)
    extra = "".join(f'\n[[units]]\ncode = "X{i:04d}"\nname = "古塔区测试{i}号单位"\nshort = "测试{i}号单位"\n'
                    f'type = "部门"\n' for i in range(1, count - existing + 1))
    config.write_text(text.replace("# ── 责任分解表", extra + "\n# ── 责任分解表", 1), encoding="utf-8")


def make_big_round(ws: Path, units: int = 500, problems: int = 5000) -> None:
    """A third inspection round over ``units`` units with ``problems`` problems."""
    if units > 19:
        add_units(ws, units)
    campaign = load_campaign(open_workspace(ws))
    wb = build_inspection_form(campaign)
    head = wb[schema.SHEET_ROUND]
    values = {"number": 3, "start": dt.date(2018, 11, 26), "end": dt.date(2018, 11, 30), "doc_seq": 13,
              "units": "全部", "points": units * 3, "issued": dt.date(2018, 12, 3), "report_by": dt.date(2018, 12, 10)}
    for key, (row, _label) in schema.ROUND_ROWS.items():
        head[f"B{row}"].value = values[key]
    sheet = wb[schema.SHEET_FINDINGS]
    photos = sorted(p.name for p in (ws / "inputs" / "督查" / schema.PHOTO_FOLDER).iterdir())
    categories = [c.name for c in campaign.inspection.categories]
    for index in range(problems):
        row = schema.TABLE_FIRST_ROW + index
        unit = campaign.units[index % len(campaign.units)]
        cells = {"number": f"3-{index + 1:04d}", "team": f"第{index % 6 + 1}组", "unit": unit.short,
                 "place": f"{unit.short}辖区第{index // len(campaign.units) + 1}处点位",
                 "category": categories[index % len(categories)], "description": "问题描述：" + "未按要求整改" * (1 + index % 3),
                 "photos": photos[index % len(photos)] if index % 4 == 0 else None,
                 "state": ("未整改", "整改中", "已整改")[index % 3]}
        for field, value in cells.items():
            set_text(sheet[f"{schema.FINDING_FIELDS[field]}{row}"], value)
        sheet[f"{schema.FINDING_FIELDS['date']}{row}"].value = dt.date(2018, 11, 26 + index % 5)
        sheet[f"{schema.FINDING_FIELDS['deadline']}{row}"].value = dt.date(2018, 12, 5)
    (ws / "inputs" / "督查" / "第3轮督查.xlsx").write_bytes(workbook_bytes(wb, dt.datetime(2018, 12, 3)))


def copy_example(target: Path) -> Path:
    """A copy of the example workspace's inputs and templates at ``target``."""
    for name in ("inputs", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


def fill_forms(ws: Path) -> None:
    """Give every synthetic unit a filled workbook (the example's 区商务局 form, re-addressed)."""
    campaign = load_campaign(open_workspace(ws))
    sample = ws / "inputs" / "2018-11" / "区商务局.xlsx"
    for unit in campaign.units:
        target = ws / "inputs" / "2018-11" / f"{unit.short}.xlsx"
        if target.exists():
            continue
        wb = load_workbook(sample)
        wb[schema.SHEET_META][f"B{schema.META_ROWS['unit']}"].value = unit.code
        wb[schema.SHEET_INFO]["B2"].value = unit.code
        wb.save(target)
