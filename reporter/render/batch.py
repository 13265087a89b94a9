"""Rendering one template for many documents: compiled once, rendered in worker processes.

A plain docxtpl loop re-reads the template, re-patches its XML and recompiles its Jinja code
for every document. ``BatchRenderer`` does that once; each document is then one Jinja
render spliced into the template's package (pictures added as media parts), written as a
reproducible zip. Templates whose headers or footers hold tags, or that loop over table
columns, fall back to ``render.render_docx`` for every document.
"""

from __future__ import annotations

import io
import os
import re
import signal
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from docxtpl import DocxTemplate

from reporter.model import ImageRef
from reporter.render.renderer import (
    DocumentInfo,
    make_environment,
    render_docx,
    template_errors,
)
from reporter.zipfiles import FIXED_ZIP_TIME

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
CORE = "docProps/core.xml"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}
BODY = re.compile(r"<w:body>.*</w:body>", re.S)
DOC_PR_ID = re.compile(r'(<wp:docPr id=")\d+(")')
IN_PROCESS_BELOW = 8


@dataclass
class _Pictures:
    """The pictures placed in one document: their media files and relationships."""

    media: dict[str, bytes] = field(default_factory=dict)
    relations: list[tuple[str, str]] = field(default_factory=list)

    def place(self, ref: ImageRef) -> str:
        blob = Path(ref.path).read_bytes() if ref.path else ref.data
        image = Image.from_blob(blob)
        number = len(self.relations) + 1
        name = f"media/reporter{number}.{image.ext}"
        rel_id = f"rIdReporter{number}"
        self.media[f"word/{name}"] = blob
        self.relations.append((rel_id, name))
        cx, cy = image.scaled_dimensions(Mm(ref.width_mm), None)
        inline = CT_Inline.new_pic_inline(number, rel_id, Path(name).name, cx, cy).xml
        return ('</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r><w:t xml:space="preserve">'
                % inline.split("?>", 1)[-1].strip())


class _Picture:
    """An ``ImageRef`` as the template prints it: the drawing XML, not escaped."""

    def __init__(self, pictures: _Pictures, ref: ImageRef):
        self.pictures, self.ref = pictures, ref

    def __html__(self) -> str:
        return self.pictures.place(self.ref)

    __str__ = __html__


def _with_pictures(pictures: _Pictures, value):
    if isinstance(value, ImageRef):
        return _Picture(pictures, value)
    if isinstance(value, dict):
        return {key: _with_pictures(pictures, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_pictures(pictures, item) for item in value]
    return value


def _core_xml(info: DocumentInfo) -> str:
    stamp = info.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(info.title)}</dc:title><dc:creator>{escape(info.author)}</dc:creator>"
            f"<cp:lastModifiedBy>{escape(info.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>")


class BatchRenderer:
    """One template, compiled once, rendering any number of documents."""

    def __init__(self, template: Path, display: str):
        self.template, self.display = template, display
        with zipfile.ZipFile(template) as archive:
            self.entries = {name: archive.read(name) for name in archive.namelist()}
        tags = re.compile(rb"\{[{%]")
        self.fast = not any(tags.search(data) for name, data in self.entries.items()
                            if re.fullmatch(r"word/(header|footer)\d*\.xml", name)) \
            and b"{%tc" not in self.entries.get(DOCUMENT, b"")
        if not self.fast:
            return
        tpl = DocxTemplate(template)
        tpl.render_init()
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
        with template_errors(display):
            self.compiled = make_environment().from_string(source)
        self.listing = tpl.resolve_listing
        self.document = self.entries[DOCUMENT].decode("utf-8")

    def render(self, context: dict, info: DocumentInfo) -> bytes:
        """One document as reproducible .docx bytes."""
        if not self.fast:
            return render_docx(self.template, self.display, context, info)
        pictures = _Pictures()
        with template_errors(self.display):
            body = self.compiled.render(_with_pictures(pictures, context))
        body = re.sub(r"\n<w:p([ >])", r"<w:p\1", body)
        body = body.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        counter = iter(range(1001, 10**9))
        body = DOC_PR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}", self.listing(body))
        inner = body[body.index(">", body.index("<w:body")) + 1: body.rindex("</w:body>")]
        files = dict(self.entries)
        files[DOCUMENT] = BODY.sub(lambda _m: f"<w:body>{inner}</w:body>", self.document, count=1).encode("utf-8")
        files[CORE] = _core_xml(info).encode("utf-8")
        if pictures.relations:
            rels = files[RELS].decode("utf-8")
            extra = "".join(f'<Relationship Id="{rid}" Type="{IMAGE_REL}" Target="{target}"/>'
                            for rid, target in pictures.relations)
            files[RELS] = rels.replace("</Relationships>", extra + "</Relationships>").encode("utf-8")
            types = files[TYPES].decode("utf-8")
            for ext in sorted({Path(t).suffix[1:] for _r, t in pictures.relations}):
                if f'Extension="{ext}"' not in types:
                    types = types.replace("</Types>", f'<Default Extension="{ext}" ContentType="{CONTENT_TYPES[ext]}"/></Types>')
            files[TYPES] = types.encode("utf-8")
            files.update(pictures.media)
        return _zip(files)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files, key=lambda n: (n != TYPES, n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


_WORKER: BatchRenderer | None = None


def _start_worker(template: Path, display: str) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = BatchRenderer(template, display)


def _render_in_worker(job: tuple[dict, DocumentInfo]) -> bytes:
    return _WORKER.render(*job)


def render_many(template: Path, display: str, jobs: list[tuple[dict, DocumentInfo]],
                progress: Callable[[Iterable, str], Iterable] | None = None, label: str = "生成文档",
                workers: int | None = None) -> Iterator[bytes]:
    """Every job's document, in order; in worker processes (one compiled template each) when
    the batch is large enough to repay starting them."""
    workers = workers or min(2, os.cpu_count() or 1)
    wrap = progress or (lambda items, _label: items)
    if len(jobs) < IN_PROCESS_BELOW or workers < 2:
        renderer = BatchRenderer(template, display)
        yield from wrap((renderer.render(*job) for job in jobs), label)
        return
    BatchRenderer(template, display)  # compile errors surface here, not inside a worker
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(template, display))
    try:
        chunk = max(1, len(jobs) // (workers * 8))
        with _interrupts_deferred():  # workers start here; a Ctrl-C now must not reach them half-born
            results = pool.map(_render_in_worker, jobs, chunksize=chunk)
        yield from wrap(results, label)
    finally:
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:  # interrupted before its manager thread started: nothing to wait for
            pass


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while worker processes are forked, then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
