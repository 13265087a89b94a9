"""Tags read as their author sees them: every way Word and WPS store a typed tag becomes one run
with the first character's properties; Chinese punctuation inside a tag is read as ASCII;
nothing outside tags changes. Rendering reads tags the same way in the body, tables, headers,
footers, footnotes and text boxes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from reporter.render.renderer import DocumentInfo, render_docx
from reporter.render.tags import normalize_tags, read_tag
from tests.render.hostile_docx import edit_docx
from tests.render.typed_templates import (
    CHINESE_PUNCTUATION,
    PATTERNS,
    W,
    W_NS,
    pieces,
    tag_paragraph,
)

TAG = "{{ 指标.私搭乱建 | 确数 }}"
FIRST = '<w:rFonts w:ascii="Times New Roman"/><w:color w:val="FF0000"/>'
INFO = DocumentInfo("试排", "办公室", dt.datetime(2018, 11, 26))


def _texts(paragraph: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in paragraph.iter(f"{W}r")]


@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_each_pattern_becomes_one_run_with_the_first_characters_properties(pattern: str):
    paragraph = etree.fromstring(tag_paragraph("拆除", TAG, "处。", pattern, FIRST))
    stored = _texts(paragraph)
    assert TAG not in stored  # the pattern really cuts the tag
    readings = normalize_tags(paragraph)
    assert [r.read for r in readings] == [TAG]
    runs = [r for r in paragraph.iter(f"{W}r") if TAG in "".join(t.text or "" for t in r.iter(f"{W}t"))]
    assert len(runs) == 1
    assert "".join(_texts(paragraph)) == f"拆除{TAG}处。"
    color = runs[0].find(f"{W}rPr/{W}color")
    assert color is not None and color.get(f"{W}val") == "FF0000"
    leftovers = {e.tag.rsplit("}", 1)[1] for e in paragraph.iter() if e.tag in
                 {f"{W}{n}" for n in ("proofErr", "softHyphen", "del", "ins", "lastRenderedPageBreak", "smartTag")}}
    assert not leftovers
    assert "\u00ad" not in "".join(_texts(paragraph))


def test_only_visible_differences_are_reported_as_formatting():
    invisible = [p for p in PATTERNS if p not in ("visible_formatting",)]
    for pattern in invisible:
        paragraph = etree.fromstring(tag_paragraph("", TAG, "", pattern, FIRST))
        assert not normalize_tags(paragraph)[0].formatting_differs, pattern
    paragraph = etree.fromstring(tag_paragraph("", TAG, "", "visible_formatting", FIRST))
    assert normalize_tags(paragraph)[0].formatting_differs


def test_tracked_deletion_inside_a_tag_is_dropped_and_insertion_accepted():
    paragraph = etree.fromstring(tag_paragraph("", TAG, "", "tracked_deletion"))
    normalize_tags(paragraph)
    assert "旧写法" not in etree.tostring(paragraph, encoding="unicode")
    paragraph = etree.fromstring(tag_paragraph("", TAG, "", "tracked_insertion"))
    normalize_tags(paragraph)
    assert paragraph.find(f".//{W}ins") is None and _texts(paragraph) == [TAG]


def test_braces_cut_apart_are_joined():
    xml = (f'<w:p xmlns:w="{W_NS}">' + '<w:r><w:t>{</w:t></w:r><w:r><w:t>{ 名称 }</w:t></w:r>'
           '<w:r><w:t>}</w:t></w:r><w:r><w:t xml:space="preserve"> 后</w:t></w:r></w:p>')
    paragraph = etree.fromstring(xml)
    normalize_tags(paragraph)
    assert _texts(paragraph) == ["{{ 名称 }}", " 后"]


def test_two_tags_sharing_runs_are_each_joined():
    xml = (f'<w:p xmlns:w="{W_NS}"><w:r><w:t>甲{{{{ a </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
           f'<w:t xml:space="preserve">}}}}乙{{{{ b</w:t></w:r><w:r><w:t xml:space="preserve"> }}}}丙</w:t></w:r></w:p>')
    paragraph = etree.fromstring(xml)
    readings = normalize_tags(paragraph)
    assert [r.read for r in readings] == ["{{ a }}", "{{ b }}"]
    assert _texts(paragraph) == ["甲{{ a }}", "乙{{ b }}", "丙"]


def test_runs_outside_tags_are_untouched():
    xml = (f'<w:p xmlns:w="{W_NS}"><w:proofErr w:type="spellStart"/><w:r w:rsidR="0001"><w:t>创城</w:t></w:r>'
           f'<w:proofErr w:type="spellEnd"/><w:r w:rsidR="0002"><w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr>'
           f'<w:t>工作 {{{{ 名称 }}}}</w:t></w:r><w:ins w:id="1"><w:r><w:t>补充</w:t></w:r></w:ins></w:p>')
    paragraph = etree.fromstring(xml)
    before = etree.tostring(paragraph)
    assert normalize_tags(paragraph) == []
    assert etree.tostring(paragraph) == before


@pytest.mark.parametrize("typed, read", CHINESE_PUNCTUATION)
def test_chinese_punctuation_is_read_as_ascii(typed: str, read: str):
    paragraph = etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{typed}</w:t></w:r></w:p>')
    normalize_tags(paragraph)
    assert "".join(_texts(paragraph)) == read


@pytest.mark.parametrize("typed, read", [
    ("{{ 举措(“党建，文明”) }}", '{{ 举措("党建，文明") }}'),  # a string keeps its own punctuation
    ("{{ 约数(字=‘多’) }}", "{{ 约数(字='多') }}"),
    ("{{ a | 连写(“、”) }}", '{{ a | 连写("、") }}'),
    ("{{ a | 连写(\"（一）\") }}", '{{ a | 连写("（一）") }}'),
    ("{{\u00a0a\u200b }}", "{{ a }}"),
    ("{%p for 段 in 举措（‘党建’） %}", "{%p for 段 in 举措('党建') %}"),
])
def test_string_literals_keep_their_characters(typed: str, read: str):
    assert read_tag(typed) == read


def test_pieces_cut_a_tag_several_times():
    assert len(pieces(TAG)) >= 5 and "".join(pieces(TAG)) == TAG


def _package(path: Path, document_xml: str, extra: dict[str, str], rels: str, types: str) -> Path:
    """A python-docx document with its body replaced and parts added (footnotes)."""
    docx.Document().save(path)

    def build(entries: dict[str, bytes]) -> None:
        entries["word/document.xml"] = document_xml.encode()
        entries.update((name, text.encode()) for name, text in extra.items())
        entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
            b"</Relationships>", rels.encode() + b"</Relationships>")
        entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(b"</Types>", types.encode() + b"</Types>")

    return edit_docx(path, build)


def _inner(paragraph_xml: str) -> str:
    return paragraph_xml.split(">", 1)[1].rsplit("</w:p>", 1)[0]


def test_split_tags_render_in_every_part(tmp_path: Path):
    """Body, table cell, text box, header, footer and footnote: each tag Word-shaped, each rendered."""
    split = {place: _inner(tag_paragraph(f"{place}：", "{{ 名称 }}", "。", pattern))
             for place, pattern in [("正文", "spelling_marks"), ("表格", "east_asian_hints"), ("文本框", "tracked_insertion"),
                                    ("页眉", "revision_ids"), ("页脚", "wps"), ("脚注", "bookmarks")]}
    ns = (f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    body = (f'<w:document {ns}><w:body><w:p>{split["正文"]}<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
            f'<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>'
            f'<w:p>{split["表格"]}</w:p></w:tc></w:tr></w:tbl>'
            f'<w:p><w:r><w:pict><v:shape id="t" style="width:200pt;height:40pt"><v:textbox><w:txbxContent>'
            f'<w:p>{split["文本框"]}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'
            f'<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/>'
            f'</w:sectPr></w:body></w:document>')
    part = '<w:{0} {1}><w:p>{2}</w:p></w:{0}>'
    notes = (f'<w:footnotes {ns}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="1"><w:p>{split["脚注"]}</w:p></w:footnote></w:footnotes>')
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    typed = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    template = _package(
        tmp_path / "各部分.docx", body,
        {"word/header9.xml": part.format("hdr", ns, split["页眉"]), "word/footer9.xml": part.format("ftr", ns, split["页脚"]),
         "word/footnotes.xml": notes},
        f'<Relationship Id="rIdH" Type="{office}header" Target="header9.xml"/>'
        f'<Relationship Id="rIdF" Type="{office}footer" Target="footer9.xml"/>'
        f'<Relationship Id="rIdN" Type="{office}footnotes" Target="footnotes.xml"/>',
        f'<Override PartName="/word/header9.xml" ContentType="{typed}header+xml"/>'
        f'<Override PartName="/word/footer9.xml" ContentType="{typed}footer+xml"/>'
        f'<Override PartName="/word/footnotes.xml" ContentType="{typed}footnotes+xml"/>')
    rendered = render_docx(template, "各部分.docx", {"名称": "古塔区"}, INFO)
    with zipfile.ZipFile(io.BytesIO(rendered)) as out:
        text = {name: "".join(etree.fromstring(out.read(name)).itertext())
                for name in ("word/document.xml", "word/header9.xml", "word/footer9.xml", "word/footnotes.xml")}
    for place in ("正文", "表格", "文本框"):
        assert f"{place}：古塔区。" in text["word/document.xml"]
    assert "页眉：古塔区。" in text["word/header9.xml"]
    assert "页脚：古塔区。" in text["word/footer9.xml"]
    assert "脚注：古塔区。" in text["word/footnotes.xml"]
