"""reporter report on the example workspace: the reference text, traceable figures, GB/T 9704
format, reproducible bytes, refusal on bad input."""

from __future__ import annotations

import difflib
import re
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt, Twips
from openpyxl import load_workbook

from tests.conftest import FIXTURES, ROOT, docx_paragraphs, run, snapshot
from tests.figures.reference import REFERENCE_FIGURES

REPORT = Path("outputs") / "工作情况汇报.docx"
SOURCES = Path("outputs") / "工作情况汇报-数据来源.xlsx"
DRAFT_SOURCES = Path("outputs") / "工作情况汇报（草稿）-数据来源.xlsx"


def squeeze(text: str) -> str:
    return "".join(text.split())


def reference_text() -> str:
    return squeeze((FIXTURES / "reference_report.txt").read_text(encoding="utf-8"))


def document_text(path: Path) -> str:
    """The paragraphs of a report (it has no tables), one per line."""
    return "\n".join(docx_paragraphs(path))


def test_report_reproduces_the_reference(built_ws: Path):
    text = squeeze(document_text(built_ws / REPORT))
    ratio = difflib.SequenceMatcher(None, text, reference_text(), autojunk=False).ratio()
    assert ratio >= 0.97, ratio
    for _code, shown, _low, _high in REFERENCE_FIGURES:
        assert shown in text, shown


def test_report_structure(built_ws: Path):
    document = docx.Document(built_ws / REPORT)
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[0] == ("公文标题", "古塔区“三城联创”工作情况汇报")
    assert styled[2] == ("署名", "（2018年11月26日）")
    headings = [t for s, t in styled if s == "一级标题"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、"]
    assert [t[:3] for s, t in styled if s == "二级标题"] == ["（一）", "（二）", "（三）"]
    leads = [re.match(r"[一二三四五六七八九十]+是", t).group(0) for s, t in styled
             if s == "公文正文" and re.match(r"[一二三四五六七八九十]+是", t)]
    assert leads == ["一是", "二是", "三是", "一是", "二是", "三是", "一是", "二是", "三是", "四是",
                     "一是", "二是", "三是", "一是", "二是", "三是"]
    assert not any("{" in t or "}" in t for _, t in styled)


def test_page_setup_fonts_and_footers(built_ws: Path):
    document = docx.Document(built_ws / REPORT)
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    assert (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == \
        (Twips(2098 - 142), Twips(1984 + 142), Twips(1587), Twips(1474))
    styles = document.styles
    expectations = {"公文标题": ("方正小标宋简体", 22), "公文正文": ("仿宋_GB2312", 16),
                    "一级标题": ("黑体", 16), "二级标题": ("楷体_GB2312", 16)}
    for name, (font, size) in expectations.items():
        style = styles[name]
        rfonts = style.element.rPr.rFonts
        east_asia = rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        assert east_asia == font, name
        assert rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii") == "Times New Roman"
        assert style.font.size == Pt(size), name
    assert styles["公文正文"].paragraph_format.first_line_indent is not None
    with zipfile.ZipFile(built_ws / REPORT) as archive:
        assert b"w:evenAndOddHeaders" in archive.read("word/settings.xml")
        document_xml = archive.read("word/document.xml").decode()
        assert 'w:line="579"' in archive.read("word/styles.xml").decode()
        assert 'w:type="even"' in document_xml and 'w:type="default"' in document_xml
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text.startswith("— ") and odd.text.endswith(" —") and "PAGE" in odd._p.xml
    assert odd.alignment == 2 and even.alignment == 0  # right, left


def test_data_source_workbook_traces_figures(built_ws: Path):
    wb = load_workbook(built_ws / SOURCES)
    sheet = wb["数字来源"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    first = next(i for i, r in enumerate(rows) if r[1] == "依法拆除私搭乱建")
    assert rows[first][2] == "2770处" and rows[first][3] == 2770
    contributions = []
    for row in rows[first + 1:]:
        if row[0] is not None:
            break
        contributions.append(row)
    assert len(contributions) == 10
    assert sum(r[7] for r in contributions) == 2770
    for row in contributions:
        path, cell = row[8].split(":", 1)
        sheet_name, address = cell.split("!")
        assert load_workbook(built_ws / path)[sheet_name][address].value == row[7]
    shown = {r[2] for r in rows if r[2]}
    assert {"6700余处", "80余万张", "两万人次", "15.58%", "超额完成13%的指标任务"} <= shown
    notes = list(wb["举措来源"].iter_rows(min_row=2, values_only=True))
    assert len(notes) == 8 and all("工作举措!D" in r[4] for r in notes)


def test_changing_one_value_changes_report_and_sources(example_ws: Path):
    path = example_ws / "inputs" / "2018-11" / "区城管局.xlsx"
    wb = load_workbook(path)
    sheet = wb["工作指标"]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet[f"F{r}"].value == "私搭乱建")
    sheet[f"D{row}"].value = sheet[f"D{row}"].value + 100
    wb.save(path)
    assert run("report", "-w", str(example_ws)).exit_code == 0
    assert "私搭乱建2870处" in squeeze(document_text(example_ws / REPORT))
    rows = list(load_workbook(example_ws / SOURCES)["数字来源"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "依法拆除私搭乱建" and r[2] == "2870处" and r[3] == 2870 for r in rows)


def test_same_inputs_give_identical_bytes(built_ws: Path, built_copy: Path):
    """Run again, in another folder, over the outputs of the first run."""
    assert run("report", "-w", str(built_copy)).exit_code == 0
    assert {p: (built_copy / p).read_bytes() for p in (REPORT, SOURCES)} == \
        {p: (built_ws / p).read_bytes() for p in (REPORT, SOURCES)}


def test_invalid_inputs_refuse_and_keep_earlier_output(built_copy: Path):
    before = snapshot(built_copy / "outputs")
    path = built_copy / "inputs" / "2018-11" / "东城街道.xlsx"
    wb = load_workbook(path)
    wb["工作指标"]["D3"].value = "两千"
    wb.save(path)
    result = run("report", "-w", str(built_copy))
    assert result.exit_code == 1
    assert "inputs/2018-11/东城街道.xlsx:工作指标!D3: " in result.output and "两千" in result.output
    assert "未生成任何文件" in result.output
    assert snapshot(built_copy / "outputs") == before


def test_missing_unit_refuses_unless_draft_allowed(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "区商务局.xlsx").unlink()
    result = run("report", "-w", str(example_ws))
    assert result.exit_code == 1 and "以下单位尚未报送：区商务局" in result.output
    assert not (example_ws / REPORT).exists()
    draft = run("report", "-w", str(example_ws), "--allow-missing")
    assert draft.exit_code == 0, draft.output
    assert not (example_ws / REPORT).exists() and not (example_ws / SOURCES).exists()
    rows = list(load_workbook(example_ws / DRAFT_SOURCES)["数字来源"].iter_rows(min_row=2, values_only=True))
    assert any(r[6] == "区商务局" and r[8] == "未报送" for r in rows)


def test_special_characters_reach_the_document(example_ws: Path):
    path = example_ws / "inputs" / "2018-11" / "区委宣传部.xlsx"
    wb = load_workbook(path)
    text = "R&D <b>“引号”</b> 'single' \"double\"\n第二行_x000B_第三行"
    wb["工作举措"]["D3"].value = text
    wb.save(path)
    result = run("report", "-w", str(example_ws))
    assert result.exit_code == 0, result.output
    document = docx.Document(example_ws / REPORT)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "R&D <b>“引号”</b> 'single' \"double\"\n第二行\n第三行" in body


def test_unplaced_notes_are_reported(example_ws: Path):
    path = example_ws / "inputs" / "2018-11" / "区住建局.xlsx"
    wb = load_workbook(path)
    sheet = wb["工作举措"]
    sheet["B3"].value, sheet["D3"].value = "二（二）卫生城创建", "补修破损路面。"
    wb.save(path)
    result = run("report", "-w", str(example_ws))
    assert result.exit_code == 0
    assert "补修破损路面" in document_text(example_ws / REPORT)
    assert "五是补修破损路面。" in document_text(example_ws / REPORT)


# The Open XML validation of these documents is in test_validator.py (the same built_ws files).


def test_shipped_templates_match_their_generator():
    from reporter.intake.master import master_bytes
    from reporter.render.templates.report import report_template_bytes

    assert (ROOT / "templates" / "docx" / "工作情况汇报.docx").read_bytes() == report_template_bytes()
    assert (ROOT / "templates" / "xlsx" / "填报表.xlsx").read_bytes() == master_bytes()


def test_document_properties_come_from_the_period(built_ws: Path):
    props = docx.Document(built_ws / REPORT).core_properties
    assert props.title == "古塔区“三城联创”工作情况汇报" and props.author == "古塔区联创办"
    assert props.created.date().isoformat() == "2018-11-26" == props.modified.date().isoformat()


def test_run_on_notes_are_joined_with_semicolons(built_ws: Path):
    """连写() puts a section's notes in one paragraph: 一是…；二是…。"""
    from reporter import pipeline
    from reporter.figures.aggregate import aggregate, notes_by_section
    from reporter.documents.report import report_context

    checked = pipeline.collect(built_ws)
    context = report_context(checked.campaign, aggregate(checked.campaign, checked.submissions),
                             notes_by_section(checked.campaign, checked.submissions))
    text = context.values["连写"]("文明城")
    assert text.startswith("一是高度重视，狠抓工作落实。按照")
    assert "局面；二是条块结合，督导指导并行。成立11条督导战线" in text and text.endswith("持续推进工作提升。")
    assert context.values["序号"]("文明城") == "三是"
