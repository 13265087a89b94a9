"""Comparing a document's text with its PDF's text: the pure parts, without LibreOffice.

``missing_characters`` (publish) works on plain strings; ``docx_text`` (render) gives the
strings from a .docx; ``convert`` refuses to write a PDF it cannot read back.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from reporter.errors import EXIT_TOOL, InputError, ToolError
from reporter.publish.pdf import convert
from reporter.publish.pdftext import countable, missing_characters, page_texts
from reporter.render import docstyle, page
from reporter.render.docxtext import docx_text

# --- missing_characters --------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("调度会、推进会", "调度会、推进会"),
    (" 一 是\t加强\n领导 ", "一是加强领导"),
    ("全\u3000角\u00a0空格", "全角空格"),  # ideographic and no-break spaces
    ("软\u00ad连字\u200b符\ufeff", "软连字符"),  # soft hyphen, zero-width space, BOM
    ("2770处，15.58%", "2770处，15.58%"),
])
def test_countable_drops_whitespace_and_invisible_characters(text, expected):
    assert countable(text) == expected


def test_nothing_missing_when_every_character_is_there():
    expected = "一是加强创城战线统一领导。\n成立了领导小组。"
    pages = ["一是加强创城战线统一\n领导。成立了", "领导小组。\n— 1 —"]  # page number: extra text is fine
    missing = missing_characters(expected, pages)
    assert not missing and missing.by_page == {} and missing.describe() == ""


def test_order_and_line_breaks_do_not_matter():
    assert not missing_characters("甲乙丙，丁", ["丁，", "丙乙甲"])


def test_a_dropped_mark_is_placed_on_its_page():
    expected = "围绕创建工作召开各类调度会、推进会、联席会。" + "另起一段文字。" * 3 + "治理；全面落实。"
    pages = ["围绕创建工作召开各类调度会推进会、联席会。另起一段文字。",
             "另起一段文字。另起一段文字。治理全面落实。"]
    missing = missing_characters(expected, pages)
    assert missing.by_page == {1: "、", 2: "；"}
    assert missing.characters == "、；"
    assert missing.describe() == "第1页缺少字符“、”，第2页缺少字符“；”"


def test_characters_are_counted_not_just_seen():
    # One of two 、 is lost: a set comparison would not notice.
    missing = missing_characters("甲、乙、丙", ["甲、乙丙"])
    assert missing.characters == "、" and missing.by_page == {1: "、"}


def test_a_mark_lost_after_the_last_character_of_a_page_belongs_to_that_page():
    missing = missing_characters("第一页末尾；第二页开头", ["第一页末尾", "第二页开头"])
    assert missing.by_page == {1: "；"}


def test_several_on_one_page_in_document_order():
    missing = missing_characters("甲。乙；丙：丁", ["甲乙丙丁"])
    assert missing.describe() == "第1页缺少字符“。”“；”“：”"


def test_without_pages_the_document_is_named():
    missing = missing_characters("甲", [])
    assert missing.by_page == {None: "甲"} and missing.describe() == "缺少字符“甲”"


def test_past_the_alignment_limit_only_the_characters_are_named(monkeypatch):
    monkeypatch.setattr("reporter.publish.pdftext.LOCATE_LIMIT", 3)
    missing = missing_characters("甲乙、丙丁", ["甲乙丙丁"])
    assert missing.describe() == "缺少字符“、”"


def test_an_unreadable_pdf_is_a_value_error(tmp_path: Path):
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(ValueError):
        page_texts(broken)


# --- docx_text -----------------------------------------------------------------------------


def _hidden_run(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    rpr.append(rpr.makeelement(qn("w:vanish"), {}))


def test_docx_text_reads_paragraphs_and_table_cells_in_order(tmp_path: Path):
    doc = docstyle.new_document(title="t", author="a")
    docstyle.add_paragraph(doc, "正文第一段。", "公文正文")
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"格{r}{c}"
    table.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "嵌套"
    docstyle.add_paragraph(doc, "末段。", "公文正文")
    path = tmp_path / "文.docx"
    doc.save(str(path))
    lines = docx_text(path).split("\n")
    assert lines[0] == "正文第一段。" and lines[-1] == "末段。"
    assert [line for line in lines if line.startswith("格") or line == "嵌套"] == [
        "格00", "嵌套", "格01", "格10", "格11"]


def test_docx_text_leaves_out_footers_field_results_and_hidden_text(tmp_path: Path):
    doc = docstyle.new_document(title="t", author="a")  # footers hold "— 1 —" PAGE fields
    p = docstyle.add_paragraph(doc, "共", "公文正文")
    page.add_field(p._p, " NUMPAGES ", "9")
    p.add_run("页")
    _hidden_run(p, "隐藏")
    hidden_off = p.add_run("显示")
    rpr = hidden_off._r.get_or_add_rPr()
    rpr.append(rpr.makeelement(qn("w:vanish"), {qn("w:val"): "0"}))
    path = tmp_path / "文.docx"
    doc.save(str(path))
    assert docx_text(path) == "共页显示"


def test_docx_text_of_a_file_that_is_no_docx_names_it(tmp_path: Path):
    path = tmp_path / "假.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError) as info:
        docx_text(path, "outputs/假.docx")
    assert "outputs/假.docx" in "\n".join(info.value.lines())


# --- convert refuses a PDF it cannot read back -----------------------------------------------

WRITES_ALL = """\
out=""; prev=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  prev="$a"
done
for a in "$@"; do
  case "$a" in *.docx) printf '%%PDF-1.4 no objects' > "$out/$(basename "$a" .docx).pdf" ;; esac
done
exit 0
"""


def test_an_unreadable_pdf_is_not_written(tmp_path: Path):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + WRITES_ALL, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    docx = outputs / "甲.docx"
    docx.write_bytes(b"docx")
    (outputs / "甲.pdf").write_bytes(b"old")
    with pytest.raises(ToolError) as info:
        convert([docx], soffice=str(script), expected_text=lambda p: "甲",
                display=lambda p: f"outputs/{p.name}")
    assert info.value.exit_code == EXIT_TOOL
    assert str(info.value).startswith("outputs/甲.pdf: LibreOffice 生成的 PDF 无法读取")
    assert str(info.value).endswith("未写入 PDF，原有文件保持不变")
    assert (outputs / "甲.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in outputs.iterdir()) == ["甲.docx", "甲.pdf"]


def test_documents_turn_hanging_punctuation_off_for_libreoffice():
    """w:overflowPunct on (no w:val) in the document defaults: LibreOffice reads it as no
    hanging punctuation, Word and WPS as their usual 允许标点溢出边界."""
    doc = docstyle.new_document()
    ppr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    punct = ppr.find(qn("w:overflowPunct"))
    assert punct is not None and punct.get(qn("w:val")) is None
    assert not doc.styles.element.xpath("//w:overflowPunct[@w:val]")
