"""Hostile .docx templates for tests, built from a plain one: external links, fields that
fetch, altChunk, attachedTemplate, DOCTYPE, OLE objects, huge pictures, zip bombs; and a
local HTTP server that records every request made to it."""

from __future__ import annotations

import http.server
import io
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import make_template

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = R_NS + "/"
BODY_END = "<w:sectPr"


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width``×``height`` pixels: signature and IHDR only (never decodable)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def edit_docx(path: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    """Rewrites the .docx at ``path`` after ``edit`` changed its parts (name → bytes)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    edit(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _add_rel(parts: dict[str, bytes], rels: str, rel_id: str, rel_type: str, target: str, external: bool) -> None:
    mode = ' TargetMode="External"' if external else ""
    text = parts[rels].decode()
    relation = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"{mode}/>'
    parts[rels] = text.replace("</Relationships>", relation + "</Relationships>").encode()


def _add_body(parts: dict[str, bytes], xml: str) -> None:
    text = parts["word/document.xml"].decode()
    at = text.rindex(BODY_END)
    parts["word/document.xml"] = (text[:at] + xml + text[at:]).encode()


def _ensure_r_namespace(parts: dict[str, bytes]) -> None:
    text = parts["word/document.xml"].decode()
    if "xmlns:r=" not in text:
        text = text.replace("<w:document ", f'<w:document xmlns:r="{R_NS}" ', 1)
    parts["word/document.xml"] = text.encode()


def linked_image(url: str) -> Callable[[dict[str, bytes]], None]:
    """A picture shown from ``url`` (``r:link``), not embedded."""
    def edit(parts: dict[str, bytes]) -> None:
        _ensure_r_namespace(parts)
        _add_rel(parts, "word/_rels/document.xml.rels", "rIdHostileImage", OFFICE + "image", url, True)
        _add_body(parts, (
            '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            '<wp:extent cx="914400" cy="914400"/><wp:docPr id="901" name="p"/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:nvPicPr><pic:cNvPr id="0" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:link="rIdHostileImage"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'))
    return edit


def simple_field(instruction: str) -> Callable[[dict[str, bytes]], None]:
    """A ``w:fldSimple`` field with ``instruction``."""
    def edit(parts: dict[str, bytes]) -> None:
        attribute = instruction.replace("&", "&amp;").replace('"', "&quot;")
        _add_body(parts, f'<w:p><w:fldSimple w:instr="{attribute}"><w:r><w:t>域</w:t></w:r></w:fldSimple></w:p>')
    return edit


def complex_field(*pieces: str) -> Callable[[dict[str, bytes]], None]:
    """A complex field whose instruction is split over runs (as Word writes it)."""
    def edit(parts: dict[str, bytes]) -> None:
        runs = "".join(f'<w:r><w:instrText xml:space="preserve">{p}</w:instrText></w:r>' for p in pieces)
        _add_body(parts, ('<w:p><w:r><w:t>图：</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' + runs
                          + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>旧图</w:t></w:r>'
                          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    return edit


def attached_template(url: str) -> Callable[[dict[str, bytes]], None]:
    """A remote template attached in the settings (Word fetches it on opening)."""
    def edit(parts: dict[str, bytes]) -> None:
        rels = "word/_rels/settings.xml.rels"
        parts.setdefault(rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                               b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                               b'</Relationships>')
        _add_rel(parts, rels, "rIdHostileTemplate", OFFICE + "attachedTemplate", url, True)
        text = parts["word/settings.xml"].decode()
        if "xmlns:r=" not in text:
            text = text.replace("<w:settings ", f'<w:settings xmlns:r="{R_NS}" ', 1)
        at = text.index(">", text.index("<w:settings")) + 1
        parts["word/settings.xml"] = (text[:at] + '<w:attachedTemplate r:id="rIdHostileTemplate"/>' + text[at:]).encode()
    return edit


def alt_chunk(url: str) -> Callable[[dict[str, bytes]], None]:
    """An altChunk: an HTML part merged into the body, itself showing an image from ``url``."""
    def edit(parts: dict[str, bytes]) -> None:
        _ensure_r_namespace(parts)
        parts["word/chunk.html"] = f'<html><body><p>外部</p><img src="{url}"></body></html>'.encode()
        text = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = text.replace(
            "</Types>", '<Override PartName="/word/chunk.html" ContentType="text/html"/></Types>').encode()
        _add_rel(parts, "word/_rels/document.xml.rels", "rIdHostileChunk", OFFICE + "aFChunk", "chunk.html", False)
        _add_body(parts, '<w:altChunk r:id="rIdHostileChunk"/>')
    return edit


def hyperlink(url: str) -> Callable[[dict[str, bytes]], None]:
    """A clickable link to ``url`` (never fetched by itself)."""
    def edit(parts: dict[str, bytes]) -> None:
        _ensure_r_namespace(parts)
        _add_rel(parts, "word/_rels/document.xml.rels", "rIdHostileLink", OFFICE + "hyperlink", url, True)
        _add_body(parts, '<w:p><w:hyperlink r:id="rIdHostileLink"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>')
    return edit


def doctype(parts: dict[str, bytes]) -> None:
    """A DOCTYPE with an entity in the main document."""
    text = parts["word/document.xml"].decode()
    at = text.index("<w:document")
    parts["word/document.xml"] = (text[:at] + '<!DOCTYPE w:document [<!ENTITY x "实体">]>' + text[at:]).encode()


def ole_object(parts: dict[str, bytes]) -> None:
    """An embedded OLE object (a binary part and its reference in the body)."""
    _ensure_r_namespace(parts)
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 60
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdHostileOle", OFFICE + "oleObject",
             "embeddings/oleObject1.bin", False)
    _add_body(parts, '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
                     'Type="Embed" ProgID="Package" r:id="rIdHostileOle"/></w:object></w:r></w:p>')


def huge_picture(parts: dict[str, bytes]) -> None:
    """A picture in the package declaring 30000×30000 pixels."""
    parts["word/media/image9.png"] = png_header(30000, 30000)


def hostile_template(path: Path, *edits: Callable[[dict[str, bytes]], None],
                     paragraphs: list | None = None) -> Path:
    """A template with ``paragraphs`` (a plain line by default), changed by ``edits``."""
    make_template(path, paragraphs or ["正文{{ 活动.标题 }}"])
    for edit in edits:
        edit_docx(path, edit)
    return path


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(png_header(1, 1))

    do_HEAD = do_GET
    do_OPTIONS = do_GET
    do_PROPFIND = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 (a free port): its base URL and the paths requested from it."""
    requests: list[str] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
