"""Rendering: users' text reaches the document intact, whatever characters it holds."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.render.renderer import XML_INVALID, DocumentInfo, render_docx

INFO = DocumentInfo("标题", "办公室", dt.datetime(2018, 11, 26))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "t.docx"
    document = docx.Document()
    document.add_paragraph("前{{ 文本 }}后")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "{{ 文本 }}"
    document.sections[0].header.paragraphs[0].text = "页眉{{ 文本 }}"
    document.save(path)
    return path


def rendered_texts(data: bytes, tmp: Path) -> tuple[str, str, str]:
    out = tmp / "out.docx"
    out.write_bytes(data)
    document = docx.Document(out)
    return (document.paragraphs[0].text, document.tables[0].cell(0, 0).text,
            document.sections[0].header.paragraphs[0].text)


def expected(text: str) -> str:
    """What Word shows: XML-invalid characters gone, line breaks kept as line breaks."""
    return XML_INVALID.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


PIECES = st.one_of(
    st.sampled_from(list("&<>\"'“”‘’镕堃喆昇赟珺玥犇垚😀\n 　{}%#_") + ["R&D", "]]>", "<w:t>", "{{ x }}", "{_{", "%_}"]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
USER_TEXT = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=USER_TEXT)
def test_any_text_reaches_body_table_and_header(template: Path, tmp_path: Path, text: str):
    # Word shows tabs as tabs and docxtpl turns \a and \f into paragraph/page breaks: keep
    # those out of the comparison, they are cleaned when workbooks are read.
    text = re.sub("[\t\a\f\v]", " ", text)
    body, cell, header = rendered_texts(render_docx(template, "t.docx", {"文本": text}, INFO), tmp_path)
    want = expected(text)
    assert body == f"前{want}后"
    assert cell == want
    assert header == f"页眉{want}"


def test_rendering_is_reproducible(template: Path):
    first = render_docx(template, "t.docx", {"文本": "同一内容"}, INFO)
    assert render_docx(template, "t.docx", {"文本": "同一内容"}, INFO) == first


def test_an_index_beyond_a_list_is_explained_in_chinese(tmp_path: Path):
    from reporter.errors import InputError
    from tests.conftest import make_template

    path = make_template(tmp_path / "list.docx", ["第六项：{{ 列表[5] }}"])
    with pytest.raises(InputError) as caught:
        render_docx(path, "list.docx", {"列表": ["甲", "乙"]}, INFO)
    message = caught.value.lines()[0]
    assert "列表中没有下标为 5 的一项" in message and "第1段" in message
    assert "list object" not in message and "element" not in message


def test_missing_variable_is_an_error_not_empty_text(template: Path):
    from reporter.errors import InputError

    with pytest.raises(InputError) as caught:
        render_docx(template, "t.docx", {}, INFO)
    assert "未定义的变量或属性：文本" in caught.value.lines()[0]
