"""LibreOffice never fetches: a web server on 127.0.0.1 records every request while documents
pointing at it are converted, both documents built to bypass reporter's sanitiser (so that
LibreOffice's own profile is what is tested) and every document reporter produces."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from reporter.publish import soffice as soffice_module
from tests.conftest import run
from tests.render.hostile_docx import (
    alt_chunk,
    attached_template,
    complex_field,
    edit_docx,
    hostile_template,
    hyperlink,
    linked_image,
    recording_server,
    simple_field,
)


def _hostile_documents(folder: Path, base: str) -> list[Path]:
    folder.mkdir()
    cases = {
        "image": [linked_image(f"{base}/image.png")],
        "local-image": [linked_image("file:///etc/hostname")],
        "includepicture": [simple_field(f'INCLUDEPICTURE "{base}/field.png" \\d')],
        "complex": [complex_field(" INCLUDEPICTURE ", f'"{base}/complex.png"', " \\d ")],
        "includetext": [simple_field(f'INCLUDETEXT "{base}/text.docx"')],
        "template": [attached_template(f"{base}/template.dotx")],
        "altchunk": [alt_chunk(f"{base}/chunk.png")],
        "hyperlink": [hyperlink(f"{base}/link")],
    }
    return [hostile_template(folder / f"{name}.docx", *edits) for name, edits in cases.items()]


def _convert(binary: str, documents: list[Path], folder: Path) -> list[Path]:
    inputs = [folder / "in" / f"{i:04d}.docx" for i in range(1, len(documents) + 1)]
    inputs[0].parent.mkdir(parents=True)
    for document, copy in zip(documents, inputs):
        shutil.copyfile(document, copy)
    soffice_module.run(binary, folder, inputs, "pdf", idle=120)
    return [folder / "out" / f"{copy.stem}.pdf" for copy in inputs]


def test_libreoffice_fetches_nothing_for_documents_with_remote_content(tmp_path: Path, soffice: str):
    with recording_server() as (base, requests):
        outputs = _convert(soffice, _hostile_documents(tmp_path / "docs", base), tmp_path / "batch")
    assert all(pdf.exists() for pdf in outputs)
    assert requests == []


def test_without_the_profile_settings_libreoffice_would_fetch(tmp_path: Path, soffice: str, monkeypatch):
    """The control: the same documents with a bare profile do reach the server, so the test
    above would see a request if one were made."""
    monkeypatch.setattr(soffice_module, "write_profile", lambda folder: (folder / "user").mkdir(parents=True))
    with recording_server() as (base, requests):
        _convert(soffice, _hostile_documents(tmp_path / "docs", base), tmp_path / "batch")
    assert "/image.png" in requests


def test_no_document_reporter_produces_makes_libreoffice_fetch(example_ws: Path, soffice: str):
    with recording_server() as (base, requests):
        # The one kind of outside reference a template may keep: a web link, shown, never fetched.
        for template in (example_ws / "templates" / "docx").glob("*.docx"):
            edit_docx(template, hyperlink(f"{base}/{template.stem}"))
        for command in ("report", "tasks", "notice", "remind"):
            result = run(command, "-w", example_ws)
            assert result.exit_code == 0, result.output
        documents = sorted((example_ws / "outputs").rglob("*.docx"))
        result = run("pdf", "-w", example_ws, *documents)
        assert result.exit_code == 0, result.output
    assert len(list((example_ws / "outputs").rglob("*.pdf"))) == len(documents)
    assert requests == []
    with zipfile.ZipFile(example_ws / "outputs" / "工作情况汇报.docx") as archive:
        assert f"{base}/工作情况汇报" in archive.read("word/_rels/document.xml.rels").decode()
