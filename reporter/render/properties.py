"""The document properties (title, author, dates) of every rendered document.

They are written from ``DocumentInfo`` alone, never carried over from the template, so the
same input gives the same bytes and a template's author or dates never leak into outputs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"cp": CP, "dc": DC, "dcterms": DCTERMS, "dcmitype": "http://purl.org/dc/dcmitype/", "xsi": XSI}


@dataclass(frozen=True)
class DocumentInfo:
    """Document properties written into every output: fixed, so output is reproducible."""

    title: str
    author: str
    stamp: dt.datetime


def core_properties_xml(info: DocumentInfo) -> bytes:
    """docProps/core.xml for ``info``: title, author (also last modified by), revision 1,
    created and modified at ``info.stamp``."""
    root = etree.Element(f"{{{CP}}}coreProperties", nsmap=NSMAP)
    stamp = info.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag, text in ((f"{{{DC}}}title", info.title), (f"{{{DC}}}creator", info.author),
                      (f"{{{CP}}}lastModifiedBy", info.author), (f"{{{CP}}}revision", "1"),
                      (f"{{{DCTERMS}}}created", stamp), (f"{{{DCTERMS}}}modified", stamp)):
        element = etree.SubElement(root, tag)
        element.text = text
        if tag.startswith(f"{{{DCTERMS}}}"):
            element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
