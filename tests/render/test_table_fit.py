"""Tables laid out for the page when rendering: widths from the content that add up to the type
area, rows kept whole (but a row taller than a page), breaks between words, numbers centred."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from reporter.model import Source
from reporter.render.measure import line_count, text_em, words, wrap_words
from reporter.render.renderer import DocumentInfo, Renderer
from reporter.render.templates.blocks import TITLE, Column, Table, document_bytes
from tests.render.docx_parts import W, cell_lines, grid, opened, tables
from tests.render.samples import LANDSCAPE, PORTRAIT, STREETS

INFO = DocumentInfo("表", "办公室", dt.datetime(2018, 11, 26))


# --- measuring ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, width", [
    ("西城街道", 4), ("序号", 2), ("12", 1), ("1-01", 2), ("（配合单位）", 6),
    ("2018年12月", 5.75),  # ¼ em between CJK and digits, as Word and LibreOffice space them
    ("100%", 2.25), ("", 0),
])
def test_text_is_measured_in_ems(text, width):
    assert text_em(text) == width


@pytest.mark.parametrize("text, pieces", [
    ("创建标准/工作任务", ["创建标准/", "工作任务"]),
    ("责任单位（配合单位）", ["责任单位", "（配合单位）"]),
    ("东城街道、西城街道", ["东城街道、", "西城街道"]),
    ("2018年12月31日前", ["2018年12月31日前"]),  # a date is one word: it never wraps
    ("2018年12月底前", ["2018年12月底前"]),
    ("长期坚持", ["长期坚持"]),
])
def test_words_are_what_must_not_break(text, pieces):
    assert words(text) == pieces and "".join(pieces) == text


def test_lists_wrap_between_names_and_prose_between_characters():
    names = "、".join(STREETS[:5])
    assert wrap_words(names, 10) == ["东城街道、西城街道、", "南湖街道、北山街道、", "中心街道"]
    assert wrap_words(names, 3) is None  # a name longer than the line
    prose = "主次干道、公共场所设置核心价值观公益广告，覆盖率达到100%"
    assert wrap_words(prose, 10) is None
    assert line_count(prose, 10) == 3 and line_count(names, 10) == 3 and line_count("序号", 2) == 1


# --- tables rendered from a template ----------------------------------------------------------

def render(tmp_path: Path, table: Table, rows: list[dict[str, str]], landscape: bool = False) -> bytes:
    template = tmp_path / "table.docx"
    template.write_bytes(document_bytes([(TITLE, "表"), table], "表", landscape=landscape))
    return Renderer(Source(template, "table.docx")).render({"表格": rows}, INFO)


BREAKDOWN = Table("表格", (
    Column("类别", "类别", "center"), Column("序号", "序号", "center"), Column("创建标准/工作任务", "任务"),
    Column("具体措施", "措施"), Column("牵头单位", "牵头"), Column("责任单位（配合单位）", "责任"),
    Column("完成时限", "时限", "center"), Column("分值", "分值", "right"),
))


def breakdown_rows(count: int = 12) -> list[dict[str, str]]:
    return [{"类别": "文明城", "序号": str(i), "任务": "社会主义核心价值观宣传",
             "措施": "主次干道、公共场所设置核心价值观公益广告，覆盖率达到100%" * (1 + i % 3),
             "牵头": "区委宣传部", "责任": "、".join(STREETS[: 1 + i % 9]),
             "时限": "2018年12月31日前", "分值": str(i)} for i in range(1, count + 1)]


@pytest.mark.parametrize("landscape, text_width", [(True, LANDSCAPE), (False, PORTRAIT)])
def test_fitted_tables_fill_the_type_area_and_no_more(tmp_path: Path, landscape, text_width):
    table = tables(render(tmp_path, BREAKDOWN, breakdown_rows(), landscape))[0]
    widths = grid(table)
    assert sum(widths) == text_width
    for row in table.findall(f"{W}tr"):
        assert [int(c.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for c in row.findall(f"{W}tc")] == widths
    assert table.find(f"{W}tblPr/{W}tblW").get(f"{W}type") == "dxa"
    # The left border on the text margin: before Word 2013 the indent is measured to the text.
    assert table.find(f"{W}tblPr/{W}tblInd").get(f"{W}w") == "57"


def test_columns_are_sized_from_their_content(tmp_path: Path):
    table = tables(render(tmp_path, BREAKDOWN, breakdown_rows(), landscape=True))[0]
    widths = dict(zip(["类别", "序号", "任务", "措施", "牵头", "责任", "时限", "分值"], grid(table)))
    padding = 2 * 57 + 30
    assert widths["措施"] == max(widths.values())  # the longest text gets the most room
    assert widths["序号"] - padding >= 2 * 240 and widths["序号"] < widths["类别"] < widths["任务"]
    assert widths["牵头"] - padding >= text_em("区委宣传部") * 240  # one line
    assert widths["时限"] - padding >= text_em("2018年12月31日前") * 240


def test_header_words_and_names_are_never_broken(tmp_path: Path):
    table = tables(render(tmp_path, BREAKDOWN, breakdown_rows(), landscape=True))[0]
    assert cell_lines(table, 0, 2) in (["创建标准/工作任务"], ["创建标准/", "工作任务"])
    assert cell_lines(table, 0, 5) in (["责任单位（配合单位）"], ["责任单位", "（配合单位）"])
    for row in range(1, 13):
        lines = cell_lines(table, row, 5)
        for line in lines:
            assert all(name in STREETS for name in line.rstrip("、").split("、")), lines
        assert "".join(lines) == "、".join(STREETS[: 1 + row % 9])


def test_every_row_is_kept_whole_and_the_header_repeats(tmp_path: Path):
    table = tables(render(tmp_path, BREAKDOWN, breakdown_rows()))[0]
    rows = table.findall(f"{W}tr")
    assert len(rows) == 13
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])


def test_a_row_taller_than_a_page_may_break(tmp_path: Path):
    """The one exception to rows kept whole: Word cuts off a kept row taller than the page."""
    rows = breakdown_rows(3)
    rows[1]["措施"] = "逐项落实创建标准并建立台账，" * 300
    table = tables(render(tmp_path, BREAKDOWN, rows))[0]
    marks = [r.find(f"{W}trPr/{W}cantSplit") is not None for r in table.findall(f"{W}tr")]
    assert marks == [True, True, False, True]


def test_numbers_and_codes_are_aligned_as_the_columns_say(tmp_path: Path):
    document = opened(render(tmp_path, BREAKDOWN, breakdown_rows(2)))
    body = document.tables[0].rows[1].cells
    align = [c.paragraphs[0]._p.find(f"{W}pPr/{W}jc") for c in body]
    values = [a.get(f"{W}val") if a is not None else "left" for a in align]
    assert values == ["center", "center", "left", "left", "left", "left", "center", "right"]
    header = document.tables[0].rows[0].cells[0].paragraphs[0]
    assert header.style.name == "表头文字" and header.style.paragraph_format.alignment is not None


def test_columns_given_as_tuples_still_work(tmp_path: Path):
    """The builder's first form, (header, field, width), still builds a fitted table."""
    old = Table("表格", (("序号", "序号", 700), ("单位", "牵头", 3000), ("问题描述", "措施", 5145)))
    table = tables(render(tmp_path, old, breakdown_rows(3)))[0]
    assert sum(grid(table)) == PORTRAIT and len(grid(table)) == 3
    fixed = Table("表格", (("序号", "序号", 700), ("单位", "牵头", 3000)), fit=False)
    assert grid(tables(render(tmp_path, fixed, breakdown_rows(3)))[0]) == [700, 3000]


def test_a_table_of_fixed_widths_wider_than_the_page_is_scaled_down(tmp_path: Path):
    """A table the office drew itself keeps its proportions but never runs off the paper."""
    path = tmp_path / "own.docx"
    document = docx.Document()
    grid_table = document.add_table(rows=2, cols=3)
    grid_table.cell(0, 0).text = "{{ 甲 }}"
    document.save(path)
    widths_before = [int(c.get(f"{W}w")) for c in grid_table._tbl.tblGrid]
    for column in grid_table._tbl.tblGrid:
        column.set(f"{W}w", str(int(column.get(f"{W}w")) * 2))
    document.save(path)
    data = Renderer(Source(path, "own.docx")).render({"甲": "一"}, INFO)
    widths = grid(tables(data)[0])
    section = docx.Document(path).sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert sum(widths) <= text_width < 2 * sum(widths_before) and max(widths) - min(widths) <= 2
    # A table that fits is left as its author made it.
    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 0).text = "{{ 甲 }}"
    document.save(path)
    given = [int(c.get(f"{W}w")) for c in docx.Document(path).tables[0]._tbl.tblGrid]
    assert grid(tables(Renderer(Source(path, "own.docx")).render({"甲": "一"}, INFO))[0]) == given
