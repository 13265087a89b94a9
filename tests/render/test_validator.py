"""Every .docx the project generates, and every shipped template, passes the Open XML SDK validator."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

# The documents of reporter report, tasks and notice (in conftest's built_ws), in groups that
# the test workers share out: one validator run takes about a second.
GROUPS = {
    "report": "工作情况汇报.docx",
    "breakdown": "责任分解表.docx",
    "notice": "督查通报.docx",
    "task-lists": "任务清单/*.docx",
    "rectification": "整改通知/*.docx",
}


def test_the_groups_hold_every_generated_document(built_ws: Path):
    outputs = built_ws / "outputs"
    grouped = {p for pattern in GROUPS.values() for p in outputs.glob(pattern)}
    assert grouped == set(outputs.rglob("*.docx"))
    assert len(grouped) + len(list((ROOT / "templates" / "docx").glob("*.docx"))) >= 30


@pytest.mark.parametrize("group", GROUPS)
def test_every_generated_document_is_valid(ooxml_validator, built_ws: Path, group: str):
    documents = sorted((built_ws / "outputs").glob(GROUPS[group]))
    assert documents
    for document in documents:
        ooxml_validator(document)


def test_every_shipped_template_is_valid(ooxml_validator):
    templates = sorted((ROOT / "templates" / "docx").glob("*.docx"))
    assert templates
    for template in templates:
        ooxml_validator(template)


def test_unknown_filter_is_refused_by_rendering(tmp_path: Path):
    import datetime as dt

    import docx
    import pytest

    from reporter.errors import InputError
    from reporter.render.renderer import DocumentInfo, render_docx

    template = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("{{ 数 | 不存在的过滤器 }}")
    document.save(template)
    with pytest.raises(InputError) as caught:
        render_docx(template, "t.docx", {"数": 1}, DocumentInfo("t", "a", dt.datetime(2018, 11, 26)))
    assert "不存在的过滤器" in caught.value.lines()[0]
