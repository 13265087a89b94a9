"""Templates kept as Word 97-2003 (.doc) or WPS (.wps) files: converted by LibreOffice once,
the user told so, then checked and rendered like any .docx; refused with advice without LibreOffice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reporter.pipeline import templates
from tests.conftest import ROOT, docx_paragraphs, make_template, require_soffice, run
from tests.publish.libreoffice_saved import saved_as

REPORT_NAME = "工作情况汇报"
KINDS = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）"}
GOOD = "依法拆除私搭乱建{{ 指标.私搭乱建 | 确数 }}。"


def told(display: str, suffix: str) -> str:
    """The line that says a template was converted."""
    return (f"说明：{display} 是 {KINDS[suffix]}，已由 LibreOffice 转换为 .docx 后使用（模板本身未改动）；"
            "建议在 Word 或 WPS 中把它另存为 .docx 格式")


def kept_as(ws: Path, name: str, data: bytes, suffix: str) -> Path:
    """The workspace's template ``name`` replaced by ``data`` saved as ``name`` + ``suffix``."""
    docx = ws / "templates" / "docx" / f"{name}.docx"
    docx.unlink()
    path = docx.with_suffix(suffix)
    path.write_bytes(data)
    return path


def converted(ws: Path) -> list[Path]:
    return sorted((ws / "outputs" / templates.CONVERTED).rglob("*.docx"))


@pytest.fixture(scope="module")
def report_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The example's report template saved by LibreOffice as Word 97-2003 (.doc)."""
    soffice = require_soffice()
    return saved_as(soffice, ROOT / "templates" / "docx" / f"{REPORT_NAME}.docx", "doc",
                    tmp_path_factory.mktemp("doc")).read_bytes()


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files LibreOffice is asked to convert during the test."""
    calls: list[Path] = []
    convert = templates.convert_to_docx

    def counted(source: Path, target: Path, display: str) -> bool:
        calls.append(source)
        return convert(source, target, display)
    monkeypatch.setattr(templates, "convert_to_docx", counted)
    return calls


@pytest.mark.libreoffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_doc_or_wps_template_renders_the_report(example_ws: Path, built_ws: Path, report_doc: bytes, suffix: str):
    """A .wps written by WPS Writer is a Word 97-2003 file; LibreOffice detects it by its content."""
    template = kept_as(example_ws, REPORT_NAME, report_doc, suffix)
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert told(f"templates/docx/{REPORT_NAME}{suffix}", suffix) in result.output.splitlines()
    report = example_ws / "outputs" / f"{REPORT_NAME}.docx"
    assert docx_paragraphs(report) == docx_paragraphs(built_ws / "outputs" / f"{REPORT_NAME}.docx")
    assert template.read_bytes() == report_doc  # the user's file is never changed
    assert [p.name for p in converted(example_ws)] == [f"{REPORT_NAME}.docx"]


@pytest.mark.libreoffice
def test_converted_once_and_again_only_when_the_file_changes(example_ws: Path, report_doc: bytes, tmp_path: Path,
                                                             conversions: list[Path], monkeypatch: pytest.MonkeyPatch):
    template = kept_as(example_ws, REPORT_NAME, report_doc, ".doc")
    assert run("report", "-w", example_ws).exit_code == 0
    assert conversions == [template]
    [first] = converted(example_ws)

    # Touched, not changed; and LibreOffice gone: the conversion kept is used, the user still told.
    os.utime(template)
    path = os.environ["PATH"]
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert told(f"templates/docx/{REPORT_NAME}.doc", ".doc") in result.output.splitlines()
    assert conversions == [template]

    monkeypatch.setenv("PATH", path)
    other = make_template(tmp_path / f"{REPORT_NAME}.docx", ["{{ 活动.标题 }}", GOOD])
    template.write_bytes(saved_as(require_soffice(), other, "doc", tmp_path / "saved").read_bytes())
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert conversions == [template, template]
    assert len(converted(example_ws)) == 2 and first in converted(example_ws)
    assert docx_paragraphs(example_ws / "outputs" / f"{REPORT_NAME}.docx")[1].startswith("依法拆除私搭乱建")


@pytest.mark.libreoffice
def test_lint_of_a_doc_names_the_doc_and_the_paragraph(example_ws: Path, tmp_path: Path, soffice: str):
    doc = saved_as(soffice, make_template(tmp_path / "汇报.docx", [GOOD, "{{ 拆违数 }}处"]), "doc", tmp_path / "saved")
    result = run("lint", "-w", example_ws, doc)
    assert result.exit_code == 1, result.output
    assert told(str(doc), ".doc") in result.output.splitlines()
    assert f"{doc}: 第2段: 未定义的变量 拆违数" in result.output


@pytest.mark.libreoffice
def test_lint_of_a_notice_doc_tries_it_as_the_notice(example_ws: Path, tmp_path: Path, soffice: str):
    """The document a .doc template is for follows from its name, as for a .docx."""
    doc = saved_as(soffice, example_ws / "templates" / "docx" / "督查通报.docx", "doc", tmp_path)
    result = run("lint", "-w", example_ws, doc)
    assert result.exit_code == 0, result.output
    assert "轮督查记录试排" in result.output


@pytest.mark.libreoffice
def test_a_doc_libreoffice_cannot_read_is_refused(example_ws: Path, soffice: str):
    kept_as(example_ws, REPORT_NAME, b"PK\x03\x04 not a document", ".doc")
    result = run("report", "-w", example_ws)
    assert result.exit_code == 1, result.output
    assert (f"templates/docx/{REPORT_NAME}.doc: LibreOffice 无法读取这个文件（可能已损坏、设置了密码或不是 "
            "Word 97-2003 文档（.doc）），请在 Word 或 WPS 中打开后另存为 .docx 格式") in result.output
    assert not (example_ws / "outputs" / f"{REPORT_NAME}.docx").exists()


@pytest.mark.parametrize("command", ["report", "lint"])
def test_without_libreoffice_a_doc_is_refused_with_advice(example_ws: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, command: str):
    template = kept_as(example_ws, REPORT_NAME, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 a Word file", ".doc")
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no soffice on it
    args = [template] if command == "lint" else []
    result = run(command, "-w", example_ws, *args)
    assert result.exit_code == 3, result.output
    assert (f"templates/docx/{REPORT_NAME}.doc: 需要先由 LibreOffice 转换为 .docx 才能使用，但本机未安装 LibreOffice。"
            "请在 Word 或 WPS 中把它另存为 .docx 格式，或安装 LibreOffice（sudo make system-deps") in result.output
    assert not (example_ws / "outputs" / f"{REPORT_NAME}.docx").exists()
    assert converted(example_ws) == []


def test_a_docx_is_used_before_a_doc_of_the_same_name(example_ws: Path, conversions: list[Path]):
    (example_ws / "templates" / "docx" / f"{REPORT_NAME}.doc").write_bytes(b"an older copy")
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert "LibreOffice" not in result.output
    assert conversions == []
