"""责任分解表: reading the office's task workbook, progress from the units, and reporter tasks."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from reporter.intake.deadlines import DeadlineError, parse_deadline
from reporter.intake.task_book import read_tasks
from reporter.model import DeadlineKind, Source, Unit
from reporter.intake.unitnames import UnitDirectory, split_names
from reporter.workspace import load_campaign, open_workspace
from tests.conftest import run, snapshot

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def example_tasks(ws: Path):
    campaign = load_campaign(open_workspace(ws))
    found = read_tasks(Source(ws / "inputs" / "责任分解表.xlsx", "inputs/责任分解表.xlsx"), campaign)
    assert found.problems == ()
    return campaign, found.value


# --- pure pieces ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, date", [
    ("2018年12月底前", DeadlineKind.DATE, dt.date(2018, 12, 31)),
    ("2019年2月底前", DeadlineKind.DATE, dt.date(2019, 2, 28)),
    ("2018年12月31日前", DeadlineKind.DATE, dt.date(2018, 12, 31)),
    ("2018-11-30", DeadlineKind.DATE, dt.date(2018, 11, 30)),
    (dt.datetime(2018, 10, 1), DeadlineKind.DATE, dt.date(2018, 10, 1)),
    ("长期坚持", DeadlineKind.ONGOING, None),
    ("持续推进", DeadlineKind.ONGOING, None),
    ("每月", DeadlineKind.MONTHLY, None),
    ("每季度", DeadlineKind.QUARTERLY, None),
])
def test_deadlines_in_practice(text, kind, date):
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.date) == (kind, date)


@pytest.mark.parametrize("text", ["", "年底", "2018年13月底前", "2018年2月30日前", "尽快", "12月底"])
def test_bad_deadlines(text):
    with pytest.raises(DeadlineError):
        parse_deadline(text)


def test_unit_names_are_split_and_suggested():
    assert split_names("区城管局、区住建局，团区委,区教育局;区卫健局；东城街道\n西城街道") == [
        "区城管局", "区住建局", "团区委", "区教育局", "区卫健局", "东城街道", "西城街道"]
    units = (Unit("BM03", "古塔区城市管理综合行政执法局", "城管执法局", "部门"), Unit("BM04", "古塔区住房和城乡建设局", "区住建局", "部门"))
    directory = UnitDirectory(units)
    assert directory.suggest("区城管局").code == "BM03"
    assert directory.suggest("住建局").code == "BM04"
    assert directory.suggest("完全无关") is None


# --- the example workspace ------------------------------------------------------------------

def test_example_has_about_forty_tasks(built_ws: Path):
    campaign, tasks = example_tasks(built_ws)
    assert 36 <= len(tasks) <= 45
    assert {t.category for t in tasks} == set(campaign.task_categories)
    assert all(t.leads for t in tasks)


def test_unit_forms_list_exactly_their_tasks(built_ws: Path):
    campaign, tasks = example_tasks(built_ws)
    assert len(campaign.units) >= 10
    for unit in campaign.units:
        wb = load_workbook(built_ws / "outputs" / "forms" / "2018-11" / f"{unit.short}.xlsx")
        mine = [t.id for t in tasks if unit.code in t.leads] + [t.id for t in tasks if unit.code in t.partners]
        if not mine:
            assert "任务进展" not in wb.sheetnames
            continue
        sheet = wb["任务进展"]
        ids = [sheet[f"H{r}"].value for r in range(3, sheet.max_row + 1) if sheet[f"H{r}"].value]  # not the sign lines
        assert ids == mine, unit.short
        check = next(dv for dv in sheet.data_validations.dataValidation if "F3" in dv.sqref)
        assert check.formula1 == '"已完成,推进中,未启动"'
        assert not sheet["F3"].protection.locked and sheet["C3"].protection.locked


def test_tasks_writes_the_breakdown_table(built_ws: Path):
    campaign, tasks = example_tasks(built_ws)
    document = docx.Document(built_ws / "outputs" / "责任分解表.docx")
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    table = document.tables[0]
    rows = table._tbl.findall(f"{W}tr")
    assert len(rows) == 1 + len(tasks)
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert [c.xpath("string(.)") for c in rows[0].findall(f"{W}tc")][:3] == ["类别", "序号", "创建标准/工作任务"]
    titles = [row.findall(f"{W}tc")[2].xpath("string(.)") for row in rows[1:]]
    assert titles == [t.title for t in tasks]
    # Every row carries its category (a merged cell would leave continuation pages without it).
    assert [row.findall(f"{W}tc")[0].xpath("string(.)") for row in rows[1:]] == [t.category for t in tasks]
    assert not table._tbl.xpath(".//w:vMerge")
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    widths = [int(g.get(f"{W}w")) for g in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == 12756  # the landscape type area, used in full


def test_each_unit_list_holds_exactly_its_tasks(built_ws: Path):
    campaign, tasks = example_tasks(built_ws)
    folder = built_ws / "outputs" / "任务清单"
    involved = [u for u in campaign.units if any(u.code in t.leads + t.partners for t in tasks)]
    assert involved and sorted(p.name for p in folder.iterdir()) == sorted(f"{u.short}.docx" for u in involved)
    for unit in involved:
        document = docx.Document(folder / f"{unit.short}.docx")
        assert document.paragraphs[0].text == f"{unit.name}任务清单"
        listed = [row.cells[2].text.replace("\n", "") for row in document.tables[0].rows[1:]]  # fitted lines joined
        leads = [t.title for t in tasks if unit.code in t.leads]
        partners = [t.title for t in tasks if unit.code in t.partners]
        assert listed == leads + partners, unit.short
        roles = [row.cells[4].text for row in document.tables[0].rows[1:]]
        assert roles == ["牵头"] * len(leads) + ["配合"] * len(partners)


def test_progress_workbook(built_ws: Path):
    campaign, tasks = example_tasks(built_ws)
    wb = load_workbook(built_ws / "outputs" / "任务推进情况.xlsx")
    assert wb.sheetnames == list(campaign.task_categories)
    total = 0
    verdicts = set()
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        total += len(rows)
        verdicts |= {r[8] for r in rows}
    assert total == len(tasks)
    assert verdicts <= {"已完成", "按时推进", "滞后", "逾期"} and "逾期" in verdicts and "已完成" in verdicts


# The task verdicts themselves (已完成, 按时推进, 滞后, 逾期) are tested in figures/test_progress.py;
# the Open XML validation of these documents is in test_validator.py (the same built_ws files).


# --- bad task workbooks ---------------------------------------------------------------------

def edit_task_cell(ws: Path, cell: str, value) -> None:
    path = ws / "inputs" / "责任分解表.xlsx"
    wb = load_workbook(path)
    wb["责任分解表"][cell].value = value
    wb.save(path)


@pytest.mark.parametrize("cell, value, words", [
    ("E3", "城管执法局", "是不是“古塔区城市管理综合行政执法局”"),
    ("F4", "东城街道、区住建委", "“区住建委”不是配置中的单位，是不是“古塔区住房和城乡建设局”"),
    ("H5", "年底前", "不是可识别的完成时限"),
    ("H6", "2018年11月31日前", "不是有效日期"),
    ("B4", 1, "序号 1 重复"),
    ("E7", None, "未填写牵头单位"),
    ("A17", "卫生", "不是配置的任务类别"),
    ("I8", "三十", "分值"),
])
def test_bad_task_cells_are_rejected_with_their_cell(example_ws: Path, cell, value, words):
    edit_task_cell(example_ws, cell, value)
    before = snapshot(example_ws / "outputs")
    result = run("tasks", "-w", str(example_ws))
    assert result.exit_code == 1
    line = next((l for l in result.output.splitlines() if l.startswith(f"inputs/责任分解表.xlsx:责任分解表!{cell}: ")), "")
    assert words in line, result.output
    assert snapshot(example_ws / "outputs") == before
    assert "Traceback" not in result.output


def test_bad_progress_state_is_rejected(example_ws: Path):
    path = example_ws / "inputs" / "2018-11" / "区城管局.xlsx"
    wb = load_workbook(path)
    wb["任务进展"]["F3"].value = "差不多了"
    wb.save(path)
    result = run("check", "-w", str(example_ws))
    assert result.exit_code == 1
    assert "inputs/2018-11/区城管局.xlsx:任务进展!F3: “差不多了”不是有效的进展状态" in result.output


def test_formula_like_text_stays_text(example_ws: Path):
    edit_task_cell(example_ws, "C3", '=HYPERLINK("http://x","y")')
    path = example_ws / "inputs" / "责任分解表.xlsx"
    wb = load_workbook(path)
    ws = wb["责任分解表"]
    ws["C3"].data_type = "s"  # as typed with a leading apostrophe in Excel
    wb.save(path)
    assert run("tasks", "-w", str(example_ws)).exit_code == 0
    sheet = load_workbook(example_ws / "outputs" / "任务推进情况.xlsx")["文明城"]
    assert sheet["B2"].value == '=HYPERLINK("http://x","y")' and sheet["B2"].data_type == "s"
    with zipfile.ZipFile(example_ws / "outputs" / "任务推进情况.xlsx") as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


# --- scale ---------------------------------------------------------------------------------

def big_workspace(example_ws: Path, units: int = 60, tasks: int = 200) -> Path:
    """The example workspace with ``units`` streets and ``tasks`` tasks, forms filled."""
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    extra = "".join(f'\n[[units]]\ncode = "X{i:03d}"\nname = "古塔区测试{i}号街道办事处"\nshort = "测试{i}号街道"\n'
                    f'type = "部门"\n' for i in range(units - 19))
    text = text.replace("# ── 责任分解表", extra + "\n# ── 责任分解表")
    config.write_text(text, encoding="utf-8")
    campaign = load_campaign(open_workspace(example_ws))
    path = example_ws / "inputs" / "责任分解表.xlsx"
    wb = load_workbook(path)
    ws = wb["责任分解表"]
    ws.delete_rows(3, ws.max_row)
    shorts = [u.short for u in campaign.units]
    for i in range(tasks):
        row = 3 + i
        category = campaign.task_categories[i * 3 // tasks]
        ws[f"A{row}"] = category
        ws[f"B{row}"] = i + 1
        ws[f"C{row}"] = f"任务{i + 1}：{'完善长效管理机制' * (1 + i % 3)}"
        ws[f"D{row}"] = "具体措施" * (1 + i % 5)
        ws[f"E{row}"] = shorts[i % len(shorts)]
        ws[f"F{row}"] = "、".join(shorts[(i + k) % len(shorts)] for k in (7, 13))
        ws[f"H{row}"] = "2018年12月底前" if i % 2 else "长期坚持"
    wb.save(path)
    for old in (example_ws / "inputs" / "2018-11").iterdir():
        old.unlink()
    return example_ws


def test_200_tasks_and_60_units_render_as_a_batch(example_ws: Path):
    ws = big_workspace(example_ws)
    result = run("tasks", "-w", str(ws))
    assert result.exit_code == 0, result.output
    assert "生成任务清单" in result.output
    document = docx.Document(ws / "outputs" / "责任分解表.docx")
    assert len(document.tables[0].rows) == 201
    lists = list((ws / "outputs" / "任务清单").iterdir())
    assert len(lists) == 60
    some = docx.Document(ws / "outputs" / "任务清单" / "测试5号街道.docx")
    assert re.search(r"牵头任务\d+项", some.paragraphs[1].text)


def test_an_empty_task_workbook_is_explained(example_ws: Path):
    path = example_ws / "inputs" / "责任分解表.xlsx"
    wb = load_workbook(path)
    wb["责任分解表"].delete_rows(3, wb["责任分解表"].max_row)
    wb.save(path)
    result = run("tasks", "-w", str(example_ws))
    assert result.exit_code == 1 and "责任分解表中还没有任务" in result.output


def test_task_errors_do_not_cascade_into_unit_forms(example_ws: Path):
    edit_task_cell(example_ws, "E3", "城管执法局")
    result = run("check", "-w", str(example_ws))
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "任务进展" in line] == []
