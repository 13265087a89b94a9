"""Pieces of a large XML part parsed and written on their own, exactly as they would be
within the whole part: a table row of a 20,000-row table, the paragraph holding a chart's
marker. Parsing the whole part would hold all of it as a tree (about twelve times its text).

A piece is parsed inside a holder element carrying the part's root namespace declarations,
so its prefixes mean what they mean in the part, and is written back from within that
holder, so no declaration is repeated on it: the bytes are those the whole part's
serialization would give for it.
"""

from __future__ import annotations

import re

from docx.oxml.parser import parse_xml
from lxml import etree

_START_TAG = re.compile(rb"<(?![?!])[^>]*>")
_DECLARATION = re.compile(rb"""\sxmlns(?::[\w.-]+)?=("[^"]*"|'[^']*')""")
HOLDER = b"reporter-fragment"


class Fragments:
    """Parses and writes pieces of one part, given the part's XML (UTF-8, or its start)."""

    def __init__(self, part: bytes | bytearray):
        root = _START_TAG.search(part)
        self._start = b"<" + HOLDER + b"".join(m.group(0) for m in _DECLARATION.finditer(root.group(0) if root else b"")) + b">"
        self._end = b"</" + HOLDER + b">"

    def parse(self, piece: bytes | bytearray) -> etree._Element:
        """A holder element whose children are ``piece``'s elements (python-docx's parser, as
        the whole part is parsed with)."""
        return parse_xml(self._start + piece + self._end)

    @staticmethod
    def write(holder: etree._Element) -> bytes:
        """The holder's children as UTF-8 bytes, as the whole part would write them."""
        data = etree.tostring(holder, encoding="UTF-8", xml_declaration=False)
        if data.endswith(b"/>") and data.count(b">") == 1:
            return b""  # an empty holder
        return data[data.index(b">") + 1:data.rindex(b"</")]
