"""Rendering .docx templates safely and reproducibly: one template compiled once, any number
of documents rendered from it.

A ``Renderer`` reads the template's package once, turns each part that holds tags (the
body, headers, footers, footnotes) into Jinja source the way docxtpl does (its template
dialect: tags stitched across runs, ``{%p``/``{%tr``/``{%tc`` tags, ``\\n``/``\\a``/``\\f`` in
values), and compiles it once in the sandboxed environment of ``environment.py``. Each
document is then one Jinja render per part, parsed back (lxml), its tables fitted, merged
and laid out for the page (``table_fit``), its 落款 placed (``signature``), its pictures added and its properties written: the
same input always gives the same bytes. ``workers.render_many`` renders per-unit batches with the same object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from lxml import etree

from reporter.model import CellMerge, Source
from reporter.printed import Marks, unmarked
from reporter.render.environment import (
    XML_INVALID,
    Filters,
    filter_table,
    make_environment,
    template_errors,
    xml_safe,
)
from reporter.render import long_tables
from reporter.render.backmatter import BACK_MATTER_STYLE, place_back_matter
from reporter.render.images import Pictures, number_drawings, with_pictures
from reporter.render.measure import DATES_ONLY, Lexicon, Styles
from reporter.render.package import TemplatePackage, serialize
from reporter.render.properties import DocumentInfo
from reporter.render.signature import place_signatures
from reporter.render.table_fit import TableRows, compatibility_mode, fit_tables
from reporter.render.tables import fit_grids, merge_cells
from reporter.zipfiles import Deflated, deflate

__all__ = ["XML_INVALID", "DocumentInfo", "Renderer", "filter_table", "make_environment", "render_docx", "xml_safe"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAGS = re.compile(r"\{[{%#]")
# docxtpl's escapes for literal braces in templates ({_{ prints {{), undone after rendering.
LITERAL_BRACES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
#: Rendered output is turned into XML in pieces of about this many characters, each ending after a paragraph.
PIECE_CHARS = 1 << 20
PARAGRAPH_END = "</w:p>"
#: What docxtpl's ``resolve_listing`` turns into Word's breaks, tabs and paragraphs.
LISTING_CHARACTERS = "\n\t\a\f"


@dataclass(frozen=True)
class _Part:
    """A part of the template that holds tags: its name and its compiled Jinja template."""

    name: str
    source: str
    template: jinja2.Template


class Renderer:
    """One .docx template, compiled once, rendering any number of documents.

    ``filters`` are added to the formatting filters every template has (a document type's
    own, such as the report's figure-tracing ones). A template that does not compile
    raises an ``InputError`` here; one that fails for a context raises it from ``render``.
    """

    def __init__(self, source: Source, filters: Filters | None = None, lexicon: Lexicon = DATES_ONLY):
        self.source = source
        self.lexicon = lexicon  # the words table cells never break (``table_fit``)
        self.package = TemplatePackage(source)
        # docxtpl's own preparation of a part's XML for Jinja (patch_xml) and its handling of
        # line breaks, tabs and paragraph or page breaks in values (resolve_listing) define the
        # template dialect users write; docxtpl offers them only as methods of DocxTemplate,
        # which reads nothing until asked, so one instance serves as their namespace.
        self._dialect = DocxTemplate(source.path)
        # What laying out tables needs from the template: its styles and Word compatibility mode.
        self.styles = Styles(self.package.related("styles"))
        self.compat = compatibility_mode(self.package.related("settings"))
        env = make_environment(filters)
        self.parts: list[_Part] = []
        for name in self.package.text_parts:
            source_text = self._jinja_source(self.package.roots[name])
            if name != self.package.main and not TAGS.search(source_text):
                continue  # a header or footer without tags stays as it is
            with template_errors(source.display, source_text, source.path, name):
                self.parts.append(_Part(name, source_text, env.from_string(source_text)))

    def compress_unchanged_parts(self) -> None:
        """Compress now, once, the template's parts no document changes (styles, fonts, theme…),
        which ``render`` would otherwise compress with the first document: done before worker
        processes are forked, it is done once for all of them."""
        self.package.compress_unchanged({part.name for part in self.parts})

    def _jinja_source(self, element: etree._Element) -> str:
        """A part's XML as Jinja source: docxtpl's clean-up of tags, then one paragraph a
        line, so that Jinja's line numbers point at paragraphs. The main document's whole
        root is rendered (docxtpl renders its body and swaps it in; moving a large rendered
        body between XML trees costs seconds, rendering the few tags around it nothing)."""
        xml = self._dialect.patch_xml(etree.tostring(element, encoding="unicode"))
        return xml.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ")

    def render(self, context: Mapping[str, Any], info: DocumentInfo,
               merges: Iterable[CellMerge] = (), marks: Marks | None = None) -> bytes:
        """One document as reproducible .docx bytes; ``merges`` are table cells to merge
        afterwards (computed by the caller, not by template tags); ``marks`` are taken out of
        the output, reporting each marked figure's text as printed (``reporter.printed``)."""
        display = self.source.display
        pictures = Pictures(self.package.main, frozenset(self.package.entries))
        values = with_pictures(pictures, dict(context))
        rendered: dict[str, bytes | Deflated] = {}
        for part in self.parts:
            pictures.part = part.name
            with template_errors(display, part.source, self.source.path, part.name):
                # Held in a list and handed over, so that a long part's text is let go early.
                xml = [self._xml(part.template.generate(values), marks)]
            if part.name == self.package.main:
                rendered[part.name] = self._laid_out(xml, merges)
            else:
                text = bytes(xml.pop())
                with template_errors(display, text):
                    rendered[part.name] = serialize(parse_xml(text))
        return self.package.write(rendered, pictures.placed, info)

    def _laid_out(self, handed: list[bytearray], merges: Iterable[CellMerge]) -> bytes | Deflated:
        """The rendered main part (the one item of ``handed``, taken out of it) parsed and laid
        out for the page. The rows of long tables are laid out one at a time outside the tree
        (``long_tables``) unless the body must be seen whole; a fault in the XML is named from
        the whole text."""
        text: bytes | bytearray = handed.pop()
        skeleton, long = long_tables.take_out(text, self.styles)
        if long:
            try:
                root = parse_xml(skeleton)
                body = root.find(f"{W}body")
                streamed = long_tables.placed(body, long, merges) if body is not None else None
                if body is not None and streamed is not None:
                    self._lay_out(body, merges, streamed)
                    shell = serialize(root)
                    del text, skeleton, root, body, streamed
                    return deflate(long_tables.put_back(shell, long))
            except etree.XMLSyntaxError:
                pass  # parsing the whole text below names the fault
        text = bytes(text)
        with template_errors(self.source.display, text):
            root = parse_xml(text)
        body = root.find(f"{W}body")
        if body is not None:
            self._lay_out(body, merges, {})
        return serialize(root)

    def _lay_out(self, body: etree._Element, merges: Iterable[CellMerge],
                 streamed: Mapping[etree._Element, TableRows]) -> None:
        """Grids fitted, drawings numbered, cells merged, tables fitted, 落款 and 版记 placed."""
        fit_grids(body)
        number_drawings(body)
        merge_cells(body, merges)
        fit_tables(body, self.styles, self.compat, streamed, self.lexicon)
        place_signatures(body)
        place_back_matter(body, self.styles.ids_named(BACK_MATTER_STYLE))

    def _xml(self, output: Iterator[str], marks: Marks | None) -> bytearray:
        """Jinja's output, as it comes, made the part's XML (UTF-8) piece by piece: pieces of
        about ``PIECE_CHARS`` end after a paragraph (no paragraph, mark or escape straddles
        two), so a part of tens of megabytes is never held as several whole copies."""
        xml = bytearray()
        pending: list[str] = []
        size, searched, limit = 0, 0, PIECE_CHARS
        for chunk in output:
            pending.append(chunk)
            size += len(chunk)
            if size < limit:
                continue
            text = "".join(pending)
            end = text.rfind(PARAGRAPH_END, max(searched - len(PARAGRAPH_END), 0))
            if end < 0:  # one long paragraph so far: look again once it has doubled
                pending, searched, limit = [text], size, 2 * size
                continue
            cut = end + len(PARAGRAPH_END)
            xml += self._piece(text[:cut], marks)
            pending = [text[cut:]]
            size = searched = len(pending[0])
            limit = PIECE_CHARS
        xml += self._piece("".join(pending), marks)
        return xml  # not copied into bytes: a long part's text would be held twice

    def _piece(self, output: str, marks: Marks | None) -> bytes:
        return self._finish(marks.settle(output) if marks else unmarked(output)).encode("utf-8")

    def _finish(self, text: str) -> str:
        """Rendered Jinja output back to the part's XML: paragraphs rejoined, literal
        braces restored, line breaks, tabs and breaks in values made Word's (docxtpl)."""
        text = text.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
        for escaped, brace in LITERAL_BRACES:
            text = text.replace(escaped, brace)
        if not any(character in text for character in LISTING_CHARACTERS):
            return text  # nothing for docxtpl's pass over every paragraph and run to change
        return self._dialect.resolve_listing(text)


def render_docx(template: Path, display: str, context: Mapping[str, Any], info: DocumentInfo,
                merges: Iterable[CellMerge] = (), filters: Filters | None = None) -> bytes:
    """One document from a template: ``Renderer(Source(template, display), filters).render(…)``."""
    return Renderer(Source(template, display), filters).render(context, info, merges)
