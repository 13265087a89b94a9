"""Every .docx the project generates, and every shipped template, passes the Open XML SDK validator."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from click.testing import CliRunner

from reporter.cli import cli
from tests.conftest import ROOT


def test_every_generated_document_and_template_is_valid(example_ws: Path, ooxml_validator):
    for command in ("report", "tasks", "notice"):
        result = CliRunner().invoke(cli, [command, "-w", str(example_ws)])
        assert result.exit_code == 0, result.output
    documents = sorted((example_ws / "outputs").rglob("*.docx")) + sorted((ROOT / "templates" / "docx").glob("*.docx"))
    assert len(documents) >= 30
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(ooxml_validator, documents))


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
