"""Documents past the zip floor: a template's unchanged parts are compressed once and copied
into every document, and the documents are byte for byte what the plain path (``zipfile``
compressing every part of every document) writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reporter.render.renderer import Renderer
from reporter.render.workers import render_many
from reporter.zipfiles import FIXED_ZIP_TIME, deflate, zip_package
from tests.conftest import ROOT
from tests.render.samples import rectification_jobs


def plain_zip(files: list[tuple[str, bytes]]) -> bytes:
    """The plain path: zipfile compressing every part, fixed timestamps and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def raw_entries(data: bytes) -> dict[str, bytes]:
    """Each entry's compressed bytes as stored in the zip."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            found[info.filename] = data[start:start + info.compress_size]
    return found


@pytest.mark.parametrize("template", sorted((ROOT / "templates" / "docx").glob("*.docx")), ids=lambda p: p.stem)
def test_zip_package_writes_zipfiles_bytes(template: Path):
    files = [*parts(template.read_bytes()), ("word/媒体/图片.bin", bytes(range(256)) * 40), ("empty.xml", b"")]
    mixed = [(name, deflate(data) if index % 2 else data) for index, (name, data) in enumerate(files)]
    assert zip_package(mixed) == zip_package(files) == plain_zip(files)


def test_batch_documents_equal_the_plain_path(example_ws: Path):
    source, jobs = rectification_jobs(example_ws)
    documents = [Renderer(source).render(job.context, job.info) for job in jobs]
    assert len(set(documents)) == len(jobs) >= 3
    for data in documents:
        assert data == plain_zip(parts(data))


def test_unchanged_parts_are_the_templates_compressed_once(example_ws: Path):
    source, jobs = rectification_jobs(example_ws)
    template = dict(parts(source.path.read_bytes()))
    renderer = Renderer(source)
    first, second = (renderer.render(job.context, job.info) for job in jobs[:2])
    changed = {"word/document.xml", "docProps/core.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
    kept = [name for name, data in parts(first) if template.get(name) == data and name not in changed]
    assert "word/styles.xml" in kept and "word/theme/theme1.xml" in kept
    raw_first, raw_second = raw_entries(first), raw_entries(second)
    for name in kept:
        assert raw_first[name] == raw_second[name] == deflate(template[name]).data


def test_workers_and_runs_give_the_same_bytes(example_ws: Path):
    source, jobs = rectification_jobs(example_ws)
    batch = jobs * 3  # enough to start worker processes
    in_workers = list(render_many(source, batch, workers=2))
    in_process = list(render_many(source, batch, workers=1))
    again = [Renderer(source).render(job.context, job.info) for job in jobs]
    assert in_workers == in_process
    assert in_process[:len(jobs)] == again


def test_a_batch_document_passes_the_validator(example_ws: Path, ooxml_validator, tmp_path: Path):
    source, jobs = rectification_jobs(example_ws)
    path = tmp_path / "整改通知书.docx"
    path.write_bytes(Renderer(source).render(jobs[-1].context, jobs[-1].info))
    ooxml_validator(path)
