"""Tests of reporter.render.docstyle, page and styles: page setup, footers and styles of the GB/T 9704 format."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from reporter.render import page
from reporter.render.docstyle import (
    add_paragraph,
    new_document,
    set_col_widths,
    set_table_header_repeat,
)
from reporter.render.styles import set_run_fonts

STAMP = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)

PARAGRAPH_TEXTS = {
    "公文标题": "关于城市管理工作情况的汇报",
    "署名": "区城市管理局",
    "公文正文": "今年以来，我局围绕中心工作，拆除违法建设2770处。",
    "一级标题": "一、主要工作",
    "二级标题": "（一）以文明城创建为引领。",
    "三级标题": "1.强化源头管控。",
    "附注": "（联系人：张三，电话：12345678）",
    "抄送": "抄送：区委办，区政府办。",
}

# name: (eastAsia font, size in pt, bold)
EXPECTED_FONTS = {
    "Normal": ("仿宋_GB2312", 16, False),
    "公文标题": ("方正小标宋简体", 22, False),
    "公文正文": ("仿宋_GB2312", 16, False),
    "一级标题": ("黑体", 16, False),
    "二级标题": ("楷体_GB2312", 16, False),
    "三级标题": ("仿宋_GB2312", 16, True),
    "署名": ("楷体_GB2312", 16, False),
    "附注": ("仿宋_GB2312", 14, False),
    "抄送": ("仿宋_GB2312", 14, False),
    "表格文字": ("仿宋_GB2312", 12, False),
    "表头文字": ("黑体", 12, False),
    "页码": ("宋体", 14, False),
}


def build(tmp_path, name="doc.docx", landscape=False, stamp=STAMP):
    """Build a document using every style, save it and return the saved path."""
    doc = new_document(landscape=landscape, title="工作情况汇报", author="区城市管理局",
                       stamp=stamp)
    for style, text in PARAGRAPH_TEXTS.items():
        add_paragraph(doc, text, style)
    para = add_paragraph(doc, "一是", "公文正文")
    para.add_run("加强巡查。", style="强调")
    table = doc.add_table(rows=2, cols=3)
    set_col_widths(table, [1000, 2000, 3000])
    set_table_header_repeat(table.rows[0])
    for column, text in enumerate(["序号", "工作任务", "责任单位"]):
        table.cell(0, column).paragraphs[0].text = text
        table.cell(0, column).paragraphs[0].style = "表头文字"
        table.cell(1, column).paragraphs[0].text = str(column)
        table.cell(1, column).paragraphs[0].style = "表格文字"
    path = tmp_path / name
    doc.save(path)
    return path


def part_bytes(path, member):
    with zipfile.ZipFile(path) as archive:
        return archive.read(member)


def footer_text(paragraph):
    """Text of a footer paragraph with the field instruction shown as {PAGE}."""
    pieces = []
    for element in paragraph._p.iter(qn("w:t"), qn("w:instrText"), qn("w:fldChar")):
        if element.tag == qn("w:t"):
            pieces.append(element.text)
        elif element.tag == qn("w:instrText"):
            pieces.append("{" + element.text.strip() + "}")
        else:
            pieces.append("<" + element.get(qn("w:fldCharType")) + ">")
    return "".join(pieces)


def effective_ind(paragraph):
    ind = paragraph._p.pPr.find(qn("w:ind"))
    return {key.split("}")[1]: value for key, value in ind.attrib.items()}


def style_rpr(doc, name):
    return doc.styles[name].element.find(qn("w:rPr"))


def test_portrait_page_setup(tmp_path):
    doc = docx.Document(build(tmp_path))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin.twips, section.bottom_margin.twips,
               section.left_margin.twips, section.right_margin.twips)
    assert margins == (2098 - 142, 1984 + 142, 1587, 1474)  # see LEADING_OFFSET_TWIPS
    assert section.footer_distance.twips == 1247
    assert section.header_distance.twips == page.HEADER_TWIPS


def test_landscape_page_setup(tmp_path):
    doc = docx.Document(build(tmp_path, landscape=True))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)
    margins = (section.top_margin.twips, section.bottom_margin.twips,
               section.left_margin.twips, section.right_margin.twips)
    assert margins == (1587, 1474, 2098, 1984)
    assert section.footer_distance.twips == 1474 - page.FOOTER_OFFSET_TWIPS
    pg_sz = section._sectPr.find(qn("w:pgSz"))
    assert pg_sz.get(qn("w:orient")) == "landscape"


def test_even_and_odd_headers_in_settings(tmp_path):
    settings = part_bytes(build(tmp_path), "word/settings.xml").decode("utf-8")
    assert "<w:evenAndOddHeaders/>" in settings


def test_odd_and_even_footers(tmp_path):
    doc = docx.Document(build(tmp_path))
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    expected = "— <begin>{PAGE}<separate>1<end> —"

    odd = section.footer.paragraphs
    assert len(odd) == 1
    assert footer_text(odd[0]) == expected
    assert odd[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert effective_ind(odd[0]) == {"right": "280"}
    assert odd[0].style.name == "页码"

    even = section.even_page_footer.paragraphs
    assert len(even) == 1
    assert footer_text(even[0]) == expected
    assert even[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert effective_ind(even[0]) == {"left": "280"}
    assert even[0].style.name == "页码"

    # The dashes are U+2014 and the number font is 宋体 for Latin and Chinese alike.
    assert "\u2014 " in footer_text(odd[0])
    fonts = style_rpr(doc, "页码").find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia")} == {"宋体"}


@pytest.mark.parametrize("name", sorted(EXPECTED_FONTS))
def test_style_fonts(tmp_path, name):
    doc = docx.Document(build(tmp_path))
    east_asia, size_pt, bold = EXPECTED_FONTS[name]
    style = doc.styles[name]
    rpr = style_rpr(doc, name)
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == east_asia
    if name != "页码":
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
        assert fonts.get(qn("w:hAnsi")) == "Times New Roman"
    assert style.font.size.pt == size_pt
    assert bool(style.font.bold) is bold
    assert rpr.find(qn("w:color")) is None
    spacing = style.element.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:before")), spacing.get(qn("w:after"))) == ("0", "0")


def test_normal_line_and_character_spacing(tmp_path):
    doc = docx.Document(build(tmp_path))
    normal = doc.styles["Normal"]
    spacing = normal.element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "579"
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert normal.paragraph_format.line_spacing.twips == 579
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert style_rpr(doc, "Normal").find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert doc.styles["表格文字"].paragraph_format.line_spacing.twips == 360


def test_paragraph_layout_of_styles(tmp_path):
    doc = docx.Document(build(tmp_path))
    styles = doc.styles
    assert styles["公文标题"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["署名"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["表头文字"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["表头文字"].base_style.name == "表格文字"
    for name in ("公文正文", "一级标题", "二级标题", "三级标题"):
        ind = styles[name].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == "200"
        assert ind.get(qn("w:firstLine")) == "640"
    for name in ("附注", "抄送"):
        ind = styles[name].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:leftChars")) == "100"
        assert ind.get(qn("w:left")) == "280"
        assert ind.get(qn("w:firstLine")) == "0"
    for name, level in (("一级标题", "0"), ("二级标题", "1"), ("三级标题", "2")):
        outline = styles[name].element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == level
    assert styles["强调"].font.bold is True


def test_body_holds_only_styled_paragraphs(tmp_path):
    doc = docx.Document(build(tmp_path))
    used = [(p.style.name, p.text) for p in doc.paragraphs]
    assert used[: len(PARAGRAPH_TEXTS)] == list(PARAGRAPH_TEXTS.items())
    assert used[-1] == ("公文正文", "一是加强巡查。")


def test_table_helpers(tmp_path):
    doc = docx.Document(build(tmp_path))
    table = doc.tables[0]
    header_trpr = table.rows[0]._tr.trPr
    assert header_trpr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(
        qn("w:tblHeader")) is None
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [1000, 2000, 3000]
    assert [cell.width.twips for cell in table.rows[1].cells] == [1000, 2000, 3000]
    with pytest.raises(ValueError):
        set_col_widths(table, [1000])


def test_set_run_fonts_on_a_run():
    doc = new_document()
    run = add_paragraph(doc, "", "公文正文").add_run("2770处")
    set_run_fonts(run, "黑体", 15, bold=True)
    assert run.font.name == "Times New Roman"
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert run.font.size.pt == 15
    assert run.font.bold is True
    set_run_fonts(run, "黑体", 15, bold=None)
    assert run.font.bold is None
    with pytest.raises(TypeError):
        set_run_fonts("text", "黑体", 15)


def test_core_properties(tmp_path):
    doc = docx.Document(build(tmp_path))
    props = doc.core_properties
    assert props.title == "工作情况汇报"
    assert props.author == "区城市管理局"
    assert props.created == props.modified == props.last_printed == STAMP

    shifted = STAMP.astimezone(timezone(timedelta(hours=8)))
    local = new_document(stamp=shifted)
    assert local.core_properties.created == STAMP

    undated = docx.Document(build(tmp_path, name="undated.docx", stamp=None))
    assert undated.core_properties.created is None
    assert undated.core_properties.modified is None


def test_deterministic_output(tmp_path):
    first = build(tmp_path, name="first.docx")
    second = build(tmp_path, name="second.docx")
    for member in ("word/document.xml", "word/styles.xml", "word/settings.xml",
                   "word/footer1.xml", "word/footer2.xml", "docProps/core.xml"):
        assert part_bytes(first, member) == part_bytes(second, member), member
