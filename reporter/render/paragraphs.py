"""The paragraphs of a .docx template as its author sees them: text and a label that says
where each is (第3段, 表格1第2行第2列, 页眉第1段), for messages about templates. Tags are read
as ``tags.normalize_tags`` reads them for rendering, so messages quote what is compiled."""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reporter.render.tags import TagReading, normalize_tags

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# The parts whose paragraphs a template's tags may be in, besides the body.
OTHER_TEXT_PARTS = re.compile(r"word/(header|footer)\d*\.xml|word/footnotes\.xml")
PLACES = {"header": "页眉", "footer": "页脚", "footnotes": "脚注"}
DOCXTPL_MARKERS = re.compile(r"(\{%|\{\{)(p|tr|tc|r)\s")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class TemplateParagraph:
    """The text of one paragraph of a template, tags as read, and where it is."""

    label: str
    text: str
    part: str = DOCUMENT


@dataclass(frozen=True)
class TemplateText:
    """A template's paragraphs in document order (body, then headers, footers and footnotes),
    and the tags that were not stored as typed, each with the label of its paragraph."""

    paragraphs: list[TemplateParagraph]
    readings: list[tuple[str, TagReading]]


def template_text(path: Path) -> TemplateText:
    """The paragraphs and rewritten tags of the template at ``path``."""
    paragraphs: list[TemplateParagraph] = []
    readings: list[tuple[str, TagReading]] = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        parts = [DOCUMENT] + sorted(n for n in names if OTHER_TEXT_PARTS.fullmatch(n))
        for part in parts:
            root = etree.fromstring(archive.read(part), PARSER)
            rewritten = normalize_tags(root)
            found = _paragraphs_of(root, part)
            paragraphs.extend(found)
            readings.extend((found[r.paragraph - 1].label, r) for r in rewritten)
    return TemplateText(paragraphs, readings)


def template_paragraphs(path: Path) -> list[TemplateParagraph]:
    """Every paragraph of the body, headers, footers and footnotes, in document order."""
    return template_text(path).paragraphs


def _paragraphs_of(root: etree._Element, part: str) -> list[TemplateParagraph]:
    found = []
    kind = re.sub(r"\d+$", "", part.rsplit("/", 1)[-1].removesuffix(".xml"))
    where = "" if part == DOCUMENT else PLACES.get(kind, "")
    tables = list(root.iter(f"{W}tbl"))
    for number, p in enumerate(root.iter(f"{W}p"), start=1):
        runs = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in p.iter(f"{W}r")]
        label = f"{where}第{number}段"
        cell = next(p.iterancestors(f"{W}tc"), None)
        if cell is not None:
            row = cell.getparent()
            table = next(row.iterancestors(f"{W}tbl"))
            r = list(table.iter(f"{W}tr")).index(row) + 1
            c = list(row.iter(f"{W}tc")).index(cell) + 1
            label = f"{where}表格{tables.index(table) + 1}第{r}行第{c}列"
        found.append(TemplateParagraph(label, "".join(runs), part))
    return found


def as_jinja(text: str) -> str:
    """A paragraph's text as docxtpl hands it to Jinja: ``{%p``, ``{%tr`` … read as ``{%``."""
    return DOCXTPL_MARKERS.sub(r"\1 ", text)


def paragraph_at(path: Path, part: str, source: str, lineno: int) -> TemplateParagraph | None:
    """The template paragraph that line ``lineno`` of a part's Jinja ``source`` (one
    paragraph a line, as the renderer compiles it) comes from, when that is certain: the
    only paragraph with tags whose text is on that line, counted among paragraphs of the
    same text on the lines before. ``None`` when it cannot be told."""
    lines = source.splitlines()
    if not 0 < lineno <= len(lines):
        return None
    try:
        paragraphs = [p for p in template_paragraphs(path) if p.part == part and TAG.search(p.text)]
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    on_line = {p.text for p in paragraphs if _squeezed(as_jinja(p.text)) in _squeezed(lines[lineno - 1])}
    if len(on_line) != 1:
        return None
    text = on_line.pop()
    same = [p for p in paragraphs if p.text == text]
    before = sum(_squeezed(as_jinja(text)) in _squeezed(line) for line in lines[:lineno - 1])
    return same[before] if before < len(same) else None


def _squeezed(text: str) -> str:
    """Text compared without markup, entities or white space."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text)))
