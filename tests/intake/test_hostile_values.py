"""Inputs people really send: random values in every sheet of every workbook type.

For each generated workbook, ``reporter check`` either accepts it or rejects it with
file/sheet/cell messages and exit 1, never a traceback; text it accepts reaches the
rendered documents intact. Under the ci hypothesis profile 300 unit forms, 100 task
workbooks and 100 inspection rounds per run; a quarter of that under dev (conftest.examples).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from reporter import pipeline
from reporter.intake.values import clean_text
from tests.conftest import copy_example, docx_cells, docx_paragraphs, examples, run

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
CJK = re.compile(r"[\u4e00-\u9fff]")
SPECIAL = ["R&D <b>“引号”</b>", "镕堃喆昇赟", "😀表情", "_x000B_换行", "=1+1", '=HYPERLINK("http://x","y")',
           "２７７０", "2,770", "两千", "-5", "1e9", "约2800", "x" * 3000, "a\nb\tc", "{{ 活动 }}", "{_{", "  ",
           "2018年11月20日", "2018-11-20", "11月20号", "是", "否", "已完成", "未整改", "1-01", "东城街道", "暴露垃圾"]
TEXT = st.one_of(st.sampled_from(SPECIAL),
                 st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
VALUES = st.one_of(TEXT, st.integers(-10**7, 10**13), st.floats(-1e9, 1e13, allow_nan=False),
                   st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)), st.booleans(), st.none())
SETTINGS = {"deadline": None, "derandomize": True, "database": None,
            "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def excel_text(value):
    """What Excel stores for text: control characters as _xHHHH_ escapes."""
    if isinstance(value, str):
        return CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)
    return value


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """The example workspace with one unit's workbook: each check reads only what is planted."""
    ws = copy_example(tmp_path_factory.mktemp("hostile"))
    for path in (ws / "inputs" / "2018-11").iterdir():
        if path.name != "区委宣传部.xlsx":
            path.unlink()
    return ws


class Planted:
    """Writes one mutated copy of a workbook, runs check, and restores the original."""

    def __init__(self, ws: Path, relative: str):
        self.ws, self.relative = ws, relative
        self.path = ws / relative
        self.original = self.path.read_bytes()

    def write(self, cells: list[tuple[str, str, object]], merge: str | None = None) -> None:
        wb = load_workbook(io.BytesIO(self.original))
        for sheet, address, value in cells:
            cell = wb[sheet][address]
            cell.value = excel_text(value)
            if isinstance(value, str) and value.startswith("=") and len(value) % 2:
                cell.data_type = "s"  # typed with a leading apostrophe: text, not a formula
        if merge:
            wb[cells[0][0]].merge_cells(merge)
        wb.save(self.path)

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def check(ws: Path, relative: str):
    result = run("check", "-w", ws)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        lines = [line for line in result.output.splitlines() if line.startswith("inputs/")]
        assert lines, result.output
        for line in lines:
            place, message = line.split(": ", 1)
            assert CJK.search(message), line
            assert re.fullmatch(r"inputs/[^:]+\.xlsx(:[^!]+!?[A-Z]*\d*)?", place), line
        # A change to the task workbook can make a unit's 任务进展 sheet the one to fix.
        assert any(line.startswith(relative) or "任务进展" in line for line in lines), result.output
    return result.exit_code == 0


VALID_SECTION = "二（一）文明城创建"


@settings(max_examples=examples(300), **SETTINGS)
@given(target=st.sampled_from([("基本信息", "B6"), ("基本信息", "B7"), ("基本信息", "B8"), ("工作指标", "D3"),
                               ("工作指标", "D5"), ("工作指标", "E4"), ("工作举措", "C5"), ("工作举措", "D5"),
                               ("工作举措", "E5"), ("工作举措", "F5"), ("任务进展", "F3"), ("任务进展", "G3")]),
       value=VALUES, section=st.booleans(), merge=st.booleans())
def test_unit_forms(workspace: Path, target, value, section, merge):
    relative = "inputs/2018-11/区委宣传部.xlsx"
    planted = Planted(workspace, relative)
    sheet, address = target
    cells = [(sheet, address, value)]
    if sheet == "工作举措" and section:
        cells.append((sheet, "B5", VALID_SECTION))
    try:
        planted.write(cells, merge=f"{address}:{address[0]}{int(address[1:]) + 1}" if merge else None)
        check(workspace, relative)
    finally:
        planted.restore()


@settings(max_examples=examples(100), **SETTINGS)
@given(column=st.sampled_from("ABCDEFGHIJ"), row=st.sampled_from([3, 4, 45]), value=VALUES)
def test_task_workbooks(workspace: Path, column, row, value):
    relative = "inputs/责任分解表.xlsx"
    planted = Planted(workspace, relative)
    try:
        planted.write([("责任分解表", f"{column}{row}", value)])
        check(workspace, relative)
    finally:
        planted.restore()


@settings(max_examples=examples(100), **SETTINGS)
@given(target=st.sampled_from([("督查记录", f"{c}3") for c in "ABCDEFGHIJKL"] + [("督查记录", "G15"),
                               ("督查轮次", "B2"), ("督查轮次", "B3"), ("督查轮次", "B6"), ("督查轮次", "B8")]),
       value=VALUES)
def test_inspection_rounds(workspace: Path, target, value):
    relative = "inputs/督查/第2轮督查.xlsx"
    planted = Planted(workspace, relative)
    try:
        planted.write([(target[0], target[1], value)])
        check(workspace, relative)
    finally:
        planted.restore()


# --- accepted text reaches the documents intact ---------------------------------------------------

NOTE = ("inputs/2018-11/区委宣传部.xlsx", "工作举措", "D5", [("工作举措", "B5", VALID_SECTION)])
TASK = ("inputs/责任分解表.xlsx", "责任分解表", "D3", [])
PROBLEM = ("inputs/督查/第2轮督查.xlsx", "督查记录", "G15", [])
# kind: (where its text is typed, how the documents are built, the document showing it, where)
DOCUMENTS = {
    "report": (NOTE, lambda ws: pipeline.build_report(ws, allow_missing=True), "工作情况汇报（草稿）.docx",
               docx_paragraphs),
    "tasks": (TASK, pipeline.build_tasks, "责任分解表.docx", docx_cells),
    "notice": (PROBLEM, pipeline.build_notice, "督查通报.docx", docx_cells),
}


def text_reaches(workspace: Path, kind: str, text) -> bool:
    """Plant ``text`` where ``kind``'s document shows it; when check accepts, build the document
    and look for the text. Whether it was built."""
    (relative, sheet, cell, more), build, document, texts = DOCUMENTS[kind]
    planted = Planted(workspace, relative)
    try:
        planted.write([(sheet, cell, text), *more])
        if check(workspace, relative) and clean_text(text):
            build(workspace)
            # Table cells may break a long text between words: compare without whitespace.
            shown = "".join("\n".join(texts(workspace / "outputs" / document)).split())
            assert "".join(clean_text(text).split()) in shown
            return True
        return False
    finally:
        planted.restore()


def texts_reach(workspace: Path, kind: str, full: int) -> None:
    """``examples(full)`` generated texts through ``text_reaches``: at least half of them must be
    accepted and rendered, so the property is not tested on nothing."""
    built = []

    @settings(max_examples=examples(full), **SETTINGS)
    @given(text=TEXT)
    def reaches(text):
        if text_reaches(workspace, kind, text):
            built.append(text)

    reaches()
    assert len(built) >= examples(full) // 2, built


def test_note_text_reaches_the_report(workspace: Path):
    texts_reach(workspace, "report", 40)


def test_task_text_reaches_the_table(workspace: Path):
    texts_reach(workspace, "tasks", 10)


def test_problem_text_reaches_the_notice(workspace: Path):
    texts_reach(workspace, "notice", 10)


# Every special text, and a sweep of the Basic Multilingual Plane and beyond, in one cell.
HOSTILE = " ".join(s for s in SPECIAL if len(s) < 100) + "\x01\x0b\x1f" + "".join(
    chr(c) for c in [*range(0x20, 0xD800, 97), *range(0xE000, 0xFFFE, 97), 0x1F600, 0x20000, 0x2A6D6])


@pytest.fixture(scope="module")
def hostile_documents(tmp_path_factory) -> dict[str, Path]:
    """The three documents built from the example with HOSTILE typed in a note, a task and a
    problem: kind -> the document."""
    ws = copy_example(tmp_path_factory.mktemp("hostile-documents"))
    for (relative, sheet, cell, more), _build, _document, _texts in DOCUMENTS.values():
        Planted(ws, relative).write([(sheet, cell, HOSTILE), *more])
    for kind, (place, build, _document, _texts) in DOCUMENTS.items():
        assert check(ws, place[0]), f"the hostile text in the {kind} input should be accepted"
        build(ws)
    return {kind: ws / "outputs" / document for kind, (_p, _b, document, _t) in DOCUMENTS.items()}


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_hostile_text_reaches_every_document(hostile_documents: dict[str, Path], kind: str):
    texts = DOCUMENTS[kind][3]
    assert clean_text(HOSTILE) in "\n".join(texts(hostile_documents[kind]))


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_rendered_documents_pass_the_validator(ooxml_validator, hostile_documents: dict[str, Path], kind: str):
    ooxml_validator(hostile_documents[kind])


# --- a value anywhere outside a form's area --------------------------------------------------------

STRAY_SHEETS = [("inputs/2018-11/区委宣传部.xlsx", sheet) for sheet in ("基本信息", "工作指标", "工作举措", "任务进展")] + [
    ("inputs/责任分解表.xlsx", "责任分解表"), ("inputs/督查/第2轮督查.xlsx", "督查记录"),
    ("inputs/督查/第2轮督查.xlsx", "督查轮次")]


@settings(max_examples=examples(60), **SETTINGS)
@given(target=st.sampled_from(STRAY_SHEETS), row=st.one_of(st.integers(1, 30), st.integers(1, 1048576)),
       column=st.one_of(st.integers(1, 30), st.integers(1, 16384)), value=VALUES)
def test_a_value_outside_the_area_is_named(workspace: Path, target, row, column, value):
    """A value typed anywhere outside the area a form reads is one problem naming its cell."""
    from openpyxl.utils import get_column_letter

    from reporter.intake.container import Limits
    from reporter.intake.inspection_round import round_areas
    from reporter.intake.task_book import AREAS as TASK_AREAS
    from reporter.intake.unit_form import AREAS as FORM_AREAS

    relative, sheet = target
    area = {**FORM_AREAS, **TASK_AREAS, **round_areas(Limits())}[sheet]  # 19 units: the usual limits
    assume(not area.holds(column, row) and value not in (None, ""))
    address = f"{get_column_letter(column)}{row}"
    planted = Planted(workspace, relative)
    try:
        planted.write([(sheet, address, value)])
        assert not check(workspace, relative)
        result = run("check", "-w", workspace)
        mine = [line for line in result.output.splitlines() if line.startswith(relative)]
        assert mine == [next(line for line in mine if line.startswith(f"{relative}:{sheet}!{address}: "))], mine
    finally:
        planted.restore()
