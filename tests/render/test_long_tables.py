"""Long tables laid out a row at a time (``long_tables``), the rendered XML made in pieces
(``Renderer._xml``) and the chart placed by parsing only its paragraphs (``chart``): each gives
the bytes of the path that holds the whole body as a tree, and falls back to that path where
it must."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml as docx_parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.table import CT_Row
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from reporter.documents.chart import CHART_MARKER
from reporter.model import CellMerge, ImageRef, Source
from reporter.printed import CLOSE, MIDDLE, OPEN, Marks
from reporter.render import chart as chart_module
from reporter.render import long_tables
from reporter.render import renderer as renderer_module
from reporter.render.chart import add_bar_chart
from reporter.render.fragments import Fragments
from reporter.render.measure import Styles, text_em
from reporter.render.package import serialize
from reporter.render.renderer import DocumentInfo, Renderer
from reporter.render.signature import DATE_STYLE, SIGNER_STYLE
from reporter.render.table_widths import SAMPLE_HEAD, SAMPLE_ROWS, sample_indices
from reporter.render.templates.blocks import BODY, TITLE, Column, Table, document_bytes
from tests.conftest import make_template
from tests.render.docx_parts import cell_lines, docx_with, grid, opened, part, parts, png, tables
from tests.render.samples import PORTRAIT, STREETS, sample_chart

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
INFO = DocumentInfo("长表", "办公室", dt.datetime(2018, 11, 26))
TREE_PATH = 10**9  # LONG_TABLE_ROWS for which no table is long: the whole-tree path
PADDING = 2 * 57 + 30  # the builder's cell margins and table_fit's slack, in twips

PROBLEMS = Table("问题", (
    Column("序号", "序号", "center"), Column("责任单位", "单位"), Column("问题描述", "问题"),
    Column("整改时限", "时限", "center"), Column("备注", "备注"),
))
FIXED = Table("简表", (("序号", "序号", 700), ("问题描述", "问题", 3000), ("整改时限", "时限", 1800)), fit=False)
PROSE = "主次干道、公共场所设置核心价值观公益广告，覆盖率达到100%"


def problem_rows(count: int) -> list[dict[str, str]]:
    """Rows of varied text: short names, lists of names, prose that wraps, dates, values of
    several lines ("\\n"), a tab, characters XML escapes and braces."""
    rows = []
    for i in range(count):
        note = ""
        if i % 7 == 3:
            note = "已整改\n待复查\n第三行"
        elif i % 11 == 5:
            note = "见附件\t二"
        elif i % 13 == 8:
            note = '含<标记>&"引号"与{{ 花括号 }}'
        rows.append({
            "序号": str(i + 1),
            "单位": STREETS[i % len(STREETS)] if i % 4 else "、".join(STREETS[: 1 + i % 5]),
            "问题": PROSE * (1 + i % 3) if i % 5 else "占道经营",
            "时限": "2018年12月31日前" if i % 2 else "长期坚持",
            "备注": note,
        })
    return rows


def template(tmp_path: Path, blocks: list[Any], name: str = "t.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(document_bytes(blocks, "长表"))
    return path


def edited(path: Path, change: Callable[[str], str]) -> Path:
    """The template at ``path`` with its document.xml changed by ``change`` (in place)."""
    with zipfile.ZipFile(path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files["word/document.xml"] = change(files["word/document.xml"].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)
    return path


class Paths:
    """Renders one document both ways, counting what the long-table path did."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.monkeypatch = monkeypatch
        self.taken: list[int] = []  # long tables taken out, per take_out call
        self.finished = 0  # long tables whose rows were finished outside the tree
        self.put_back = 0  # bodies whose long tables' rows were put back
        take_out, finish, put_back = long_tables.take_out, long_tables.LongTable.finish, long_tables.put_back

        def counted_take_out(text: bytes, styles: Styles) -> tuple[bytes, list[long_tables.LongTable]]:
            skeleton, found = take_out(text, styles)
            self.taken.append(len(found))
            return skeleton, found

        def counted_finish(table: long_tables.LongTable, work: Callable[..., None]) -> None:
            self.finished += 1
            finish(table, work)

        def counted_put_back(serialized: bytes, found: list[long_tables.LongTable]) -> bytes:
            self.put_back += 1
            return put_back(serialized, found)

        monkeypatch.setattr(long_tables, "take_out", counted_take_out)
        monkeypatch.setattr(long_tables.LongTable, "finish", counted_finish)
        monkeypatch.setattr(long_tables, "put_back", counted_put_back)

    def reset(self) -> None:
        self.taken, self.finished, self.put_back = [], 0, 0

    def streamed(self, renderer: Renderer, context: dict[str, Any], merges=(), **kwargs: Any) -> bytes:
        self.reset()
        return renderer.render(context, INFO, merges, **kwargs)

    def tree(self, renderer: Renderer, context: dict[str, Any], merges=(), **kwargs: Any) -> bytes:
        with self.monkeypatch.context() as patch:
            patch.setattr(long_tables, "LONG_TABLE_ROWS", TREE_PATH)
            return renderer.render(context, INFO, merges, **kwargs)


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> Paths:
    return Paths(monkeypatch)


def cant_split(row: etree._Element) -> bool:
    return row.find(f"{W}trPr/{W}cantSplit") is not None


def cell_widths(row: etree._Element) -> list[int]:
    return [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in row.findall(f"{W}tc")]


# --- long tables give the bytes of the whole-tree path ----------------------------------------

def test_long_fitted_and_fixed_tables_stream_to_the_bytes_of_the_tree(tmp_path: Path, paths: Paths):
    rows = problem_rows(600)
    rows[250]["问题"] = "逐项落实创建标准并建立台账，" * 300  # taller than a page: may break
    path = template(tmp_path, [(TITLE, "{{ 标题 }}"), (BODY, "前文"), PROBLEMS, (BODY, "中间"), FIXED, (BODY, "后文")])
    renderer = Renderer(Source(path, "t.docx"))
    context = {"标题": "问题清单", "问题": rows, "简表": rows[:450]}

    streamed = paths.streamed(renderer, context)
    assert paths.taken == [2] and paths.finished == 2 and paths.put_back == 1
    assert streamed == paths.tree(renderer, context)

    fitted, fixed = tables(streamed)
    body_rows = fitted.findall(f"{W}tr")
    assert len(body_rows) == 601 and len(fixed.findall(f"{W}tr")) == 451
    # The header repeats on every page; every other row is its own.
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in body_rows[:3]] == [True, False, False]
    assert sum(r.find(f"{W}trPr/{W}tblHeader") is not None for r in body_rows) == 1
    # Every row kept whole but the one taller than a page; every cell as wide as its column.
    assert [i for i, r in enumerate(body_rows) if not cant_split(r)] == [251]
    assert [i for i, r in enumerate(fixed.findall(f"{W}tr")) if not cant_split(r)] == [251]
    widths = grid(fitted)
    assert sum(widths) == PORTRAIT and len(widths) == 5
    assert all(cell_widths(r) == widths for r in body_rows)
    assert fitted.find(f"{W}tblPr/{W}tblW").get(f"{W}type") == "dxa"
    assert int(fitted.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == PORTRAIT
    assert grid(fixed) == [700, 3000, 1800]
    assert all(cell_widths(r) == [700, 3000, 1800] for r in fixed.findall(f"{W}tr"))
    # The text is all there, in order, line breaks, tabs and escaped characters included.
    table = opened(streamed).tables[0]
    assert [table.cell(r, 0).text for r in (1, 2, 600)] == ["1", "2", "600"]
    assert table.cell(4, 4).text == "已整改\n待复查\n第三行"
    assert table.cell(6, 4).text == "见附件\t二"
    assert table.cell(9, 4).text.replace("\n", "") == '含<标记>&"引号"与{{ 花括号 }}'  # broken where it wraps
    assert cell_lines(fitted, 4, 4) == ["已整改", "待复查", "第三行"]
    # Names and dates are broken between words only, never inside one.
    for index in range(1, 601):
        for line in cell_lines(fitted, index, 1):
            assert all(name in STREETS for name in line.rstrip("、").split("、")), line


def test_a_long_table_of_a_plain_python_docx_template(tmp_path: Path, paths: Paths):
    """A table drawn in Word (python-docx's default: no row marks, widths of its own) keeps
    its widths; its rows get the marks they lacked, the same either way."""
    path = make_template(tmp_path / "plain.docx", ["{{ 标题 }}"], table=[
        ["序号", "单位", "问题"], ["{%tr for r in 行 %}", "", ""],
        ["{{ r.序号 }}", "{{ r.单位 }}", "{{ r.问题 }}"], ["{%tr endfor %}", "", ""]])
    given = grid(part(path.read_bytes(), "word/document.xml").find(f"{W}body/{W}tbl"))
    renderer = Renderer(Source(path, "plain.docx"))
    context = {"标题": "表", "行": problem_rows(320)}
    streamed = paths.streamed(renderer, context)
    assert paths.finished == 1 and streamed == paths.tree(renderer, context)
    [table] = tables(streamed)
    assert grid(table) == given
    rows = table.findall(f"{W}tr")
    assert len(rows) == 321 and all(cant_split(r) for r in rows)
    assert all(cell_widths(r) == given for r in rows)


def test_a_table_just_long_enough_streams_and_one_row_shorter_does_not(tmp_path: Path, paths: Paths):
    path = template(tmp_path, [(TITLE, "表"), PROBLEMS])
    renderer = Renderer(Source(path, "t.docx"))
    limit = long_tables.LONG_TABLE_ROWS
    at_limit = {"问题": problem_rows(limit - 1)}  # with its header: exactly LONG_TABLE_ROWS rows
    streamed = paths.streamed(renderer, at_limit)
    assert paths.taken == [0] and paths.finished == 0
    assert streamed == paths.tree(renderer, at_limit)
    beyond = {"问题": problem_rows(limit)}
    streamed = paths.streamed(renderer, beyond)
    assert paths.taken == [1] and paths.finished == 1
    assert streamed == paths.tree(renderer, beyond)
    assert len(tables(streamed)[0].findall(f"{W}tr")) == limit + 1


def test_column_floors_come_from_every_row_not_only_the_sample(tmp_path: Path, paths: Paths):
    """Columns are sized from a sample of a long table's rows, but no word is broken for a row
    left out: the longest name of a row outside the sample still fits its column."""
    count = 1000
    left_out = next(i for i in range(SAMPLE_HEAD, count) if i not in set(sample_indices(count + 1)))
    rows = problem_rows(count)
    for row in rows:
        row["单位"] = "区城管局"
    name = "城市管理执法大队"  # one word of eight characters
    rows[left_out - 1]["单位"] = name  # table row left_out (the header is row 0)
    renderer = Renderer(Source(template(tmp_path, [(TITLE, "表"), PROBLEMS]), "t.docx"))
    streamed = paths.streamed(renderer, {"问题": rows})
    assert paths.finished == 1 and streamed == paths.tree(renderer, {"问题": rows})
    table = tables(streamed)[0]
    assert grid(table)[1] - PADDING >= text_em(name) * 240
    assert cell_lines(table, left_out, 1) == [name]
    # Without it, the column is narrower: the name is what widened it.
    for row in rows:
        row["单位"] = "区城管局"
    assert grid(tables(paths.streamed(renderer, {"问题": rows}))[0])[1] - PADDING < text_em(name) * 240


def test_a_column_loop_in_a_long_table(tmp_path: Path, paths: Paths):
    """Columns added by {%tc for %} are fitted from the rows read one at a time as from the tree."""
    document = docx.Document()
    document.add_paragraph("{{ 标题 }}")
    table = document.add_table(rows=4, cols=4)
    for column, text in enumerate(["序号", "{%tc for c in 列 %}", "{{ c }}", "{%tc endfor %}"]):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "{%tr for r in 行 %}"
    for column, text in enumerate(["{{ r.n }}", "{%tc for v in r.vs %}", "{{ v }}", "{%tc endfor %}"]):
        table.cell(2, column).text = text
    table.cell(3, 0).text = "{%tr endfor %}"
    path = tmp_path / "columns.docx"
    document.save(path)
    renderer = Renderer(Source(path, "columns.docx"))
    context = {"标题": "表", "列": ["一月", "二月", "三月", "四月", "五月"],
               "行": [{"n": str(i), "vs": [f"{i * j}处" for j in range(5)]} for i in range(260)]}
    streamed = paths.streamed(renderer, context)
    assert paths.finished == 1 and streamed == paths.tree(renderer, context)
    [fitted] = tables(streamed)
    assert len(grid(fitted)) == 6
    assert all(len(r.findall(f"{W}tc")) == 6 for r in fitted.findall(f"{W}tr"))


def test_a_merge_on_a_short_table_keeps_the_long_one_streamed(tmp_path: Path, paths: Paths):
    short = Table("小表", (Column("类别", "类别"), Column("事项", "事项")))
    path = template(tmp_path, [(TITLE, "表"), PROBLEMS, (BODY, "另表"), short])
    renderer = Renderer(Source(path, "t.docx"))
    context = {"问题": problem_rows(300), "小表": [{"类别": "甲", "事项": str(n)} for n in range(4)]}
    merges = (CellMerge(1, 0, 1, 3),)
    streamed = paths.streamed(renderer, context, merges)
    assert paths.finished == 1 and paths.put_back == 1
    assert streamed == paths.tree(renderer, context, merges)
    small = opened(streamed).tables[1]
    assert small.cell(1, 0)._tc is small.cell(3, 0)._tc and small.cell(4, 0)._tc is not small.cell(3, 0)._tc


# --- what keeps the whole-tree path -----------------------------------------------------------

def test_a_merge_on_the_long_table_keeps_the_tree_path(tmp_path: Path, paths: Paths):
    second = Table("二表", (Column("序号", "序号"), Column("问题描述", "问题")))
    path = template(tmp_path, [(TITLE, "表"), PROBLEMS, second])
    renderer = Renderer(Source(path, "t.docx"))
    context = {"问题": problem_rows(300), "二表": problem_rows(250)}
    merges = (CellMerge(1, 1, 2, 6),)
    streamed = paths.streamed(renderer, context, merges)
    assert paths.taken == [2] and paths.finished == 0 and paths.put_back == 0  # both tables in the tree
    assert streamed == paths.tree(renderer, context, merges)
    merged = opened(streamed).tables[1]
    assert merged.cell(2, 1)._tc is merged.cell(6, 1)._tc
    assert merged.cell(1, 1)._tc is not merged.cell(2, 1)._tc and merged.cell(7, 1)._tc is not merged.cell(6, 1)._tc
    assert all(cant_split(r) for r in tables(streamed)[1].findall(f"{W}tr"))


def test_a_picture_in_a_row_keeps_the_tree_path_and_drawings_are_numbered_in_order(tmp_path: Path, paths: Paths):
    with_picture = Table("问题", (Column("序号", "序号", "center"), Column("照片", "照片")))
    path = template(tmp_path, [(TITLE, "表"), (BODY, "{{ 图 }}"), with_picture, (BODY, "{{ 图 }}")])
    renderer = Renderer(Source(path, "t.docx"))
    photo = png(40, 20, "red")
    rows = [{"序号": str(i), "照片": ImageRef(20, data=photo) if i in (3, 280) else "无"} for i in range(300)]
    context = {"问题": rows, "图": ImageRef(30, data=photo)}
    streamed = paths.streamed(renderer, context)
    assert paths.taken == [0] and paths.finished == 0
    assert streamed == paths.tree(renderer, context)
    body = part(streamed, "word/document.xml")
    assert [d.get("id") for d in body.iter(f"{WP}docPr")] == ["1001", "1002", "1003", "1004"]
    assert len(opened(streamed).inline_shapes) == 4


def test_a_nested_table_keeps_the_tree_path(tmp_path: Path, paths: Paths):
    path = make_template(tmp_path / "nested.docx", ["表"], table=[
        ["序号", "详情"], ["{%tr for r in 行 %}", ""], ["{{ r.n }}", ""], ["{%tr endfor %}", ""]])
    document = docx.Document(path)
    inner = document.tables[0].cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "{{ r.甲 }}"
    inner.cell(0, 1).text = "{{ r.乙 }}"
    document.save(path)
    renderer = Renderer(Source(path, "nested.docx"))
    context = {"行": [{"n": str(i), "甲": "东城街道", "乙": PROSE} for i in range(260)]}
    streamed = paths.streamed(renderer, context)
    assert paths.taken == [0] and paths.finished == 0
    assert streamed == paths.tree(renderer, context)
    assert len(part(streamed, "word/document.xml").findall(f".//{W}tbl")) == 261


def test_a_signature_style_in_the_rows_keeps_the_tree_path(tmp_path: Path, paths: Paths):
    path = template(tmp_path, [(TITLE, "表"), PROBLEMS])
    document = docx.Document(path)
    document.tables[0].cell(2, 2).paragraphs[0].style = document.styles[SIGNER_STYLE]
    document.tables[0].cell(2, 3).paragraphs[0].style = document.styles[DATE_STYLE]
    document.save(path)
    renderer = Renderer(Source(path, "t.docx"))
    context = {"问题": problem_rows(300)}
    streamed = paths.streamed(renderer, context)
    assert paths.taken == [0] and paths.finished == 0
    assert streamed == paths.tree(renderer, context)
    # The 落款 pass saw the rows: each date, after its row's name, got its indent.
    dates = [p for p in part(streamed, "word/document.xml").iter(f"{W}p")
             if p.find(f"{W}pPr/{W}pStyle[@{W}val='{DATE_STYLE}']") is not None]
    assert len(dates) == 300 and all(p.find(f"{W}pPr/{W}ind") is not None for p in dates)


def test_content_controls_between_rows_keep_the_tree_path(tmp_path: Path, paths: Paths):
    path = template(tmp_path, [(TITLE, "表"), PROBLEMS, (BODY, "后")])

    def each_row_in_a_control(xml: str) -> str:
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", xml, re.DOTALL)
        looped = next(r for r in rows if "{{ 行.序号 }}" in r)
        return xml.replace(looped, f"<w:sdt><w:sdtPr/><w:sdtContent>{looped}</w:sdtContent></w:sdt>")

    renderer = Renderer(Source(edited(path, each_row_in_a_control), "t.docx"))
    context = {"问题": problem_rows(300)}
    streamed = paths.streamed(renderer, context)
    assert paths.taken == [0] and paths.finished == 0
    assert streamed == paths.tree(renderer, context)
    assert len(part(streamed, "word/document.xml").findall(f".//{W}sdt")) == 300


def test_a_long_table_inside_a_content_control_keeps_the_tree_path(tmp_path: Path, paths: Paths):
    path = edited(template(tmp_path, [(TITLE, "表"), PROBLEMS, (BODY, "后")]), lambda xml: xml.replace(
        "<w:tbl>", "<w:sdt><w:sdtPr/><w:sdtContent><w:tbl>").replace("</w:tbl>", "</w:tbl></w:sdtContent></w:sdt>"))
    renderer = Renderer(Source(path, "t.docx"))
    context = {"问题": problem_rows(300)}
    streamed = paths.streamed(renderer, context)
    assert paths.taken == [1] and paths.finished == 0 and paths.put_back == 0  # its shell is not in the body
    assert streamed == paths.tree(renderer, context)


def test_rows_that_do_not_parse_on_their_own_fall_back_to_the_tree(tmp_path: Path, paths: Paths):
    """A prefix declared on the table, not on the part's root, is unknown to a row parsed on
    its own: the fault is caught and the whole body parsed instead."""
    def declared_on_the_table(xml: str) -> str:
        xml = xml.replace("<w:tbl>", '<w:tbl xmlns:x="urn:example">', 1)
        return re.sub(r"<w:tr([ >])", r'<w:tr x:mark="1"\1', xml)

    path = edited(template(tmp_path, [(TITLE, "表"), PROBLEMS]), declared_on_the_table)
    renderer = Renderer(Source(path, "t.docx"))
    context = {"问题": problem_rows(300)}
    streamed = paths.streamed(renderer, context)
    assert paths.taken == [1] and paths.put_back == 0
    assert streamed == paths.tree(renderer, context)
    rows = tables(streamed)[0].findall(f"{W}tr")
    assert len(rows) == 301 and all(r.get("{urn:example}mark") == "1" for r in rows)


def date_indent(data: bytes) -> etree._Element | None:
    """The w:ind of the document's 成文日期 paragraph."""
    [date] = [p for p in part(data, "word/document.xml").findall(f"{W}body/{W}p")
              if p.find(f"{W}pPr/{W}pStyle[@{W}val='{DATE_STYLE}']") is not None]
    return date.find(f"{W}pPr/{W}ind")


def test_a_signature_around_a_long_table_is_placed_as_in_the_tree(tmp_path: Path, paths: Paths):
    """In the tree, the paragraph right before the 成文日期 is the table's last cell, so the
    发文机关署名 before the table is not its 落款 and no indent is set; the streamed path must
    give the same bytes."""
    blocks = [(TITLE, "表"), (SIGNER_STYLE, "某某区创建文明城市工作领导小组办公室"), PROBLEMS, (DATE_STYLE, "2018年11月26日")]
    renderer = Renderer(Source(template(tmp_path, blocks), "t.docx"))
    context = {"问题": problem_rows(300)}
    streamed = paths.streamed(renderer, context)
    assert paths.finished == 1
    tree = paths.tree(renderer, context)
    assert date_indent(tree) is None
    short = {"问题": problem_rows(5)}
    assert date_indent(renderer.render(short, INFO)) is None  # a short table: the same
    assert streamed == tree


# --- long tables taken out of the text and put back (``take_out``, ``put_back``) -------------

def cell_xml(text: str, extra: str = "") -> str:
    """A cell of one paragraph: ``extra`` (XML) before the run holding ``text`` (escaped here)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (f'<w:tc><w:tcPr><w:tcW w:w="2400" w:type="dxa"/></w:tcPr>'
            f'<w:p>{extra}<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p></w:tc>')


def row_xml(texts: list[str], extra: str = "") -> str:
    """A row of one cell per text, ``extra`` in its first cell's paragraph."""
    cells = [cell_xml(text, extra if column == 0 else "") for column, text in enumerate(texts)]
    return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>"


def table_xml(rows: str) -> str:
    return ('<w:tbl><w:tblPr><w:tblW w:w="4800" w:type="dxa"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="2400"/><w:gridCol w:w="2400"/></w:tblGrid>' + rows + "</w:tbl>")


def paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def body_xml(*blocks: str) -> bytes:
    """A rendered main part holding ``blocks``, as the renderer hands it to ``take_out``."""
    return (f'<w:document {nsdecls("w")}><w:body>' + "".join(blocks) + "<w:sectPr/></w:body></w:document>").encode()


def texts(count: int, name: str) -> list[list[str]]:
    """The cell texts of ``count`` rows, with characters XML escapes."""
    return [[f"{name}{i}", f"第{i}行 <&>\"'"] for i in range(count)]


def rows_xml(rows: list[list[str]]) -> str:
    return "".join(row_xml(row) for row in rows)


def row_texts(row: long_tables.Row) -> list[str]:
    """The text of each cell of a measured row, its lines joined."""
    return ["\n".join(line for paragraph in cell.paragraphs for line in paragraph.lines) for cell in row.cells]


def placeholder(number: int) -> str:
    return f"<?reporter-rows {number}?>"


def test_long_tables_are_taken_out_and_put_back_as_they_were():
    long = long_tables.LONG_TABLE_ROWS + 1
    short, first, second = texts(3, "短"), texts(long, "甲"), texts(long + 40, "乙")
    before, between, after = paragraph_xml("前文"), paragraph_xml("中间"), paragraph_xml("后文")
    text = body_xml(before, table_xml(rows_xml(short)), between, table_xml(rows_xml(first)),
                    table_xml(rows_xml(second)), after)
    skeleton, found = long_tables.take_out(bytearray(text), Styles(None))
    # The short table keeps its rows; each long one leaves its shell around a placeholder.
    assert skeleton == body_xml(before, table_xml(rows_xml(short)), between, table_xml(placeholder(0)),
                                table_xml(placeholder(1)), after)
    assert [table.placeholder for table in found] == [b"<?reporter-rows 0?>", b"<?reporter-rows 1?>"]
    assert [table.number for table in found] == [0, 1]
    assert [table.count() for table in found] == [long, long + 40]
    # The rows read one at a time, in order, their text unescaped.
    assert [[row_texts(row) for row in table.measured()] for table in found] == [first, second]
    assert [row_texts(row) for row in found[0].measured()][7] == ["甲7", "第7行 <&>\"'"]
    seen: list[list[str]] = []
    for table in found:
        table.finish(lambda row: seen.append(row_texts(row)))
    assert seen == first + second
    assert [len(table.written) for table in found] == [long, long + 40]
    pieces = long_tables.put_back(skeleton, found)
    assert all(isinstance(piece, bytes) for piece in pieces)
    assert b"".join(pieces) == text
    assert all(table.text == b"" and table.written == [] for table in found)  # the tables let go


def test_long_rows_put_back_into_the_serialized_skeleton_give_the_bytes_of_the_tree():
    long = long_tables.LONG_TABLE_ROWS + 5
    text = body_xml(paragraph_xml("前文"), table_xml(rows_xml(texts(long, "甲"))), paragraph_xml("后文"))
    skeleton, found = long_tables.take_out(text, Styles(None))
    for table in found:
        table.finish(lambda row: None)
    assert b"".join(long_tables.put_back(serialize(docx_parse_xml(skeleton)), found)) == serialize(docx_parse_xml(text))


def test_a_lost_placeholder_is_an_error():
    long = long_tables.LONG_TABLE_ROWS + 1
    skeleton, found = long_tables.take_out(body_xml(table_xml(rows_xml(texts(long, "甲")))), Styles(None))
    for table in found:
        table.finish(lambda row: None)
    with pytest.raises(ValueError, match="placeholder of long table 0 lost"):
        long_tables.put_back(skeleton.replace(found[0].placeholder, b""), found)


def test_short_tables_only_give_nothing_to_put_back():
    rows = rows_xml(texts(long_tables.LONG_TABLE_ROWS, "甲"))  # not more than LONG_TABLE_ROWS rows
    assert long_tables.take_out(body_xml(paragraph_xml("前文"), table_xml(rows)), Styles(None)) == (b"", [])
    assert long_tables.take_out(body_xml(paragraph_xml("无表")), Styles(None)) == (b"", [])


NESTED_ROW = ("<w:tr><w:tc>" + table_xml(row_xml(["内", "表"])) + "<w:p/></w:tc>"
              + cell_xml("外") + "</w:tr>")
BOOKMARK = '<w:bookmarkStart w:id="0" w:name="书签"/>'


def with_row(extra: str) -> Callable[[list[str]], list[str]]:
    """The rows with the sixth holding ``extra`` in its first paragraph."""
    return lambda rows: rows[:5] + [row_xml(["五", "有它"], extra)] + rows[6:]


@pytest.mark.parametrize("change", [
    pytest.param(with_row("<w:r><w:drawing/></w:r>"), id="drawing"),
    pytest.param(with_row("<w:r><w:pict/></w:r>"), id="pict"),
    pytest.param(with_row(f'<w:pPr><w:pStyle w:val="{DATE_STYLE}"/></w:pPr>'), id="date-style"),
    pytest.param(with_row(f'<w:pPr><w:pStyle w:val="{SIGNER_STYLE}"/></w:pPr>'), id="signer-style"),
    pytest.param(lambda rows: rows[:5] + ["<w:tr/>"] + rows[6:], id="empty-row"),
    pytest.param(lambda rows: rows[:5] + [NESTED_ROW] + rows[6:], id="nested-table"),
    pytest.param(lambda rows: rows[:5] + [BOOKMARK] + rows[5:], id="bookmark-between-rows"),
    pytest.param(lambda rows: [*rows, BOOKMARK], id="bookmark-after-the-rows"),
])
def test_a_long_table_the_tree_must_see_is_not_taken_out(change: Callable[[list[str]], list[str]]):
    long = long_tables.LONG_TABLE_ROWS + 10
    kept = table_xml("".join(change([row_xml(row) for row in texts(long, "甲")])))
    assert long_tables.take_out(body_xml(paragraph_xml("前文"), kept), Styles(None)) == (b"", [])
    # Another long table of the same part is still taken out; this one stays as it is.
    other = table_xml(rows_xml(texts(long, "乙")))
    skeleton, found = long_tables.take_out(body_xml(kept, other), Styles(None))
    assert skeleton == body_xml(kept, table_xml(placeholder(0)))
    assert len(found) == 1 and found[0].count() == long


# --- which rows steer the sizing of a long table's columns (``sample_indices``) ----------------

@pytest.mark.parametrize("count", [0, 1, SAMPLE_HEAD, SAMPLE_ROWS - 1, SAMPLE_ROWS])
def test_a_table_of_up_to_sample_rows_is_sampled_whole(count: int):
    assert list(sample_indices(count)) == list(range(count))


@pytest.mark.parametrize("count", [SAMPLE_ROWS + 1, 279, 500, 999, 1000, 20000, 10**6])
def test_a_longer_table_is_sampled_from_its_head_and_evenly_to_its_last_row(count: int):
    chosen = list(sample_indices(count))
    assert len(chosen) == len(set(chosen)) == SAMPLE_ROWS
    assert chosen == sorted(chosen)
    assert chosen[:SAMPLE_HEAD + 1] == list(range(SAMPLE_HEAD + 1))
    assert chosen[-1] == count - 1
    # The rest spread evenly: each step the even one, rounded either way.
    even = (count - 1 - SAMPLE_HEAD) / (SAMPLE_ROWS - SAMPLE_HEAD - 1)
    steps = {b - a for a, b in zip(chosen[SAMPLE_HEAD:], chosen[SAMPLE_HEAD + 1:])}
    assert steps <= {int(even), int(even) + 1}


# --- pieces of a part parsed and written on their own (``Fragments``) -------------------------

FRAGMENT_ROWS = (
    f'<w:tr w14:paraId="00A1B2C3"><w:trPr><w:tblHeader/></w:trPr>{cell_xml("序号")}{cell_xml("问题")}</w:tr>',
    "<w:tr>" + cell_xml("1") + cell_xml('含<标记>&"引号"与{{ 花括号 }}') + "</w:tr>",
    '<w:tr><w:tc><w:p/></w:tc><w:tc><w:p xmlns:x="urn:example" x:mark="行"><w:r><w:t>局部</w:t></w:r></w:p></w:tc></w:tr>',
)
FRAGMENT_BODY = (
    '<w:p w14:paraId="1A2B3C4D" w14:textId="77777777"><w:r><w:t xml:space="preserve"> 前后有空格 </w:t></w:r></w:p>',
    ('<w:p><w:pPr><w:pStyle w:val="a&quot;b&lt;c&gt;&amp;\'d"/></w:pPr>'
     '<w:r><w:t>&lt;标记&gt; &amp; "引号" \'单引号\' 回车&#13;之后</w:t></w:r></w:p>'),
    "<w:p/>",
    '<w:p xmlns:x="urn:example" x:mark="1"><w:r><w:t>局部声明的前缀</w:t></w:r></w:p>',
    table_xml("".join(FRAGMENT_ROWS)),
    '<w:p><w:r><w:t>后文</w:t></w:r><w:r><w:tab/><w:t>&gt;</w:t></w:r></w:p>',
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
)
FRAGMENT_PART = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                 f'<w:document xmlns:w="{W_NS}" xmlns:w14="{W14_NS}" xmlns:mc="{MC_NS}" mc:Ignorable="w14">'
                 "<w:body>" + "".join(FRAGMENT_BODY) + "</w:body></w:document>").encode("utf-8")


def paragraphs_and_rows(xml: bytes) -> tuple[list[bytes], list[bytes]]:
    """Every paragraph and every row of ``xml`` (no text boxes, no nested tables), as its bytes."""
    paragraphs = re.findall(rb"<w:p(?:\s[^>]*)?/>|<w:p[\s>].*?</w:p>", xml, re.DOTALL)
    return paragraphs, re.findall(rb"<w:tr[\s>].*?</w:tr>", xml, re.DOTALL)


def written_back(fragments: Fragments, piece: bytes) -> bytes:
    return fragments.write(fragments.parse(piece))


def test_pieces_of_a_part_write_back_to_their_bytes_in_the_whole_part():
    # The part is exactly what writing it whole gives.
    assert serialize(docx_parse_xml(FRAGMENT_PART)) == FRAGMENT_PART
    fragments = Fragments(FRAGMENT_PART)
    paragraphs, rows = paragraphs_and_rows(FRAGMENT_PART)
    assert len(paragraphs) == len(etree.fromstring(FRAGMENT_PART).findall(f".//{W}p")) == 11
    assert len(rows) == 3
    for paragraph in paragraphs:
        assert isinstance(fragments.parse(paragraph)[0], CT_P)
        assert written_back(fragments, paragraph) == paragraph
    for row in rows:
        assert isinstance(fragments.parse(row)[0], CT_Row)
        assert written_back(fragments, row) == row
    pieces = [piece.encode("utf-8") for piece in FRAGMENT_BODY]
    for start in range(len(pieces)):  # the table, and runs of consecutive pieces
        for end in range(start + 1, len(pieces) + 1):
            run = b"".join(pieces[start:end])
            assert run in FRAGMENT_PART and written_back(fragments, run) == run
    assert len(fragments.parse(b"".join(pieces))) == len(pieces)
    holder = fragments.parse(pieces[1])
    assert holder[0].text == "<标记> & \"引号\" '单引号' 回车\r之后"  # the entities, read
    assert fragments.parse(b"") is not None and written_back(fragments, b"") == b""


def test_every_paragraph_and_row_of_a_rendered_document_writes_back_to_its_bytes(tmp_path: Path):
    blocks = [(TITLE, "{{ 标题 }}"), (BODY, "{{ 文 }}"), PROBLEMS, (SIGNER_STYLE, "办公室"), (DATE_STYLE, "2018年11月26日")]
    data = Renderer(Source(template(tmp_path, blocks), "t.docx")).render(
        {"标题": "问题<清单>", "文": "一\n二\t三 <&>\"'", "问题": problem_rows(40)}, INFO)
    xml = parts(data)["word/document.xml"]
    fragments = Fragments(xml)
    paragraphs, rows = paragraphs_and_rows(xml)
    assert len(paragraphs) == len(etree.fromstring(xml).findall(f".//{W}p")) and len(rows) == 41
    for piece in paragraphs:
        assert isinstance(fragments.parse(piece)[0], CT_P) and written_back(fragments, piece) == piece
    for piece in rows:
        assert isinstance(fragments.parse(piece)[0], CT_Row) and written_back(fragments, piece) == piece


# --- the rendered XML made in pieces (``Renderer._xml``) --------------------------------------

@contextmanager
def piece_chars(monkeypatch: pytest.MonkeyPatch, size: int) -> Iterator[list[int]]:
    """``Renderer._xml`` cutting its pieces at about ``size`` characters; yields the length of
    each piece of Jinja output as it is made (every part's)."""
    made: list[int] = []
    piece = Renderer._piece

    def counted(self: Renderer, output: str, marks: Marks | None) -> bytes:
        made.append(len(output))
        return piece(self, output, marks)

    with monkeypatch.context() as patch:
        patch.setattr(renderer_module, "PIECE_CHARS", size)
        patch.setattr(Renderer, "_piece", counted)
        yield made


SIZES = (1, 50, 333, 4096)


def looped_template(path: Path, paragraphs: list[str], cells: list[str], header: str) -> Path:
    """A template of ``paragraphs`` and a table whose rows are looped over ``行`` (``r``)."""
    width = len(cells)
    return make_template(path, paragraphs, header=header, table=[
        [f"列{n}" for n in range(width)], ["{%tr for r in 行 %}", *[""] * (width - 1)],
        cells, ["{%tr endfor %}", *[""] * (width - 1)]])


def test_the_xml_made_in_pieces_gives_the_bytes_of_one_piece(tmp_path: Path, paths: Paths, monkeypatch: pytest.MonkeyPatch):
    path = looped_template(tmp_path / "pieces.docx", [
        "{{ 标题 }}", "字面的{_{ 不是变量 }_}与{_% 不是标签 %_}",
        "{%p for x in 段落 %}", "第{{ x.n }}段：{{ x.文 }}", "{%p endfor %}", "尾声{{ 值 }}",
    ], ["{{ r.序号 }}", "{{ r.单位 }}", "{{ r.问题 }}", "{{ r.备注 }}"], "页眉{{ 标题 }}")
    renderer = Renderer(Source(path, "pieces.docx"))
    rows = problem_rows(240)
    context = {"标题": "分段<生成>", "值": "a<b>&c\"d'e\n{{ f }}\t{% g %}}",
               "段落": [{"n": i, "文": row["备注"] or row["问题"]} for i, row in enumerate(rows)], "行": rows[:210]}
    with piece_chars(monkeypatch, renderer_module.PIECE_CHARS) as made:
        whole = paths.streamed(renderer, context)
    assert paths.finished == 1  # the table is long: its rows are laid out one at a time
    once = len(made)
    for size in SIZES:
        with piece_chars(monkeypatch, size) as made:
            assert paths.streamed(renderer, context) == whole, size
        assert len(made) > once, size
    assert len(made) > 2 and max(made) < 4 * 4096
    document = opened(whole)
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["分段<生成>", "字面的{{ 不是变量 }}与{% 不是标签 %}"]
    assert len(texts) >= 243 and texts[2 + 4] == "第4段：" + rows[4]["问题"]
    assert texts[2 + 3] == "第3段：已整改\n待复查\n第三行" and texts[2 + 5] == "第5段：见附件\t二"
    assert texts[2 + 8] == '第8段：含<标记>&"引号"与{{ 花括号 }}'
    assert "尾声a<b>&c\"d'e\n{{ f }}\t{% g %}}" in texts
    assert document.sections[0].header.paragraphs[0].text == "页眉分段<生成>"
    table = document.tables[0]
    assert len(table.rows) == 211 and table.cell(4, 3).text == "已整改\n待复查\n第三行"
    assert table.cell(9, 3).text.replace("\n", "") == '含<标记>&"引号"与{{ 花括号 }}'  # broken where it wraps


def test_marks_report_the_same_whatever_the_size_of_the_pieces(tmp_path: Path, paths: Paths, monkeypatch: pytest.MonkeyPatch):
    path = looped_template(tmp_path / "marks.docx", [
        "共{{ 甲|replace('处','个') }}", "{%p for x in 段落 %}", "第{{ x }}段", "{%p endfor %}", "符号{{ 丙 }}",
    ], ["{{ r.n }}", "{{ r.数 }}"], "页眉{{ 丁 }}")
    renderer = Renderer(Source(path, "marks.docx"))
    symbols = '<&>"\'{{ }}'
    expected = sorted([(0, "12个"), *((1 + i, f"{i}项") for i in range(60)), (100, symbols),
                       *((1000 + i, f"{i}处") for i in range(230)), (5000, "页眉数")])
    results = []
    for size in (renderer_module.PIECE_CHARS, *SIZES):
        heard: list[tuple[int, str]] = []
        marks = Marks(lambda number, text, heard=heard: heard.append((number, text)))
        context = {"甲": marks.mark(0, "12处"), "段落": [marks.mark(1 + i, f"{i}项") for i in range(60)],
                   "丙": marks.mark(100, symbols), "丁": marks.mark(5000, "页眉数"),
                   "行": [{"n": str(i), "数": marks.mark(1000 + i, f"{i}处")} for i in range(230)]}
        with piece_chars(monkeypatch, size):
            data = paths.streamed(renderer, context, marks=marks)
        assert paths.finished == 1, size  # the marked rows are a long table's
        assert sorted(heard) == expected, size
        for name, content in parts(data).items():
            if name.endswith((".xml", ".rels")):
                assert not re.search(f"[{OPEN}{MIDDLE}{CLOSE}]", content.decode("utf-8")), (size, name)
        results.append((heard, data))
    assert all(result == results[0] for result in results)
    document = opened(results[0][1])
    assert document.paragraphs[0].text == "共12个" and document.paragraphs[-1].text == f"符号{symbols}"
    assert document.tables[0].cell(230, 1).text == "229处"


def test_a_mark_cut_apart_does_not_change_what_other_marks_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A template that slices a figure's text (``[:-13]`` drops its closing mark) leaves an
    opening mark alone: it is removed, and the next figure is still reported as printed."""
    path = make_template(tmp_path / "cut.docx", ["头{{ 甲[:-13] }}尾", "{%p for x in 段落 %}", "第{{ x }}段",
                                                 "{%p endfor %}", "乙是{{ 乙 }}"])
    renderer = Renderer(Source(path, "cut.docx"))
    reports, documents = [], []
    for size in (renderer_module.PIECE_CHARS, 50):
        heard: list[tuple[int, str]] = []
        marks = Marks(lambda number, text, heard=heard: heard.append((number, text)))
        context = {"甲": marks.mark(0, "12处"), "乙": marks.mark(1, "34项"), "段落": list(range(20))}
        with piece_chars(monkeypatch, size):
            documents.append(renderer.render(context, INFO, marks=marks))
        reports.append(heard)
    assert documents[0] == documents[1]
    assert [p.text for p in opened(documents[0]).paragraphs][::21] == ["头12处尾", "乙是34项"]
    assert reports[1] == [(1, "34项")]  # pieces cut between the two marks
    assert reports[0] == reports[1]


# --- the chart placed by parsing only its paragraphs ------------------------------------------

def document_xml(data: bytes) -> bytes:
    return parts(data)["word/document.xml"]


def top_paragraphs(xml: bytes) -> list[bytes]:
    return re.findall(rb"<w:p[ >].*?</w:p>", xml, re.DOTALL)


def whole_body(document: bytes, marker: bytes) -> list[tuple[int, int]]:
    """The spans the chart parses when paragraphs nest: the whole body."""
    return [(document.find(b"<w:body>"), document.rfind(b"</w:body>") + len(b"</w:body>"))]


def test_only_the_marker_paragraphs_change(monkeypatch: pytest.MonkeyPatch):
    texts = [f"第{i}段：{PROSE} &<>\"'" for i in range(150)]
    texts[40] = CHART_MARKER
    texts[90] = f"如图{CHART_MARKER}所示{CHART_MARKER}"
    source = docx_with(*texts)
    result = add_bar_chart(source, CHART_MARKER, sample_chart())
    before, after = top_paragraphs(document_xml(source)), top_paragraphs(document_xml(result))
    assert len(before) == len(after) == 150
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [40, 90]
    for index, charts in ((40, 1), (90, 2)):
        assert after[index].count(b"<w:drawing>") == charts and CHART_MARKER.encode() not in after[index]
    old, new = document_xml(source), document_xml(result)
    assert new.startswith(old[:old.index(before[0])]) and new.endswith(old[old.rindex(before[-1]) + len(before[-1]):])
    assert {"word/charts/chart1.xml", "word/charts/chart2.xml", "word/charts/chart3.xml"} <= set(parts(result))
    # The same bytes as parsing the whole body.
    monkeypatch.setattr(chart_module, "_marked_paragraphs", whole_body)
    assert add_bar_chart(source, CHART_MARKER, sample_chart()) == result


def text_box(text: str) -> str:
    return (f'<w:r {nsdecls("w")} xmlns:v="{V_NS}"><w:pict><v:shape style="width:200pt;height:80pt"><v:textbox>'
            f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
            '</v:textbox></v:shape></w:pict></w:r>')


def docx_with_text_boxes(*paragraphs: tuple[str, str, str]) -> bytes:
    """Paragraphs of (text before, text in a text box, text after); no box when its text is empty."""
    document = docx.Document()
    for before, boxed, after in paragraphs:
        paragraph = document.add_paragraph(before)
        if boxed:
            paragraph._p.append(docx_parse_xml(text_box(boxed)))
        if after:
            paragraph.add_run(after)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("boxes, charts", [
    pytest.param([("前文", "", ""), ("", f"框内{CHART_MARKER}", f"框后{CHART_MARKER}"), ("后文", "", "")], 2,
                 id="marker-after-a-text-box"),
    pytest.param([("前文", "", ""), (CHART_MARKER, "框内文字", ""), ("后文", "", "")], 1,
                 id="marker-before-a-text-box"),
    pytest.param([("前文", "", ""), ("", "框内文字", ""), ("", "", CHART_MARKER)], 1,
                 id="text-box-elsewhere"),
    pytest.param([("前文", f"框内{CHART_MARKER}", ""), ("后文", "", "")], 1,
                 id="marker-in-a-text-box"),
])
def test_a_marker_near_nested_paragraphs_still_gets_its_chart(monkeypatch: pytest.MonkeyPatch, boxes, charts: int):
    source = docx_with_text_boxes(*boxes)
    result = add_bar_chart(source, CHART_MARKER, sample_chart())
    xml = document_xml(result)
    assert CHART_MARKER.encode() not in xml
    assert xml.count(b"<w:drawing>") == charts
    assert len({c.get("id") for c in etree.fromstring(xml).iter(f"{WP}docPr")}) == charts
    assert {f"word/charts/chart{n}.xml" for n in range(1, charts + 1)} <= set(parts(result))
    assert etree.fromstring(xml).find(f"{W}body/{W}p/{W}r/{W}pict") is not None  # the boxes stay
    monkeypatch.setattr(chart_module, "_marked_paragraphs", whole_body)
    assert add_bar_chart(source, CHART_MARKER, sample_chart()) == result


def test_nested_paragraphs_around_the_marker_make_the_whole_body_parsed():
    boxed = document_xml(docx_with_text_boxes(("前文", "", ""), ("", "框内", CHART_MARKER)))
    body = (boxed.find(b"<w:body>"), boxed.rfind(b"</w:body>") + len(b"</w:body>"))
    assert chart_module._marked_paragraphs(boxed, CHART_MARKER.encode()) == [body]
    plain = document_xml(docx_with("前文", CHART_MARKER, "中间", f"再{CHART_MARKER}{CHART_MARKER}"))
    spans = chart_module._marked_paragraphs(plain, CHART_MARKER.encode())
    assert [plain[a:b] for a, b in spans] == [p for p in top_paragraphs(plain) if CHART_MARKER.encode() in p]
    assert chart_module._marked_paragraphs(plain, "不在文中".encode()) == []


def test_a_chart_in_a_rendered_document_with_a_long_table(tmp_path: Path):
    """The renderer's output (a long table streamed) takes the chart as any document does."""
    path = template(tmp_path, [(TITLE, "表"), (BODY, "{{ 图表 }}"), PROBLEMS, (BODY, "后文")])
    data = Renderer(Source(path, "t.docx")).render({"图表": CHART_MARKER, "问题": problem_rows(260)}, INFO)
    result = add_bar_chart(data, CHART_MARKER, sample_chart())
    before, after = top_paragraphs(document_xml(data)), top_paragraphs(document_xml(result))
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    assert b"<c:chart" in after[changed[0]] and CHART_MARKER.encode() in before[changed[0]]
    assert docx.Document(io.BytesIO(result)).tables[0].cell(260, 0).text == "260"
