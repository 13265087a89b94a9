"""The SheetReader base: one rule for formula cells in every workbook kind, one unit lookup with
suggestions, one guarded open and one result shape."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import reporter.intake.sheets as sheets_module
from reporter.intake.inspection_round import read_round
from reporter.intake.sheets import FULL_HINT, NO_RESULT, SheetReader, SheetResult
from reporter.intake.task_book import read_tasks
from reporter.intake.unit_form import read_submission
from reporter.model import Period, Source, Unit
from reporter.workspace import load_campaign, open_workspace
from reporter.workspace.defaults import campaign_with_defaults

UNITS = (
    Unit("JD01", "古塔区东城街道办事处", "东城街道", "街道"),
    Unit("BM03", "古塔区城市管理综合行政执法局", "区城管局", "部门"),
    Unit("BM04", "古塔区住房和城乡建设局", "区住建局", "部门"),
)
CAMPAIGN = campaign_with_defaults("test", "测试活动", "古塔区", "古塔区创建办", Period(2018, 11), UNITS)


class OneCell(SheetReader[object]):
    """A minimal reader: the value of 表!A1."""

    def read_workbook(self, wb):
        return self.value("表", "A1")


def one_cell_workbook(path: Path, value: object, cached: str | None = None) -> Path:
    """A workbook with ``value`` in 表!A1; a formula gets ``cached`` as its saved result."""
    wb = Workbook()
    wb.active.title = "表"
    wb.active["A1"] = value
    wb.save(path)
    if cached is not None:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet, count = re.subn(r"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", rf"\1<v>{cached}</v>", sheet)
        assert count == 1
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


def set_formula(path: Path, sheet: str, address: str) -> None:
    """Put a formula without a saved result (as programs write them) into one cell."""
    wb = load_workbook(path)
    wb[sheet][address] = "=1+1"
    wb.save(path)


# ── formula cells ─────────────────────────────────────────────────────────────

def test_a_formula_without_result_is_one_problem_at_its_cell_in_every_workbook_kind(example_ws: Path):
    """The unit form, the 责任分解表 and an inspection round report it with the same message,
    and nothing else about that cell (it would otherwise also read as empty)."""
    ws = open_workspace(example_ws)
    campaign = load_campaign(ws)
    kinds = [
        ("inputs/2018-11/东城街道.xlsx", "基本信息", "B6", lambda s: read_submission(s, campaign)),
        ("inputs/责任分解表.xlsx", "责任分解表", "C3", lambda s: read_tasks(s, campaign)),
        ("inputs/督查/第1轮督查.xlsx", "督查记录", "G3", lambda s: read_round(s, campaign)),
    ]
    lines = set()
    for relative, sheet, address, read in kinds:
        path = example_ws / relative
        set_formula(path, sheet, address)
        result = read(ws.source(path))
        assert [(p.sheet, p.cell, p.message) for p in result.problems] == [(sheet, address, NO_RESULT)], relative
        assert str(result.problems[0]) == f"{relative}:{sheet}!{address}: {NO_RESULT}"
        lines.add(str(result.problems[0]).split(": ", 1)[1])
    assert lines == {NO_RESULT}


def test_a_formula_without_result_is_no_task_and_no_finding(example_ws: Path):
    """The row holding it gives nothing, even where the reader keeps the other valid rows."""
    ws = open_workspace(example_ws)
    campaign = load_campaign(ws)
    tasks = example_ws / "inputs" / "责任分解表.xlsx"
    total = len(read_tasks(ws.source(tasks), campaign).value)
    set_formula(tasks, "责任分解表", "C3")
    found = read_tasks(ws.source(tasks), campaign)
    assert len(found.value) == total - 1
    assert all(t.source.cell != "A3" for t in found.value)


def test_a_formula_gives_the_result_excel_saved(tmp_path: Path):
    path = one_cell_workbook(tmp_path / "公式.xlsx", "=1+1", cached="2")
    result = OneCell(Source(path, "公式.xlsx"), CAMPAIGN).read()
    assert result == SheetResult(2, ())


def test_plain_values_are_read_as_they_are(tmp_path: Path):
    path = one_cell_workbook(tmp_path / "值.xlsx", "东城街道")
    assert OneCell(Source(path, "值.xlsx"), CAMPAIGN).read() == SheetResult("东城街道", ())


# ── unit lookup ───────────────────────────────────────────────────────────────

@pytest.fixture
def reader() -> SheetReader[object]:
    return SheetReader(Source(Path("单位.xlsx"), "inputs/单位.xlsx"), CAMPAIGN)


@pytest.mark.parametrize("name", [
    "古塔区城市管理综合行政执法局",  # full name
    "区城管局",  # short name
    "BM03",  # code
    "\u3000区城管局\u3000",  # full-width spaces around it (NFKC: spaces, then trimmed)
    "ＢＭ０３",  # full-width letters and digits (NFKC)
    " 古塔区城市管理综合行政执法局\n",
])
def test_units_are_found_by_full_name_short_name_code_and_nfkc_variants(reader, name):
    unit = reader.unit(name, "表", "D3")
    assert unit is not None and unit.code == "BM03"
    assert reader.problems == []


def test_a_near_miss_is_answered_with_the_nearest_unit(reader):
    assert reader.unit("东城街", "表", "D3") is None
    assert [str(p) for p in reader.problems] == ["inputs/单位.xlsx:表!D3: “东城街”不是配置中的单位，是不是“东城街道”？"]


def test_a_near_miss_can_be_answered_with_the_full_name(reader):
    reader.unit("住建委", "表", "E4", hint=FULL_HINT)
    assert reader.problems[0].message == "“住建委”不是配置中的单位，是不是“古塔区住房和城乡建设局”（区住建局）？"


def test_a_name_near_no_unit_gets_the_fallback(reader):
    reader.unit("完全无关", "表", "E4", otherwise="，请从下拉列表中选择")
    assert reader.problems[0].message == "“完全无关”不是配置中的单位，请从下拉列表中选择"


def test_several_names_in_one_cell_give_each_code_once(reader):
    codes = reader.unit_codes(["东城街道", "区城管局", "古塔区东城街道办事处", "区住建委"], "表", "F4")
    assert codes == ("JD01", "BM03")
    assert [(p.sheet, p.cell) for p in reader.problems] == [("表", "F4")]


# ── the guarded open and the result shape ────────────────────────────────────

def test_the_result_shape():
    fields = [f.name for f in dataclasses.fields(SheetResult)]
    assert fields == ["value", "problems", "unit_code", "notices"]
    result = SheetResult(value=None, problems=())
    assert result.unit_code is None and result.ok and result.notices == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = 1  # type: ignore[misc]


def test_a_refused_file_is_never_handed_to_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    opened: list[Path] = []
    monkeypatch.setattr(sheets_module, "open_workbook", lambda path, **kw: opened.append(path))
    path = tmp_path / "旧表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    for read in (lambda s: read_submission(s, CAMPAIGN), lambda s: read_tasks(s, CAMPAIGN),
                 lambda s: read_round(s, CAMPAIGN)):
        result = read(Source(path, "inputs/旧表.xls"))
        assert result.value is None and result.unit_code is None
        assert len(result.problems) == 1 and "Excel 97-2003" in str(result.problems[0])
        assert result.problems[0].sheet is None and result.problems[0].cell is None
    assert opened == []


def test_a_damaged_file_is_one_problem_in_each_readers_words(tmp_path: Path):
    path = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "不是 XML")
    source = Source(path, "inputs/坏.xlsx")
    unit_form = read_submission(source, CAMPAIGN)
    task_book = read_tasks(source, CAMPAIGN)
    assert unit_form.value is None and task_book.value is None
    assert unit_form.problems[0].message.startswith("无法读取，文件可能已损坏（")
    assert unit_form.problems[0].message.endswith("请重新保存后报送")  # units send their forms in
    assert task_book.problems[0].message.endswith("请重新保存")
