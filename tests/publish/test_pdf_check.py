"""Every character of a document reaches its PDF: the hanging-punctuation fix and the check
``reporter pdf`` makes of each PDF it writes. Needs LibreOffice.

LibreOffice 7.4 lays a mark that follows a justified line of exactly 28 characters out as
hanging punctuation and does not draw it. docstyle turns hanging punctuation off for
LibreOffice (w:overflowPunct, which its DOCX import reads the other way round).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from pypdf import PdfReader

from reporter.cli import cli
from reporter.documents.catalog import DOCUMENTS
from reporter.errors import EXIT_TOOL, ToolError
from reporter.publish import pdftext
from reporter.publish.pdf import convert
from reporter.render import docstyle
from reporter.render.docxtext import docx_text
from tests.conftest import copy_example, missing, require_soffice, run

MARKS = "、。；，："
HAN = "创建文明城市需要全社会共同参与各部门协同推进工作落实到位取得实效群众满意度持续提升巩固成果"


def _crafted(path: Path, hanging: bool = False) -> Path:
    """Paragraphs in which each mark of MARKS follows the 28th character of a full line:
    the first line of a 主送 paragraph (no indent), and the second line of a 公文正文
    paragraph (26 characters after the two-character indent, then 28)."""
    doc = docstyle.new_document(title="标点", author="测试")
    if hanging:  # w:val="0" is what LibreOffice reads as hanging punctuation on
        ppr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
        ppr.find(qn("w:overflowPunct")).set(qn("w:val"), "0")
    for i, mark in enumerate(MARKS):
        docstyle.add_paragraph(doc, (HAN * 2)[i:i + 28] + mark + "后续文字继续", "主送")
    for i, mark in enumerate(MARKS):
        docstyle.add_paragraph(doc, (HAN * 3)[i:i + 26 + 28] + mark + "后续文字继续推进", "公文正文")
    doc.save(str(path))
    return path


def _pdf_text(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_marks_after_a_full_line_reach_the_pdf(soffice, tmp_path: Path):
    source = _crafted(tmp_path / "标点.docx")
    (pdf,) = convert([source], expected_text=docx_text)
    text = _pdf_text(pdf)
    for mark in MARKS:
        assert text.count(mark) == 2, (mark, text)
    assert not pdftext.missing_characters(docx_text(source), [text])
    # Line-start rules keep each mark with the character before it on the next line.
    for i, mark in enumerate(MARKS):
        assert re.search(f"\n{(HAN * 2)[i + 27]}{mark}", text), (mark, text)


def test_with_hanging_punctuation_the_check_catches_the_loss(soffice, tmp_path: Path):
    """The crafted paragraphs do meet the defect: with hanging punctuation back on, the
    marks vanish and convert refuses to write the PDF, naming page and marks."""
    source = _crafted(tmp_path / "标点.docx", hanging=True)
    old = tmp_path / "标点.pdf"
    old.write_bytes(b"old")
    try:
        convert([source], expected_text=docx_text, display=lambda p: p.name)
    except ToolError as e:
        message = str(e)
    else:
        missing("REPORTER_REQUIRE_LIBREOFFICE", "this LibreOffice draws hanging punctuation after a full line: "
                "the check has nothing to catch")
    first = message.splitlines()[0]
    assert first.startswith("标点.pdf: 第1页缺少字符")
    assert Counter(re.findall(r"“(.)”", first)) == Counter(MARKS * 2)
    assert first.endswith("（LibreOffice 转换时丢失），未写入 PDF，原有文件保持不变")
    assert old.read_bytes() == b"old"


# --- reporter pdf on the example workspace -----------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace with every document generated and converted once."""
    require_soffice()
    ws = copy_example(tmp_path_factory.mktemp("checkws"))
    for command in ("report", "tasks", "notice"):
        result = run(command, "-w", ws)
        assert result.exit_code == 0, result.output
    return ws


def test_the_example_documents_all_verify_clean(soffice, example: Path):
    result = CliRunner().invoke(cli, ["pdf", "-w", str(example)])
    assert result.exit_code == 0, result.output
    docs = [d for spec in DOCUMENTS for d in spec.outputs_in(example / "outputs")]
    assert len(docs) > 10
    for doc in docs:
        assert doc.with_suffix(".pdf").is_file(), doc


def test_a_lost_character_exits_3_and_keeps_the_old_pdf(soffice, example: Path, monkeypatch):
    report = example / "outputs" / "工作情况汇报.pdf"
    if not report.exists():
        result = CliRunner().invoke(cli, ["pdf", "-w", str(example), str(report.with_suffix(".docx"))])
        assert result.exit_code == 0, result.output
    old = report.read_bytes()
    real = pdftext.page_texts

    def drop_first_mark(pdf: Path) -> list[str]:
        pages = real(pdf)
        return [pages[0].replace("、", "", 1), *pages[1:]]

    monkeypatch.setattr("reporter.publish.pdf.page_texts", drop_first_mark)
    before = sorted(p.name for p in report.parent.iterdir())
    result = CliRunner().invoke(cli, ["pdf", "-w", str(example), "--force", str(report.with_suffix(".docx"))])
    assert result.exit_code == EXIT_TOOL == 3, result.output
    assert ("outputs/工作情况汇报.pdf: 第1页缺少字符“、”（LibreOffice 转换时丢失），未写入 PDF，原有文件保持不变"
            in result.output)
    assert report.read_bytes() == old
    assert sorted(p.name for p in report.parent.iterdir()) == before  # no temporary files left
