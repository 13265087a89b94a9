"""Every workbook reporter writes prints: A4, one page wide, header rows repeated, rows tall
enough for their wrapped text, page numbers; forms hide their code columns, never mention
the tool and carry sign lines; dates read 2018年11月5日. With LibreOffice, the printed page
counts are measured."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from reporter.cli import cli
from reporter.intake import schema
from reporter.intake.unit_form import read_submission
from reporter.model import Source
from reporter.publish.xlsx import (
    DATE_FORMAT,
    PAGE_FOOTER,
    PORTRAIT_WIDTH,
    line_height,
    set_up_printing,
    text_lines,
    visible_width,
)
from reporter.workspace import load_campaign, open_workspace
from tests.conftest import ROOT

# Pages the example prints on with LibreOffice 7.4 and reporter's fonts.conf (measured when
# this was written), with the counts before the page setup for comparison.
FORM_PAGES = 6  # each unit's form: 填报说明 1, 基本信息 1, 工作指标 1, 工作举措 2, 任务进展 1 (was 13)
SOURCES_PAGES = 12  # 工作情况汇报-数据来源.xlsx, one page wide (was 26, split by column)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace after forms, report, tasks and notice."""
    ws = tmp_path_factory.mktemp("printing") / "ws"
    for name in ("inputs", "templates"):
        shutil.copytree(ROOT / name, ws / name)
    for command in ("forms", "report", "tasks", "notice"):
        result = CliRunner().invoke(cli, [command, "-w", str(ws)])
        assert result.exit_code == 0, result.output
    return ws / "outputs"


def workbooks(outputs: Path) -> list[Path]:
    found = sorted(outputs.rglob("*.xlsx"))
    names = {p.name for p in found}
    assert {"东城街道.xlsx", "督查记录表.xlsx", "工作情况汇报-数据来源.xlsx", "任务推进情况.xlsx",
            "督查问题台账.xlsx"} <= names
    return found


def visible_sheets(path: Path) -> list[Worksheet]:
    wb = load_workbook(path)
    found = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert found, path.name
    return found


def forms(outputs: Path) -> list[Path]:
    found = sorted((outputs / "forms" / "2018-11").glob("*.xlsx"))
    assert schema.INSPECTION_MASTER_NAME in {p.name for p in found}
    return found


def unit_forms(outputs: Path) -> list[Path]:
    found = [p for p in forms(outputs) if p.name != schema.INSPECTION_MASTER_NAME]
    assert len(found) >= 10
    return found


# --- page setup ------------------------------------------------------------------------------

def test_every_visible_sheet_prints_one_page_wide_on_a4(outputs: Path):
    checked = 0
    for path in workbooks(outputs):
        for ws in visible_sheets(path):
            where = f"{path.name}:{ws.title}"
            setup = ws.page_setup
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), where
            assert str(setup.paperSize) == ws.PAPERSIZE_A4, where
            assert setup.orientation == ("landscape" if visible_width(ws) > PORTRAIT_WIDTH else "portrait"), where
            assert ws.oddFooter.center.text == PAGE_FOOTER and "&P" in PAGE_FOOTER and "&N" in PAGE_FOOTER, where
            margins = ws.page_margins
            assert 0.4 <= margins.left <= 0.8 and 0.4 <= margins.right <= 0.8, where
            assert margins.bottom > margins.footer > 0 and margins.top > margins.header > 0, where
            checked += 1
    assert checked >= 20 * 3


def test_header_rows_repeat_on_every_page(outputs: Path):
    """Every sheet with a table header (the row the view is frozen below) repeats it."""
    headed = 0
    for path in workbooks(outputs):
        for ws in visible_sheets(path):
            if ws.freeze_panes is None:
                assert ws.title in (schema.SHEET_GUIDE, schema.SHEET_INFO, schema.SHEET_ROUND), ws.title
                continue
            header = int(re.sub(r"[A-Z]", "", ws.freeze_panes)) - 1
            assert ws.print_title_rows == f"${header}:${header}", f"{path.name}:{ws.title}"
            headed += 1
    assert headed >= 19 * 2 + 1 + 2 + 3 + 1  # forms (工作指标, 工作举措, 任务进展), 督查记录, the rest


def test_rows_are_tall_enough_for_their_wrapped_text(outputs: Path):
    """LibreOffice and Excel do not grow a row written without a height: every row whose
    wrapped text takes more than one line has a height that holds it."""
    tall = 0
    for path in workbooks(outputs):
        for ws in visible_sheets(path):
            for row in ws.iter_rows():
                need = 0.0
                for cell in row:
                    if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                        continue
                    width = ws.column_dimensions[cell.column_letter].width
                    if ws.column_dimensions[cell.column_letter].hidden or any(
                            cell.coordinate in r for r in ws.merged_cells.ranges):
                        continue
                    size = cell.font.sz or 11
                    lines = text_lines(cell.value, width, size)
                    if lines > 1:
                        need = max(need, lines * line_height(size))
                if need:
                    height = ws.row_dimensions[row[0].row].height
                    assert height is not None and height >= need, f"{path.name}:{ws.title}!{row[0].row}"
                    tall += 1
    assert tall > 100


def test_the_guide_fits_a_portrait_page_in_one_column(outputs: Path):
    """LibreOffice does not shrink a single column wider than the paper: 填报说明 stays narrower."""
    for path in unit_forms(outputs):
        guide = load_workbook(path)[schema.SHEET_GUIDE]
        assert guide.column_dimensions["A"].width <= schema.GUIDE_WIDTH
        assert guide.page_setup.orientation == "portrait"
        assert all(guide.row_dimensions[r].height for r in range(3, guide.max_row + 1)
                   if guide[f"A{r}"].value)


def test_progress_book_and_ledger_print_without_file_paths(outputs: Path):
    for name, last in (("任务推进情况.xlsx", "K"), ("督查问题台账.xlsx", "M")):
        for ws in visible_sheets(outputs / name):
            assert ws[f"{chr(ord(last) + 1)}1"].value == "来源"
            assert ws.print_area is not None and f"$A$1:${last}$" in ws.print_area, ws.print_area


# --- forms -----------------------------------------------------------------------------------

def test_forms_hide_the_code_columns(outputs: Path):
    for path in unit_forms(outputs):
        wb = load_workbook(path)
        values = wb[schema.SHEET_VALUES]
        assert values.column_dimensions[schema.VALUE_CODE].hidden, path.name
        assert values[f"{schema.VALUE_CODE}{schema.TABLE_HEADER_ROW}"].value == "指标代码"
        assert values[f"{schema.VALUE_CODE}{schema.TABLE_FIRST_ROW}"].value  # still there to read back
        for letter in "ABCDE":
            assert not values.column_dimensions[letter].hidden
        if schema.SHEET_PROGRESS in wb.sheetnames:
            progress = wb[schema.SHEET_PROGRESS]
            assert progress.column_dimensions[schema.PROGRESS_ID].hidden, path.name
            assert progress[f"{schema.PROGRESS_ID}{schema.TABLE_FIRST_ROW}"].value
            assert not any(progress.column_dimensions[letter].hidden for letter in "ABCDEFG")


def _visible_texts(path: Path) -> list[str]:
    texts = []
    for ws in visible_sheets(path):
        texts += [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        for dv in ws.data_validations.dataValidation:
            texts += [t for t in (dv.prompt, dv.promptTitle, dv.error, dv.errorTitle) if t]
        texts += [part.text for hf in (ws.oddHeader, ws.oddFooter)
                  for part in (hf.left, hf.center, hf.right) if part.text]
    return texts


def test_forms_say_nothing_about_the_tool(outputs: Path):
    for path in forms(outputs):
        texts = _visible_texts(path)
        assert len(texts) > 20
        for text in texts:
            assert "reporter" not in text.lower() and "check" not in text.lower(), (path.name, text)
            assert "inputs/" not in text, (path.name, text)


def test_form_tables_end_with_sign_lines(outputs: Path):
    paths = unit_forms(outputs)
    signed = 0
    for path in paths:
        wb = load_workbook(path)
        assert schema.SHEET_VALUES in wb.sheetnames, path.name
        for name in (schema.SHEET_VALUES, schema.SHEET_NOTES, schema.SHEET_PROGRESS):
            if name not in wb.sheetnames:
                continue
            signed += 1
            ws = wb[name]
            lines = [ws[f"A{r}"].value for r in (ws.max_row - 1, ws.max_row)]
            assert tuple(lines) == schema.SIGN_LINES, (path.name, name)
            text = "".join(lines)
            for label in ("填报人：", "审核人：", "单位负责人（签字）：", "填报日期："):
                assert label in text
            assert ws[f"A{ws.max_row - 2}"].value is None  # one blank row between the table and them
            assert ws[f"A{ws.max_row - 1}"].protection.locked
            assert ws.row_dimensions[ws.max_row].height >= 24  # room to sign
    assert signed >= len(paths)


def test_filled_forms_with_sign_lines_read_back(outputs: Path):
    """The example's filled forms came from these forms: sign lines and hidden columns included."""
    campaign = load_campaign(open_workspace(outputs.parent))
    filled = sorted((outputs.parent / "inputs" / "2018-11").glob("*.xlsx"))
    assert len(filled) >= 10
    for path in filled:
        wb = load_workbook(path)
        assert wb[schema.SHEET_VALUES][f"A{wb[schema.SHEET_VALUES].max_row}"].value == schema.SIGN_LINES[1]
        found = read_submission(Source(path, path.name), campaign)
        assert found.problems == (), found.problems


def test_a_filled_sign_line_is_still_a_sign_line(example_ws: Path):
    """A unit that types its names after the labels is not told it wrote below the table."""
    path = example_ws / "inputs" / "2018-11" / "东城街道.xlsx"
    wb = load_workbook(path)
    ws = wb[schema.SHEET_VALUES]
    ws[f"A{ws.max_row - 1}"].value = "填报人：王芳　审核人：李强　单位负责人（签字）：张伟"
    ws[f"A{ws.max_row}"].value = "填报日期：2018年11月20日"
    wb.save(path)
    campaign = load_campaign(open_workspace(example_ws))
    assert read_submission(Source(path, path.name), campaign).problems == ()


def test_text_written_beside_a_sign_line_is_reported(example_ws: Path):
    path = example_ws / "inputs" / "2018-11" / "东城街道.xlsx"
    wb = load_workbook(path)
    ws = wb[schema.SHEET_VALUES]
    row = ws.max_row - 1
    ws[f"D{row}"].value = 99
    wb.save(path)
    campaign = load_campaign(open_workspace(example_ws))
    problems = read_submission(Source(path, path.name), campaign).problems
    assert [(p.sheet, p.cell) for p in problems] == [(schema.SHEET_VALUES, f"A{row}")]
    assert "多余内容" in problems[0].message


def test_inspection_form_prints_blank_rows_to_fill_in(outputs: Path):
    wb = load_workbook(outputs / "forms" / "2018-11" / schema.INSPECTION_MASTER_NAME)
    records = wb[schema.SHEET_FINDINGS]
    first = schema.TABLE_FIRST_ROW
    rows = range(first, first + schema.FINDING_PRINT_ROWS)
    for row in rows:
        assert records.row_dimensions[row].height == schema.FINDING_ROW_HEIGHT
        for col in schema.FINDING_COLUMNS:
            border = records[f"{col.letter}{row}"].border
            assert all(side.style == "thin" for side in (border.left, border.right, border.top, border.bottom))
    assert records.max_row == rows[-1]
    assert records.print_title_rows == f"${schema.TABLE_HEADER_ROW}:${schema.TABLE_HEADER_ROW}"
    assert records.page_setup.orientation == "landscape"
    for field in schema.FINDING_DATES:
        letter = schema.FINDING_FIELDS[field]
        assert records[f"{letter}{first}"].number_format == DATE_FORMAT
        assert records.column_dimensions[letter].number_format == DATE_FORMAT  # rows typed further down
    head = wb[schema.SHEET_ROUND]
    for key in schema.ROUND_DATES:
        assert head[f"B{schema.ROUND_ROWS[key][0]}"].number_format == DATE_FORMAT


# --- dates -----------------------------------------------------------------------------------

ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")


def test_dates_are_written_as_the_documents_write_them(outputs: Path):
    dates = texts = 0
    for path in workbooks(outputs):
        for ws in visible_sheets(path):
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, dt.datetime):
                        assert cell.number_format == DATE_FORMAT, f"{path.name}:{ws.title}!{cell.coordinate}"
                        dates += 1
                    elif isinstance(cell.value, str):
                        assert not ISO_DATE.search(cell.value), f"{path.name}:{ws.title}!{cell.coordinate}"
                        texts += 1
    assert dates >= 10 and texts >= 1000, (dates, texts)
    ledger = load_workbook(outputs / "督查问题台账.xlsx")["问题台账"]
    assert ledger["C2"].value == dt.datetime(2018, 11, 5) and ledger["C2"].number_format == DATE_FORMAT
    assert ledger["I2"].number_format == DATE_FORMAT
    assert "第1轮发现 2018年11月5日" in ledger["M2"].value
    info = load_workbook(outputs / "forms" / "2018-11" / "东城街道.xlsx")[schema.SHEET_INFO]
    assert info[f"B{schema.INFO_ROWS['filled_on'][0]}"].number_format == DATE_FORMAT


# --- the shared helper -----------------------------------------------------------------------

@pytest.mark.parametrize("text, width, lines", [
    ("", 10, 1),
    ("短", 10, 1),
    ("中" * 4, 9, 1),  # 8.4 units in 8.5
    ("中" * 5, 9, 2),
    ("0123456789", 11, 1),
    ("0" * 20, 11, 2),
    ("一行\n两行\n三行", 40, 3),
    ("inputs/2018-11/区联创办.xlsx:工作指标!D3", 46, 1),
    ("中" * 100, 21.5, 10),
])
def test_text_lines(text: str, width: float, lines: int):
    assert text_lines(text, width) == lines


def test_set_up_printing_chooses_the_orientation_and_sizes_rows():
    wb = Workbook()
    ws = wb.active
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 20, 40
    ws["A1"].value, ws["B1"].value = "标题", "中" * 50
    ws["B1"].alignment = Alignment(wrap_text=True)
    ws["A2"].value = "一行"
    set_up_printing(ws, header_row=1)
    assert ws.page_setup.orientation == "portrait" and ws.print_title_rows == "$1:$1"
    assert ws.row_dimensions[1].height == pytest.approx(3 * line_height() + 4, abs=0.1)
    assert ws.row_dimensions[2].height == pytest.approx(line_height() + 4, abs=0.1)
    ws.column_dimensions["C"].width = 60
    ws["C1"].value = "x"
    set_up_printing(ws, grow_only=True)
    assert ws.page_setup.orientation == "landscape"
    ws.column_dimensions["C"].hidden = True
    set_up_printing(ws)
    assert ws.page_setup.orientation == "portrait"


def test_grow_only_keeps_single_lines_automatic():
    wb = Workbook()
    ws = wb.active
    ws["A1"].value, ws["A2"].value = "短", "中" * 30
    ws["A2"].alignment = Alignment(wrap_text=True)
    set_up_printing(ws, grow_only=True)
    assert ws.row_dimensions[1].height is None and ws.row_dimensions[2].height > 30


# --- on paper (LibreOffice) ------------------------------------------------------------------

def _header_on_every_page(pdf: Path, first: str, last: str) -> None:
    """Every page shows the first and the last printed header: one page wide, header repeated."""
    pages = PdfReader(pdf).pages
    assert len(pages) >= 1, pdf.name
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert first in text and last in text, (pdf.name, number)


def _title_and_category_on_every_page(pdf: Path, title: str, categories: tuple[str, ...]) -> None:
    """Every page names the workbook and its sheet's category (a loose page still says what
    it is), and the pages of every category are there, in order."""
    shown = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        text = page.extract_text()
        found = [c for c in categories if f"{title}（{c}）" in text]
        assert len(found) == 1, (pdf.name, number, text[:80])
        shown.append(found[0])
    assert shown and sorted(set(shown), key=shown.index) == list(categories)
    assert shown == sorted(shown, key=categories.index)


@pytest.mark.libreoffice
def test_printed_pages(outputs: Path, tmp_path: Path, soffice: str):
    from reporter.publish.pdf import convert

    names = ["forms/2018-11/东城街道.xlsx", "forms/2018-11/区卫健局.xlsx", "forms/2018-11/督查记录表.xlsx", "工作情况汇报-数据来源.xlsx",
             "任务推进情况.xlsx", "督查问题台账.xlsx"]
    pdfs = {Path(n).stem: pdf for n, pdf in zip(names, convert([outputs / n for n in names], lambda _: tmp_path,
                                                                 workers=1, soffice=soffice))}
    pages = {name: PdfReader(pdf).pages for name, pdf in pdfs.items()}
    assert len(pages) == len(names) and all(len(found) >= 1 for found in pages.values())
    for name, found in pages.items():
        for page in found:
            width, height = sorted((float(page.mediabox.width), float(page.mediabox.height)))
            assert (round(width), round(height)) == (595, 842), name  # A4
    assert len(pages["东城街道"]) <= FORM_PAGES and len(pages["区卫健局"]) <= FORM_PAGES
    assert len(pages["督查记录表"]) == 2  # the round's head, and one page of rows to fill in
    assert len(pages["工作情况汇报-数据来源"]) <= SOURCES_PAGES
    assert "第 1 页，共" in pages["东城街道"][0].extract_text()
    _header_on_every_page(pdfs["工作情况汇报-数据来源"], "序号", "来源（文件:工作表!单元格）")
    _header_on_every_page(pdfs["任务推进情况"], "序号", "进展说明")
    _title_and_category_on_every_page(pdfs["任务推进情况"], "古塔区“三城联创”任务推进情况", ("文明城", "卫生城", "食安城"))
    _header_on_every_page(pdfs["督查问题台账"], "问题编号", "历次记录")
