"""A .docx template as a package of parts: read once, written again for every document.

Only the parts a document changes are rewritten (the rendered text parts, the relationships
of parts that received pictures, the content types, the document properties); every other
part is copied byte for byte, and compressed only once for all the documents of a template:
its compressed bytes are copied into each zip. Edits are made on parsed XML (lxml), and the
zip is written with fixed timestamps and a fixed order, so the same document always gives the
same bytes (the bytes ``zipfile`` would write).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterable, Mapping

from lxml import etree

from reporter.errors import InputError
from reporter.model import Source
from reporter.render.environment import not_a_docx
from reporter.render.images import Placed
from reporter.render.properties import DocumentInfo, core_properties_xml
from reporter.render.sanitize import template_problems
from reporter.render.tags import normalize_tags
from reporter.zipfiles import Deflated, deflate, zip_package

TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
CORE = "docProps/core.xml"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
# Parts docxtpl renders besides the main document, as related from it.
TEXT_PARTS = (OFFICE + "header", OFFICE + "footer", OFFICE + "footnotes")
# A template is a form of a few pages with a logo at most: refuse anything that unpacks huge.
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)


def parse(data: bytes | str) -> etree._Element:
    """A part's XML, parsed as python-docx parses it (no entities, no network, no blank text)."""
    return etree.fromstring(data, PARSER)


def serialize(root: etree._Element) -> bytes:
    """A part's XML written as python-docx writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def rels_of(part: str) -> str:
    """The name of the relationships part of ``part`` (word/document.xml → word/_rels/document.xml.rels)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class TemplatePackage:
    """The files of a .docx template, and which of them hold text a template may fill in."""

    def __init__(self, source: Source):
        problems = template_problems(source.path, source.display)
        if problems:
            raise InputError(problems, f"模板有 {len(problems)} 处不安全的内容，未生成任何文件")
        try:
            with zipfile.ZipFile(source.path) as archive:
                if sum(info.file_size for info in archive.infolist()) > MAX_TEMPLATE_BYTES:
                    raise zipfile.BadZipFile("unpacks too large")
                self.entries = {name: archive.read(name) for name in archive.namelist()}
            self.main = self._targets(ROOT_RELS, "", (OFFICE + "officeDocument",))[0]
            self.text_parts = [self.main, *self._targets(rels_of(self.main), self.main, TEXT_PARTS)]
            self.roots = {name: parse(self.entries[name]) for name in self.text_parts}
        except (zipfile.BadZipFile, KeyError, IndexError, etree.XMLSyntaxError) as e:
            raise not_a_docx(source.display) from e
        for root in self.roots.values():
            normalize_tags(root)  # tags as their author sees them (Word and WPS split them into runs)
        self._ensure_core_properties()
        self._deflated: dict[str, Deflated] = {}

    def related(self, kind: str) -> etree._Element | None:
        """The part the main document relates to with ``kind`` (``styles``, ``settings``), parsed;
        None when there is none."""
        names = self._targets(rels_of(self.main), self.main, (OFFICE + kind,))
        return parse(self.entries[names[0]]) if names else None

    def _targets(self, rels: str, part: str, types: Iterable[str]) -> list[str]:
        """The parts ``part`` relates to with one of ``types``, as names inside the zip."""
        found = []
        for rel in parse(self.entries[rels]).iter(f"{{{PACKAGE_RELS}}}Relationship"):
            if rel.get("Type") in types and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                folder = posixpath.dirname(part)
                name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                if name in self.entries:
                    found.append(name)
        return found

    def _ensure_core_properties(self) -> None:
        """A template without document properties gets their part related and typed, so the
        properties written for each document are part of the package."""
        if CORE in self.entries:
            return
        rels = parse(self.entries[ROOT_RELS])
        _relate(rels, "rIdReporterCore", CORE_REL, CORE)
        self.entries[ROOT_RELS] = serialize(rels)
        types = parse(self.entries[TYPES])
        etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{CORE}", ContentType=CORE_TYPE)
        self.entries[TYPES] = serialize(types)

    def write(self, rendered: Mapping[str, bytes | Deflated], pictures: list[Placed], info: DocumentInfo) -> bytes:
        """The document: the template's files with ``rendered`` parts, ``pictures`` and the
        properties of ``info``, as reproducible zip bytes. A rendered part may come compressed
        already (a long body, compressed as it was written)."""
        files = dict(self.entries)
        compressed = {name: data for name, data in rendered.items() if isinstance(data, Deflated)}
        files.update((name, data) for name, data in rendered.items() if isinstance(data, bytes))
        files[CORE] = core_properties_xml(info)
        if pictures:
            for part in dict.fromkeys(p.part for p in pictures):
                name = rels_of(part)
                rels = parse(files[name]) if name in files else etree.Element(
                    f"{{{PACKAGE_RELS}}}Relationships", nsmap={None: PACKAGE_RELS})
                for picture in (p for p in pictures if p.part == part):
                    _relate(rels, picture.rel_id, OFFICE + "image", posixpath.relpath(picture.media, posixpath.dirname(part)))
                files[name] = serialize(rels)
            types = parse(files[TYPES])
            known = {d.get("Extension", "").lower() for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
            for picture in pictures:
                files[picture.media] = picture.data
                extension = posixpath.splitext(picture.media)[1][1:]
                if extension.lower() not in known:
                    known.add(extension.lower())
                    etree.SubElement(types, f"{{{CONTENT_TYPES}}}Default", Extension=extension, ContentType=picture.content_type)
            files[TYPES] = serialize(types)
        return zip_package((name, compressed.get(name) or self._compressed(name, files[name]))
                           for name in sorted(files, key=_zip_order))

    def compress_unchanged(self, rendered: set[str]) -> None:
        """Compress every part but the ``rendered`` ones and the properties, which each
        document writes anew (``_compressed`` then finds them done)."""
        for name, data in self.entries.items():
            if name not in rendered and name != CORE:
                self._compressed(name, data)

    def _compressed(self, name: str, data: bytes) -> bytes | Deflated:
        """A template part left as it is, compressed once for every document; any other
        part's bytes, to compress for this document."""
        if self.entries.get(name) is not data:
            return data
        if name not in self._deflated:
            self._deflated[name] = deflate(data)
        return self._deflated[name]


def _relate(rels: etree._Element, rel_id: str, rel_type: str, target: str) -> None:
    etree.SubElement(rels, f"{{{PACKAGE_RELS}}}Relationship", Id=rel_id, Type=rel_type, Target=target)


def _zip_order(name: str) -> tuple[bool, str]:
    """Content types first, then by name."""
    return name != TYPES, name
