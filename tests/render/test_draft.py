"""A draft's mark: 草稿 at the top of every page's header, whatever headers the document has."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION

from reporter.render.draft import draft_marked
from tests.conftest import ROOT, make_template


def headers(data: bytes) -> list[dict[str, list[str]]]:
    """Each section's headers as Word shows them (default, even and first page), by kind: the
    text of their paragraphs ([] for a header the section inherits or does not show)."""
    document = docx.Document(io.BytesIO(data))
    shown = []
    for section in document.sections:
        kinds = {"default": section.header, "even": section.even_page_header, "first": section.first_page_header}
        shown.append({kind: [] if header.is_linked_to_previous else [p.text for p in header.paragraphs]
                      for kind, header in kinds.items()})
    return shown


def test_a_document_without_headers_gets_one(tmp_path: Path, ooxml_validator):
    data = make_template(tmp_path / "a.docx", ["正文"]).read_bytes()
    marked = draft_marked(data)
    assert headers(marked) == [{"default": ["草稿"], "even": [], "first": []}]
    assert [p.text for p in docx.Document(io.BytesIO(marked)).paragraphs] == ["正文"]
    assert draft_marked(data) == marked  # equal inputs, equal bytes
    (tmp_path / "marked.docx").write_bytes(marked)
    ooxml_validator(tmp_path / "marked.docx")


def test_odd_and_even_pages_are_both_marked(tmp_path: Path, ooxml_validator):
    """The report template sets odd and even pages apart (page numbers right and left)."""
    data = (ROOT / "templates" / "docx" / "工作情况汇报.docx").read_bytes()
    marked = draft_marked(data)
    [section] = headers(marked)
    assert section["default"] == ["草稿"] and section["even"] == ["草稿"]
    footer = docx.Document(io.BytesIO(marked)).sections[0].even_page_footer
    assert "".join(p.text for p in footer.paragraphs).strip() == "— 1 —"  # footers untouched
    (tmp_path / "marked.docx").write_bytes(marked)
    ooxml_validator(tmp_path / "marked.docx")


def test_headers_keep_their_text_under_the_mark_and_later_sections_inherit(tmp_path: Path, ooxml_validator):
    path = make_template(tmp_path / "b.docx", ["第一节"], header="某某区某某办公室")
    document = docx.Document(path)
    document.sections[0].different_first_page_header_footer = True
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("第二节")
    document.save(path)
    marked = draft_marked(path.read_bytes())
    first, second = headers(marked)
    assert first == {"default": ["草稿", "某某区某某办公室"], "even": [], "first": ["草稿"]}
    assert second == {"default": [], "even": [], "first": []}  # shows the first section's, marked
    (tmp_path / "marked.docx").write_bytes(marked)
    ooxml_validator(tmp_path / "marked.docx")
