"""The 督查通报 in full GB/T 9704-2012 form: 版头 (red 发文机关标志, 发文字号, red rule), 标题
broken by meaning, 主送, 附件说明, 落款 placed for a seal, 版记 on the last page, an even one;
section 三 and the attachment covering every problem section 一 counts.

The document is checked twice: its .docx (styles, paragraphs, tables) without LibreOffice,
and its PDF measured with pdfplumber (skipped without LibreOffice, unless CI requires it).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import etree

from reporter import pipeline
from reporter.cnfmt import title_lines
from reporter.documents.notice import notice_context, shown_problems
from reporter.figures.scoring import score_round
from reporter.pipeline.pdf import back_matter_on_even_page
from reporter.publish.pdf import convert
from reporter.render import docstyle
from reporter.render.backmatter import (
    RULE_THICK,
    RULE_THIN,
    TYPE_AREA_TWIPS,
    add_back_matter,
    back_matter_later,
    back_matter_xml,
    has_back_matter,
)
from reporter.render.signature import place_signatures, printed_width, signature_indents
from reporter.render.styles import BODY_PT

ISSUER = "古塔区“三城联创”工作领导小组办公室"
MM = 72 / 25.4
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RED = (1.0, 0.0, 0.0)
A4 = (210.0, 297.0)
LEFT, RIGHT, TOP = 28.0, 210.0 - 26.0, 37.0


@pytest.fixture(scope="module")
def workspace(built_ws: Path) -> Path:
    """The example workspace after ``reporter notice`` (shared: only read it)."""
    return built_ws


@pytest.fixture(scope="module")
def document(workspace: Path):
    return docx.Document(workspace / "outputs" / "督查通报.docx")


def styled(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs]


# --- the .docx ---------------------------------------------------------------------------------

def test_head_issuer_number_and_red_rule(document):
    paragraphs = styled(document)
    assert paragraphs[:9] == [
        ("发文机关标志", ISSUER), ("空行", ""), ("空行", ""), ("版头发文字号", "古创办发〔2018〕12号"),
        ("空行", ""), ("空行", ""), ("公文标题", "关于古塔区“三城联创”\n第二轮督查情况的通报"),
        ("空行", ""), ("主送", "各街道，区直各有关部门："),
    ]
    issuer = document.styles["发文机关标志"]
    assert issuer.font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert issuer.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert issuer.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    number = document.styles["版头发文字号"].element.pPr
    rule = number.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("single", "FF0000")
    # as wide as the type area: neither the style nor the paragraph indents it
    indent = number.find(qn("w:ind"))
    assert indent is None or all(indent.get(qn(f"w:{k}"), "0") == "0" for k in ("left", "right"))
    assert document.paragraphs[3]._p.pPr.find(qn("w:ind")) is None


def test_title_is_broken_by_meaning(document):
    title = document.paragraphs[6]
    assert title.text.split("\n") == title_lines("关于古塔区“三城联创”第二轮督查情况的通报")
    assert all(len(line) >= 3 for line in title.text.split("\n"))


def test_annex_note_follows_a_blank_line_and_hangs_after_its_colon(document):
    paragraphs = styled(document)
    at = paragraphs.index(("附件说明", "附件：古塔区“三城联创”第二轮督查问题清单"))
    assert paragraphs[at - 1] == ("空行", "") and paragraphs[at - 2][0] == "公文正文"
    indent = document.styles["附件说明"].element.pPr.find(qn("w:ind"))
    assert (indent.get(qn("w:leftChars")), indent.get(qn("w:hangingChars"))) == ("500", "300")
    # two lines for the seal, then the issuing office's full name over the date
    assert paragraphs[at + 1:at + 5] == [("空行", ""), ("空行", ""), ("发文机关署名", ISSUER),
                                         ("成文日期", "2018年11月26日")]


def test_signature_is_centred_over_the_date(document):
    name, date = (p for p in document.paragraphs if p.style.name in ("发文机关署名", "成文日期"))
    name_indent, date_indent = (p.paragraph_format.right_indent.pt for p in (name, date))
    # centres measured from the right margin
    assert name_indent + printed_width(name.text) / 2 == pytest.approx(date_indent + printed_width(date.text) / 2,
                                                                       abs=0.1)
    assert name_indent >= 2 * BODY_PT - 0.1 and date_indent >= 4 * BODY_PT - 0.1


def test_back_matter_closes_the_document(document):
    table = document.tables[-1]
    # 30 characters where a line holds 29: broken after a recipient, never inside "区政协办公室"
    assert [c.text for c in table.rows[0].cells] == ["抄送：区委办公室，区政府办公室，区人大办公室，\n区政协办公室。"]
    assert [c.text for c in table.rows[1].cells] == [f"{ISSUER}\t2018年11月26日印发"]  # 印发日期 at a right tab
    position = table._tbl.tblPr.find(qn("w:tblpPr"))
    # placed by its height so that its last rule lies on the foot of the type area (place_back_matter)
    assert (position.get(qn("w:vertAnchor")), position.get(qn("w:tblpYSpec"))) == ("margin", None)
    assert int(position.get(qn("w:tblpY"))) > 0
    body = document.element.body
    assert body.index(table._tbl) == len(body) - 3  # then its anchor paragraph and the section
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def section(document, start: str, end: str) -> str:
    texts = [p.text for p in document.paragraphs]
    return "\n".join(texts[texts.index(start) + 1:texts.index(end)])


def test_section_three_names_every_open_problem_section_one_counts(workspace: Path, document):
    checked = pipeline.collect(workspace)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    three = section(document, "三、存在的主要问题", "四、整改要求")
    counted = result.new + result.overdue + result.repeats + [r for r in result.rechecked if not r.fixed]
    assert result.overdue, "the example has overdue problems"
    for record in counted:
        assert record.first.description in three, record.first.number
    for record in result.overdue:
        assert f"{record.first.place}{record.first.description}（第一轮督查发现" in three
        assert "逾期未整改" in three
    # each once: the repeated and overdue 1-06 is listed one time with both facts
    assert three.count("公益广告破损未更换") == 1
    assert "中心广场公益广告破损未更换（第一轮督查发现，整改后再次出现，逾期未整改）" in three
    assert set(shown_problems(result)) == set(counted)


def test_attachment_tells_which_round_each_problem_comes_from(document):
    texts = [p.text for p in document.paragraphs]
    assert "一、第二轮督查发现的问题" in texts and "二、第一轮督查发现问题的复查情况" in texts
    new, rechecked = document.tables[1], document.tables[2]
    assert [c.text for c in new.rows[0].cells] == ["编号", "单位", "点位", "类别", "问题描述", "扣分", "整改时限", "状态"]
    assert all(row.cells[0].text.startswith("2-") for row in new.rows[1:])
    assert all(row.cells[0].text.startswith("1-") for row in rechecked.rows[1:])
    # cells carry the line breaks the table fitting chose: read as one line
    overdue = {row.cells[0].text: row.cells[-1].text.replace("\n", "") for row in rechecked.rows[1:]}
    assert overdue["1-03"] == "未整改（逾期）" and overdue["1-02"] == "已整改"
    assert len(document.tables) >= 3
    for table in document.tables[:3]:
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(widths) <= TYPE_AREA_TWIPS, widths


def test_issuer_defaults_to_the_campaign_office(workspace: Path):
    checked = pipeline.collect(workspace)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    assert notice_context(checked.campaign, result)["发文机关标志"] == ISSUER
    campaign = replace(checked.campaign, inspection=replace(checked.campaign.rules, issuer=""))
    context = notice_context(campaign, result)
    assert context["发文机关标志"] == context["落款"] == context["印发机关"] == "古塔区联创办"


# --- the 落款 and 版记 builders ------------------------------------------------------------

@pytest.mark.parametrize("name, date", [("古塔区联创办", "2018年11月26日"), ("区城管局", "2019年1月5日")])
def test_a_short_name_is_centred_over_a_date_four_characters_in(name, date):
    name_indent, date_indent = signature_indents(name, date)
    assert date_indent == 4 * BODY_PT
    assert name_indent + printed_width(name) / 2 == pytest.approx(date_indent + printed_width(date) / 2)


def test_a_long_name_stands_two_characters_in_and_the_date_moves_under_it():
    name_indent, date_indent = signature_indents(ISSUER, "2018年11月26日")
    assert name_indent == 2 * BODY_PT and date_indent > 4 * BODY_PT
    assert name_indent + printed_width(ISSUER) / 2 == pytest.approx(date_indent + printed_width("2018年11月26日") / 2)


def test_place_signatures_sets_right_indents_on_the_rendered_body():
    body = etree.fromstring(
        f'<w:body xmlns:w="{W[1:-1]}">'
        '<w:p><w:pPr><w:pStyle w:val="公文正文"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="发文机关署名"/><w:jc w:val="right"/></w:pPr><w:r><w:t>古塔区联创办</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="成文日期"/></w:pPr><w:r><w:t>2018年11月26日</w:t></w:r></w:p></w:body>')
    place_signatures(body)
    name, date = body.findall(f"{W}p")[1:]
    expected = signature_indents("古塔区联创办", "2018年11月26日")
    assert len(expected) == 2
    for paragraph, points in zip((name, date), expected):
        indent = paragraph.find(f"{W}pPr/{W}ind")
        assert int(indent.get(f"{W}right")) == round(points * 20)
        assert int(indent.get(f"{W}rightChars")) == round(points * 100 / BODY_PT)
    order = [etree.QName(child).localname for child in name.find(f"{W}pPr")]
    assert order == ["pStyle", "ind", "jc"]  # schema order
    assert body.findall(f"{W}p")[0].find(f"{W}pPr/{W}ind") is None


def test_back_matter_rules_are_the_type_area_wide_and_of_the_standard_weights():
    table = etree.fromstring(back_matter_xml("区委办公室。", "古塔区联创办", "2018年11月26日印发"))
    assert int(table.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == TYPE_AREA_TWIPS == 8845
    assert sum(int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")) == TYPE_AREA_TWIPS
    tab = table.find(f".//{W}tab[@{W}val='right']")
    assert int(tab.get(f"{W}pos")) == TYPE_AREA_TWIPS - 2 * 280  # the cell's text, one character in each side
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    weights = {etree.QName(b).localname: b.get(f"{W}sz") for b in borders}
    assert weights["top"] == weights["bottom"] == str(RULE_THICK) == "8"  # 1 pt ≈ 0.35 mm
    assert weights["insideH"] == str(RULE_THIN) == "6"  # 0.75 pt ≈ 0.26 mm
    assert all(borders.find(f"{W}{side}").get(f"{W}val") == "nil" for side in ("left", "right", "insideV"))


def back_matter_document(tmp_path: Path, lines: int) -> Path:
    """A document of ``lines`` body lines (two per paragraph) with a 版记."""
    doc = docstyle.new_document(title="版记")
    for _ in range(lines // 2):
        docstyle.add_paragraph(doc, "根据工作安排，现将有关情况通报如下：" * 3, "公文正文")
    add_back_matter(doc, "区委办公室，区政府办公室。", "古塔区联创办", "2018年11月26日印发")
    path = tmp_path / f"版记{lines}.docx"
    doc.save(str(path))
    return path


def test_back_matter_later_starts_a_page(tmp_path: Path):
    data = back_matter_document(tmp_path, 4).read_bytes()
    assert has_back_matter(data)
    moved = docx.Document(io.BytesIO(back_matter_later(data)))
    body = list(moved.element.body)
    table = next(i for i, e in enumerate(body) if e.tag == qn("w:tbl"))
    assert body[table + 1].pPr.find(qn("w:pageBreakBefore")) is not None
    assert len(moved.sections) == 1  # alone on its page after the text, numbered as usual


def test_a_blank_page_before_the_back_matter_starts_a_section_without_page_numbers(tmp_path: Path):
    data = back_matter_document(tmp_path, 4).read_bytes()
    moved = docx.Document(io.BytesIO(back_matter_later(data, blank_pages=2)))
    body = list(moved.element.body)
    table = next(i for i, e in enumerate(body) if e.tag == qn("w:tbl"))
    assert body[table + 1].pPr.find(qn("w:pageBreakBefore")) is not None
    assert body[table - 1].pPr.find(qn("w:pageBreakBefore")) is not None  # the second blank page
    assert body[table - 2].pPr is None  # the first: the new section starts it
    assert body[table - 3].pPr.find(qn("w:sectPr")) is not None  # the text's section ends here
    text, back = moved.sections
    assert "PAGE" in text.footer._element.xml and "PAGE" in text.even_page_footer._element.xml
    for footer in (back.footer, back.even_page_footer):
        assert not footer.is_linked_to_previous and "PAGE" not in footer._element.xml
        assert "".join(p.text for p in footer.paragraphs) == ""


def test_back_matter_later_needs_a_back_matter():
    plain = docstyle.new_document(title="无版记")
    docstyle.add_paragraph(plain, "正文", "公文正文")
    buffer = io.BytesIO()
    plain.save(buffer)
    assert not has_back_matter(buffer.getvalue())
    with pytest.raises(ValueError):
        back_matter_later(buffer.getvalue())


# --- the PDF -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_pages(pdf_ws: Path):
    """The pages of the example's 督查通报.pdf (reporter pdf): characters, drawn lines, images."""
    with pdfplumber.open(pdf_ws / "outputs" / "督查通报.pdf") as pdf:
        return [{"chars": [c for c in p.chars if c["text"].strip()], "lines": p.lines + p.rects + p.curves,
                 "images": p.images, "width": p.width, "height": p.height} for p in pdf.pages]


def mm(value: float) -> float:
    return value / MM


def line_of(chars: list[dict], text: str) -> list[dict]:
    """The characters of the line of ``chars`` that holds ``text``."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        if text in "".join(c["text"] for c in row):
            return row
    raise AssertionError(f"no line holds {text!r}")


def test_first_page_has_a_red_issuer_and_a_red_rule(soffice, pdf_pages):
    first = pdf_pages[0]
    red = [c for c in first["chars"] if tuple(c["non_stroking_color"] or ()) == RED]
    assert "".join(c["text"] for c in red) == ISSUER
    assert all(c["fontname"].endswith("NotoSerifCJKsc-Bold") or "Bold" in c["fontname"] for c in red)
    left, right = mm(min(c["x0"] for c in red)), mm(max(c["x1"] for c in red))
    assert (left + right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=0.5)  # centred
    assert mm(min(c["top"] for c in red)) == pytest.approx(TOP + 35, abs=1)  # 35 mm below the type area's top
    rules = [line for line in first["lines"] if tuple(line.get("stroking_color") or ()) == RED
             or tuple(line.get("non_stroking_color") or ()) == RED]
    assert rules, "no red rule on the first page"
    rule = rules[0]
    assert mm(rule["x0"]) == pytest.approx(LEFT, abs=0.3) and mm(rule["x1"]) == pytest.approx(RIGHT, abs=0.3)
    number = line_of(first["chars"], "古创办发")
    assert mm(rule["top"]) - mm(max(c["bottom"] for c in number)) == pytest.approx(4, abs=1)  # 4 mm below
    black = [c for c in number if tuple(c["non_stroking_color"] or ()) != RED]
    assert black == number  # the 发文字号 itself is black


def test_title_lines_and_blank_line_before_the_addressees(soffice, pdf_pages):
    first = pdf_pages[0]
    title = [c for c in first["chars"] if abs(c["size"] - 22) < 0.1]
    lines: dict[int, list[dict]] = {}
    for c in title:
        lines.setdefault(round(c["top"]), []).append(c)
    texts = ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for _, row in sorted(lines.items())]
    assert texts == title_lines("关于古塔区“三城联创”第二轮督查情况的通报")
    for row in lines.values():
        centre = (mm(min(c["x0"] for c in row)) + mm(max(c["x1"] for c in row))) / 2
        assert centre == pytest.approx((LEFT + RIGHT) / 2, abs=1)
    addressees = line_of(first["chars"], "各街道")
    gap = mm(addressees[0]["top"]) - mm(max(c["bottom"] for c in title))
    assert gap > 10  # a blank line (one line is 10.2 mm, the characters 5.6 mm of it)


def test_every_glyph_and_line_is_ten_millimetres_inside_the_paper(soffice, pdf_pages):
    measured = 0
    for number, page in enumerate(pdf_pages, start=1):
        width, height = mm(page["width"]), mm(page["height"])
        assert (width, height) == pytest.approx(A4, abs=0.5)
        boxes = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page["chars"]]
        boxes += [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page["lines"] + page["images"]]
        for x0, top, x1, bottom in boxes:
            assert mm(x0) >= 10 and mm(top) >= 10, (number, mm(x0), mm(top))
            assert width - mm(x1) >= 10 and height - mm(bottom) >= 10, (number, mm(x1), mm(bottom))
            measured += 1
    assert len(pdf_pages) >= 2 and measured > 1000, (len(pdf_pages), measured)


def test_signature_sits_centred_over_the_date_in_the_pdf(soffice, pdf_pages):
    page = next(p for p in pdf_pages if any(c["text"] == "附" for c in p["chars"])
                and "附件：" in "".join(c["text"] for c in p["chars"]))
    name, date = line_of(page["chars"], ISSUER), line_of(page["chars"], "2018年11月26日")
    centres = [mm(row[0]["x0"] + row[-1]["x1"]) / 2 for row in (name, date)]
    assert centres[0] == pytest.approx(centres[1], abs=0.7)
    assert RIGHT - mm(name[-1]["x1"]) == pytest.approx(2 * BODY_PT / MM, abs=0.7)  # two characters in
    note = line_of(page["chars"], "附件：")
    assert mm(note[0]["x0"]) == pytest.approx(LEFT + 2 * BODY_PT / MM, abs=0.7)  # 附件说明 two characters in
    assert mm(name[0]["top"]) - mm(note[0]["top"]) == pytest.approx(3 * 28.95 / MM, abs=0.5)  # room for the seal


def test_back_matter_is_on_the_last_page_which_is_even(soffice, pdf_pages):
    assert len(pdf_pages) % 2 == 0
    holding = [i for i, p in enumerate(pdf_pages, start=1) if "印发" in "".join(c["text"] for c in p["chars"])]
    assert holding == [len(pdf_pages)]
    last = pdf_pages[-1]
    rules = sorted((line for line in last["lines"] if mm(line["x1"] - line["x0"]) > 150), key=lambda e: e["top"])[-3:]
    assert [round(line.get("linewidth") or 0, 2) for line in rules] == [1.0, 0.75, 1.0]
    for rule in rules:
        assert mm(rule["x0"]) == pytest.approx(LEFT, abs=0.3) and mm(rule["x1"]) == pytest.approx(RIGHT, abs=0.3)
    # the last rule on the foot of the type area, 262 mm from the top (place_back_matter)
    assert mm(rules[-1]["top"]) == pytest.approx(262, abs=0.5)
    # the 抄送 broken between recipients only: every line ends with a recipient's "，" or the "。"
    copy_lines = [c for c in last["chars"] if mm(rules[0]["top"]) < mm(c["top"]) < mm(rules[1]["top"])]
    rows: dict[int, str] = {}
    for c in sorted(copy_lines, key=lambda c: c["x0"]):
        rows[round(c["top"])] = rows.get(round(c["top"]), "") + c["text"]
    assert len(rows) == 2 and all(row[-1] in "，。" for row in rows.values()), rows
    assert min(len(row) for row in rows.values()) > 2  # no "室。" alone
    copy_line = line_of(last["chars"], "抄送：")
    assert mm(copy_line[0]["x0"]) == pytest.approx(LEFT + 14 / MM, abs=0.5)  # one character in
    printed = line_of(last["chars"], "印发")
    assert RIGHT - mm(printed[-1]["x1"]) == pytest.approx(14 / MM, abs=0.5)
    assert mm(rules[0]["top"]) < mm(copy_line[0]["top"]) < mm(rules[1]["top"]) < mm(printed[0]["top"]) < mm(rules[2]["top"])


@pytest.mark.parametrize("lines, pages", [
    (10, 2),  # text on page 1 with room for the 版记: it moves to page 2
    (42, 4),  # text fills page 2, the 版记 fell alone on page 3: a blank page 3, the 版记 on page 4
])
def test_a_back_matter_on_an_odd_page_moves_to_an_even_one(soffice, tmp_path: Path, lines, pages):
    source = back_matter_document(tmp_path, lines)
    pdf = convert([source], redo=back_matter_on_even_page)[0]
    with pdfplumber.open(pdf) as document:
        texts = ["".join(c["text"] for c in page.chars) for page in document.pages]
    assert len(texts) == pages
    assert [i for i, t in enumerate(texts, start=1) if "印发" in t] == [pages]
    assert "根据工作安排" not in texts[-1]
    # Text pages are numbered; a blank page before the 版记 and the 版记's page after it are
    # not (GB/T 9704-2012 7.5).
    numbered = [i for i, t in enumerate(texts, start=1) if f"—{i}—" in t.replace(" ", "")]
    assert numbered == (list(range(1, pages + 1)) if pages == 2 else list(range(1, pages - 1)))
    if pages == 4:
        assert texts[2].strip() == ""


def test_dates_and_config(workspace: Path):
    """The example configures the issuer; dates of the attachment leave out the round's year."""
    checked = pipeline.collect(workspace)
    assert checked.campaign.rules.issuer == ISSUER
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    rows = notice_context(checked.campaign, result)["问题清单"]
    assert rows[0]["时限"] == "11月26日" and result.round.end == dt.date(2018, 11, 23)
