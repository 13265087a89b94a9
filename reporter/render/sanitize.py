"""What a .docx template may contain before reporter opens it: nothing that fetches, nothing huge.

A template is checked from its zip directory and raw parts, before any part is parsed for
rendering: the number and unpacked size of its parts, DOCTYPE and entity declarations,
relationships that point outside the package (only http, https and mailto hyperlinks may),
parts that pull in other documents (altChunk, attachedTemplate, subdocuments, frames),
embedded OLE objects and ActiveX controls, fields that fetch (INCLUDEPICTURE, INCLUDETEXT,
LINK, DDE …, as ``w:fldSimple`` or as complex fields) and pictures too large in pixels (read
from their headers, never decoded). Every finding is refused with the part and paragraph
it is in: a template is fixed once by its author, never silently changed.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import warnings
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from PIL import Image, UnidentifiedImageError

from reporter.errors import Problem

MAX_PARTS = 1000
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel picture is far beyond any logo or seal

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
HYPERLINK = OFFICE + "hyperlink"
SAFE_SCHEMES = ("http", "https", "mailto")
# Relationship types that pull another document or a program into the one shown.
PULLING = {
    "aFChunk": "嵌入的外部文档（altChunk）",
    "attachedTemplate": "附加模板（attachedTemplate）",
    "subDocument": "子文档",
    "frame": "框架网页",
    "oleObject": "嵌入的 OLE 对象",
    "package": "嵌入的文档对象",
    "control": "ActiveX 控件",
    "activeXControlBinary": "ActiveX 控件",
    "vbaProject": "宏",
}
FETCHING_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT", "DATABASE")
OLE_ELEMENTS = ("OLEObject", "control")
# Elements of those names in any namespace, found in one pass in C.
_OLE_XPATH = etree.XPath("//*[" + " or ".join(f"local-name()='{name}'" for name in OLE_ELEMENTS) + "]")
DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
FIX = "请在 Word 中删除它后另存模板"


def template_problems(path: Path, display: str) -> list[Problem]:
    """Everything in the template at ``path`` that reporter refuses; empty when it is safe to open.
    A file that is not a zip at all is left to the reader, which says so."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            problems = _size_problems(infos, display)
            if problems:
                return problems
            return [p for info in infos for p in _part_problems(archive, info, display)]
    except (zipfile.BadZipFile, OSError):
        return []


def _size_problems(infos: list[zipfile.ZipInfo], display: str) -> list[Problem]:
    if len(infos) > MAX_PARTS:
        return [Problem(display, f"模板由 {len(infos)} 个部件组成，超过上限 {MAX_PARTS}，不像一份正常的 Word 模板；"
                                 "请用 Word 或 WPS 重新另存为 .docx")]
    big = [i for i in infos if i.file_size > MAX_PART_BYTES]
    if big:
        return [Problem(display, f"部件解压后有 {_mb(i.file_size)} MB，超过单个部件上限 {_mb(MAX_PART_BYTES)} MB；"
                                 "请压缩或删除模板中的大图片后另存", where=i.filename) for i in big]
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        return [Problem(display, f"模板解压后共 {_mb(total)} MB，超过上限 {_mb(MAX_TOTAL_BYTES)} MB；"
                                 "请压缩或删除模板中的大图片后另存")]
    return []


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def _part_problems(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> list[Problem]:
    name = info.filename
    lower = name.lower()
    if lower.endswith(PICTURES):
        return _picture_problems(archive.read(name), name, display)
    if not lower.endswith((".xml", ".rels", ".vml")):
        if lower.startswith("word/embeddings/") or lower.endswith(".bin"):
            return [Problem(display, f"模板含嵌入的对象或控件（{posixpath.basename(name)}），reporter 不接受；{FIX}",
                            where=name)]
        return []
    data = archive.read(name)
    if DECLARATION.search(data) or DECLARATION.search(_as_utf8(data)):
        return [Problem(display, "部件含 DOCTYPE 或实体声明，Word 和 LibreOffice 会拒绝打开生成的文档；"
                                 "请用 Word 重新另存模板", where=name)]
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError:
        return []  # a broken part is the reader's to report
    if lower.endswith(".rels"):
        return _relationship_problems(root, name, display)
    return _field_problems(root, name, display) + _object_problems(root, name, display)


def _as_utf8(data: bytes) -> bytes:
    """A part written in UTF-16 as UTF-8, so that declarations in it are found too."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").encode()
    return b""


def _relationship_problems(root: etree._Element, name: str, display: str) -> list[Problem]:
    problems = []
    for rel in root.iter(RELS):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        where = f"{name} 关系 {rel.get('Id', '')}"
        if kind in PULLING:
            problems.append(Problem(display, f"模板含{PULLING[kind]}（{_short(target)}），"
                                             f"打开文档时可能读取外部文件或运行程序；{FIX}", where=where))
        elif rel.get("TargetMode") == "External" and not _plain_link(rel.get("Type") or "", target):
            problems.append(Problem(display, f"模板引用了外部资源（{_short(target)}），打开或转换文档时会访问网络或本机文件；"
                                             "只允许 http、https、mailto 超链接，请把图片等插入到文档中（不要“链接到文件”）后另存",
                                    where=where))
    return problems


def _plain_link(rel_type: str, target: str) -> bool:
    if rel_type != HYPERLINK or any(ord(ch) < 33 for ch in target):
        return False
    return urlsplit(target).scheme.lower() in SAFE_SCHEMES


def _short(text: str) -> str:
    return text if len(text) <= 60 else f"{text[:57]}…"


def _field_problems(root: etree._Element, name: str, display: str) -> list[Problem]:
    """Fields whose instruction fetches something, simple (``w:fldSimple``) or complex (runs
    of ``w:instrText`` between ``w:fldChar`` begin and separate)."""
    found: list[tuple[str, etree._Element]] = []
    for simple in root.iter(f"{W}fldSimple"):
        found.append((simple.get(f"{W}instr") or "", simple))
    # Complex fields nest: each open one collects its instruction until its separate (or end).
    open_fields: list[list[str] | None] = []
    for element in root.iter(f"{W}fldChar", f"{W}instrText"):
        kind = element.get(f"{W}fldCharType")
        if element.tag == f"{W}instrText":
            if open_fields and open_fields[-1] is not None:
                open_fields[-1].append(element.text or "")
            elif not open_fields:
                found.append((element.text or "", element))
        elif kind == "begin":
            open_fields.append([])
        elif kind in ("separate", "end") and open_fields:
            collected = open_fields[-1]
            if collected is not None:
                found.append(("".join(collected), element))
            if kind == "end":
                open_fields.pop()
            else:
                open_fields[-1] = None
    problems = []
    for instruction, element in found:
        words = instruction.split()
        if words and words[0].upper() in FETCHING_FIELDS:
            problems.append(Problem(display, f"模板含会读取外部内容的域 {words[0].upper()}（{_short(instruction.strip())}），"
                                             f"{FIX}（或选中后按 Ctrl+Shift+F9 转为普通文字）",
                                    where=_place(name, element)))
    return problems


def _object_problems(root: etree._Element, name: str, display: str) -> list[Problem]:
    return [Problem(display, f"模板含嵌入的 OLE 对象或控件，reporter 不接受；{FIX}", where=_place(name, element))
            for element in _OLE_XPATH(root)]


def _place(name: str, element: etree._Element) -> str:
    """The part and the paragraph (its number and opening words) an element is in."""
    paragraph = element if element.tag == f"{W}p" else next(element.iterancestors(f"{W}p"), None)
    if paragraph is None:
        return name
    root = paragraph.getroottree().getroot()
    number = next(i for i, p in enumerate(root.iter(f"{W}p"), start=1) if p is paragraph)
    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip()
    return f"{name} 第{number}段" + (f"“{text[:20]}”" if text else "")


def _picture_problems(data: bytes, name: str, display: str) -> list[Problem]:
    """A picture whose header declares more pixels than any template needs; only the header is read."""
    if data.startswith(PNG_SIGNATURE) and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])  # IHDR, first of every PNG
        return _too_large(width, height, name, display)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return [Problem(display, "模板中的图片像素过多，请缩小图片后重新插入", where=name)]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return []  # not a picture Pillow knows; its bytes are copied, never decoded
    return _too_large(width, height, name, display)


def _too_large(width: int, height: int, name: str, display: str) -> list[Problem]:
    if width * height <= MAX_PIXELS and max(width, height) <= 20000:
        return []
    return [Problem(display, f"模板中的图片有 {width}×{height} 像素，超过上限（{MAX_PIXELS // 1_000_000} 百万像素）；"
                             "请缩小图片后重新插入", where=name)]
