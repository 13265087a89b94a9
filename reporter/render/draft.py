"""The mark of a draft: a rendered .docx with 草稿 at the top right of the header of every page,
so that a printed or forwarded draft cannot be taken for the final document.

Headers the document already has keep their content, the mark above it; where a section
has no header of a kind it shows (every page; even pages when the document sets odd and
even headers apart; a section's first page when it has its own), one holding only the mark
is added. A later section without a header of some kind shows the one of the section
before it, already marked. Equal inputs give equal bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from reporter.render.package import CONTENT_TYPES, OFFICE, PACKAGE_RELS, TYPES, parse, rels_of, serialize
from reporter.zipfiles import zip_package

DRAFT_WORD = "草稿"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
DOCUMENT = "word/document.xml"
SETTINGS_REL = OFFICE + "settings"
HEADER_REL = OFFICE + "header"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
#: The mark: 黑体 三号 (16 pt), flush right, single-spaced, no indent.
MARK_SIZE_HALF_POINTS = 32


def mark_paragraph(word: str = DRAFT_WORD) -> etree._Element:
    """The header paragraph holding ``word``."""
    paragraph = etree.Element(f"{W}p", nsmap={"w": W_NS})
    properties = etree.SubElement(paragraph, f"{W}pPr")
    etree.SubElement(properties, f"{W}spacing", {f"{W}before": "0", f"{W}after": "0", f"{W}line": "240",
                                                 f"{W}lineRule": "auto"})
    etree.SubElement(properties, f"{W}ind", {f"{W}firstLine": "0", f"{W}firstLineChars": "0"})
    etree.SubElement(properties, f"{W}jc", {f"{W}val": "right"})
    run = etree.SubElement(paragraph, f"{W}r")
    run_properties = etree.SubElement(run, f"{W}rPr")
    etree.SubElement(run_properties, f"{W}rFonts", {f"{W}ascii": "黑体", f"{W}eastAsia": "黑体",
                                                    f"{W}hAnsi": "黑体"})
    etree.SubElement(run_properties, f"{W}sz", {f"{W}val": str(MARK_SIZE_HALF_POINTS)})
    etree.SubElement(run_properties, f"{W}szCs", {f"{W}val": str(MARK_SIZE_HALF_POINTS)})
    etree.SubElement(run, f"{W}t").text = word
    return paragraph


def draft_marked(document: bytes, word: str = DRAFT_WORD) -> bytes:
    """``document`` (a .docx) with ``word`` in the header of every page."""
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = parse(parts[DOCUMENT])
    rels = parse(parts[rels_of(DOCUMENT)])
    types = parse(parts[TYPES])
    targets = {rel.get("Id"): posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
               for rel in rels if rel.get("Type") == HEADER_REL}
    kinds = {"default"} | ({"even"} if _odd_and_even(parts, rels) else set())
    marked: set[str] = set()
    shown: set[str] = set()  # the kinds of header an earlier section defines, inherited later
    for section in body.iter(f"{W}sectPr"):
        references = section.findall(f"{W}headerReference")
        for reference in references:
            name = targets.get(reference.get(f"{{{R_NS}}}id", ""))
            if name in parts and name not in marked:
                header = parse(parts[name])
                header.insert(0, mark_paragraph(word))
                parts[name] = serialize(header)
                marked.add(name)
        defined = {reference.get(f"{W}type", "default") for reference in references}
        wanted = kinds | ({"first"} if section.find(f"{W}titlePg") is not None else set())
        for kind in sorted(wanted - defined - shown):
            section.insert(0, _reference(kind, _new_header(parts, rels, types, word)))
        shown |= wanted | defined
    parts[DOCUMENT] = serialize(body)
    parts[rels_of(DOCUMENT)] = serialize(rels)
    parts[TYPES] = serialize(types)
    return zip_package(parts.items())


def _odd_and_even(parts: dict[str, bytes], rels: etree._Element) -> bool:
    """Whether the document sets odd and even pages' headers apart (w:evenAndOddHeaders)."""
    for rel in rels:
        if rel.get("Type") == SETTINGS_REL:
            name = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
            if name in parts:
                return parse(parts[name]).find(f"{W}evenAndOddHeaders") is not None
    return False


def _new_header(parts: dict[str, bytes], rels: etree._Element, types: etree._Element, word: str) -> str:
    """A new header part holding only the mark, related to the document; its relationship id."""
    number = 1
    while f"word/header_draft{number}.xml" in parts:
        number += 1
    name = f"word/header_draft{number}.xml"
    header = etree.Element(f"{W}hdr", nsmap={"w": W_NS, "r": R_NS})
    header.append(mark_paragraph(word))
    parts[name] = serialize(header)
    ids = {rel.get("Id") for rel in rels}
    rel_id = next(f"rIdDraft{n}" for n in range(1, len(ids) + 2) if f"rIdDraft{n}" not in ids)
    etree.SubElement(rels, f"{{{PACKAGE_RELS}}}Relationship", Id=rel_id, Type=HEADER_REL,
                     Target=posixpath.basename(name))
    etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{name}", ContentType=HEADER_TYPE)
    return rel_id


def _reference(kind: str, rel_id: str) -> etree._Element:
    reference = etree.Element(f"{W}headerReference")
    reference.set(f"{W}type", kind)
    reference.set(f"{{{R_NS}}}id", rel_id)
    return reference
