"""Templates re-saved by LibreOffice (``soffice --convert-to docx``) render and lint as before.

LibreOffice writes a run wherever the script changes (Latin ``{{ ``, Chinese ``活动``, Latin
``.`` …), each with an empty ``w:rPr``, and renames the styles; the tags must still be read as
the author typed them."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.conftest import docx_cells, docx_paragraphs, make_template, run
from tests.publish.libreoffice_saved import saved_as

pytestmark = pytest.mark.libreoffice

TEMPLATES = Path("templates") / "docx"


def resaved(soffice: str, template: Path, folder: Path) -> None:
    """``template`` replaced by itself as LibreOffice saves it."""
    template.write_bytes(saved_as(soffice, template, "docx", folder).read_bytes())


def header_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).sections[0].header.paragraphs)


@pytest.mark.parametrize("command, name", [("report", "工作情况汇报"), ("notice", "督查通报")])
def test_a_shipped_template_resaved_renders_as_before(example_ws: Path, built_ws: Path, tmp_path: Path,
                                                      soffice: str, command: str, name: str):
    template = example_ws / TEMPLATES / f"{name}.docx"
    resaved(soffice, template, tmp_path / "saved")
    result = run("lint", "-w", example_ws, template)
    assert result.exit_code == 0, result.output
    assert "模板检查通过。" in result.output
    result = run(command, "-w", example_ws)
    assert result.exit_code == 0, result.output
    for extract in (docx_paragraphs, docx_cells):
        assert extract(example_ws / "outputs" / f"{name}.docx") == extract(built_ws / "outputs" / f"{name}.docx")


def test_a_template_with_tags_everywhere_resaved_renders_as_before(example_ws: Path, tmp_path: Path, soffice: str):
    """Tags in the body (one split by bold), a paragraph loop, a table cell and the header."""
    template = example_ws / TEMPLATES / "工作情况汇报.docx"
    make_template(template, [
        "{{ 活动.标题 }}",
        "依法拆除私搭乱建{{ 指标.私搭乱建 | 确数 }}，清运垃圾{{ 指标.清运垃圾 | 约 }}。",
        [("开展宣传{{ 指标.市民", False), ("公开信 | 确数 }}。", True)],
        "{%p for 段 in 举措('党建') %}",
        "{{ 段.全文 }}",
        "{%p endfor %}",
    ], table=[["项目", "数量"], ["拆违", "{{ 指标.私搭乱建 | 确数 }}"]], header="{{ 活动.名称 }}")
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    report = example_ws / "outputs" / "工作情况汇报.docx"
    expected = docx_paragraphs(report), docx_cells(report), header_text(report)

    resaved(soffice, template, tmp_path / "saved")
    result = run("lint", "-w", example_ws, template)
    assert result.exit_code == 0, result.output
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert (docx_paragraphs(report), docx_cells(report), header_text(report)) == expected
    assert "{{" not in "".join(expected[0]) and expected[1][-1] != ""
