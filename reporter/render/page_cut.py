"""Long tables handed to LibreOffice one printed page at a time.

LibreOffice 7.4 takes time that grows with the square of a table's rows, both to import it
(each cell's formatting is claimed from all the others) and to lay it out (each row walks the
rows before it in its frame): the 5000-row problem list of a city's 督查通报 alone took it two
and a half minutes, against half a minute for the same rows as one table per printed page.
Such tables print exactly alike when each starts a page of its own with the header rows the
long table repeats there, so only where the pages break must be known, and that LibreOffice
itself tells (``probe``; ``publish.table_pages`` reads the probe's PDF and plans the pages).
The documents in ``outputs/`` keep their one long table: only LibreOffice's copy is cut.

A table is cut (``pageable_tables``) when it stands directly in the body with more than
``CUT_CELLS`` cells (and ``CUT_ROWS`` rows) after its header rows (those marked to repeat on every page), every row kept
whole on its page (``w:cantSplit``), no cell merged down into the next row, no table inside a
cell and no floating position, and it is not joined to a neighbouring table (LibreOffice, like
Word, makes one table of two that touch).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Mapping, Sequence

from lxml import etree

from reporter.model import PageableTable, TableProbe
from reporter.render.wordxml import PPR_ORDER, insert_at_place

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
DOCUMENT = "word/document.xml"
#: A table is cut at its pages when it has more cells than this after its header rows: the
#: time saved grows with the square of the cells (about 10 s at 8000 on a 2-core machine),
#: and the probe costs a LibreOffice start and a few pages (about 2 s).
CUT_CELLS = 4000
#: ... and more rows than this.
CUT_ROWS = 100
#: Rows in each table of a probe: few enough to cost little (the time of one table grows with
#: the square of its rows), many enough to join few tables (LibreOffice has been seen to break
#: a page early in a table that starts a page).
PROBE_ROWS = 250
#: A probe has at least this many rows, to fill a few pages.
PROBE_LEAST = 120
#: ... and this many printed twice, to see that a row prints as high wherever it is.
PROBE_TWINS = 20
# Characters that are as wide as any other of their kind: Chinese characters (CJK unified
# ideographs) and ASCII digits.
_SAME_WIDTH = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf0-9]")
#: Twips in a point.
TWIPS_PER_PT = 20
#: Word's default bottom margin (1 inch) for a section that names none.
DEFAULT_BOTTOM_TWIPS = 1440

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_OFF = {"0", "false", "off"}


def pageable_tables(docx: bytes) -> list[PageableTable]:
    """The tables of ``docx`` that LibreOffice is better given one page at a time, in
    document order (see the module's description)."""
    xml = _document_xml(docx)
    if xml is None or xml.count(b"<w:tc>") + xml.count(b"<w:tc ") <= CUT_CELLS:  # most documents: not parsed
        return []
    body = _body(_parse(xml))
    found = []
    for index, table in enumerate(body.findall(f"{W}tbl")):
        shape = _shape(table)
        if shape is not None:
            header, rows = shape
            found.append(PageableTable(index, header, rows, _bottom_margin(table) / TWIPS_PER_PT))
    return found


def cut(docx: bytes, pages: Mapping[int, Sequence[int]]) -> bytes:
    """``docx`` with each table numbered in ``pages`` (its place among the body's tables) made
    into one table per printed page: ``pages[n]`` gives how many rows after the header rows
    go on each page. Every table after the first starts a page and repeats the header rows,
    and a hidden paragraph keeps it from being joined to the one before."""
    root = _parse(_document_xml(docx))
    _cut_tables(_body(root), pages)
    return _with_document(docx, root)


def probe(docx: bytes, table: int, pages: Mapping[int, Sequence[int]]) -> TableProbe:
    """A document that shows LibreOffice's page breaks around table number ``table`` of
    ``docx`` (the tables numbered in ``pages`` cut first, as ``cut`` does); see ``TableProbe``.

    The probe holds what the body holds from the start of the page the table begins on (a
    page break, a new section or the start of the document), then the table's header rows and
    one row of each kind (``_kind``: rows that differ only in which Chinese characters or
    digits they hold are as high as each other), at least ``PROBE_LEAST`` rows in all, then a
    second copy of some of them (``PROBE_TWINS``), in small tables of their own that flow on
    from page to page without repeating the header (so each row's height and the table's top
    on every page can be measured), and nothing after them; the section's page settings and
    footers are those of ``docx``. Call it only for a table ``pageable_tables`` named."""
    root = _parse(_document_xml(docx))
    body = _body(root)
    target = body.findall(f"{W}tbl")[table]
    section = _section_of(target)
    header, _rest = _shape(target) or (0, 0)
    _cut_tables(body, pages)
    kept = _page_start(target) or []
    every = target.findall(f"{W}tr")
    rows, places = _kinds(every, header)
    twins = []
    body_rows = range(header, len(rows))
    for original in body_rows[::max(1, len(body_rows) // PROBE_TWINS)][:PROBE_TWINS]:
        twins.append((original, len(rows)))
        rows.append(copy.deepcopy(rows[original]))
    for row in every:
        for mark in row.findall(f"{W}trPr/{W}tblHeader"):
            mark.getparent().remove(mark)
    pieces = []
    for start in range(0, len(rows), PROBE_ROWS):
        pieces.append(_table_with(target, rows[start:start + PROBE_ROWS]))
    elements = [etree.Element(f"{W}p")] if kept and _breaks_page(kept[0]) else []  # a page for the break to leave
    elements += kept
    for i, piece in enumerate(pieces):
        elements += [_hidden_paragraph(), piece] if i else [piece]
    elements += [_hidden_paragraph(), section]
    # Written out piece by piece: taking the rest out of the tree would walk all of it.
    return TableProbe(_with_body(docx, root, elements), places, tuple(twins))


def _kinds(rows: list[etree._Element], header: int) -> tuple[list[etree._Element], tuple[int, ...]]:
    """The rows a probe needs (the header rows, then the first row of each kind, then the
    rows after the last of those until there are ``PROBE_LEAST``) and, for every row, the
    place among them of the one printed as it is."""
    chosen = list(rows[:header])
    places = list(range(header))
    first: dict[bytes, int] = {}
    for row in rows[header:]:
        kind = _kind(row)
        if kind not in first:
            first[kind] = len(chosen)
            chosen.append(row)
        places.append(first[kind])
    if len(chosen) < PROBE_LEAST:  # pages enough to see where they start and end
        taken = {id(row) for row in chosen}
        for position, row in enumerate(rows):
            if len(chosen) >= PROBE_LEAST:
                break
            if id(row) not in taken:
                places[position] = len(chosen)
                chosen.append(row)
    return chosen, tuple(places)


def _kind(row: etree._Element) -> bytes:
    """What sets a row's height: the row as written, with every Chinese character written as
    一 and every digit as 0 (in the fonts documents use, all Chinese characters are as wide as
    each other and so are all digits, and a line may break between any two Chinese characters
    and never inside a number)."""
    shape = copy.deepcopy(row)
    for text in shape.iter(f"{W}t"):
        if text.text:
            text.text = _SAME_WIDTH.sub(_stand_in, text.text)
    return etree.tostring(shape)


def _stand_in(match: re.Match[str]) -> str:
    return "0" if match.group(0).isdigit() else "一"


# --- which tables ---------------------------------------------------------------------------------

def _shape(table: etree._Element) -> tuple[int, int] | None:
    """(header rows, rows after them) of a table that may be cut at its pages, else None."""
    rows = table.findall(f"{W}tr")
    if len(rows) != len([child for child in table if child.tag == f"{W}tr"]) or len(rows) <= CUT_ROWS:
        return None
    if table.find(f"{W}tblPr/{W}tblpPr") is not None or table.find(f".//{W}tc//{W}tbl") is not None:
        return None
    if table.find(f".//{W}vMerge") is not None:
        return None
    if not all(_on(row.find(f"{W}trPr/{W}cantSplit")) for row in rows):
        return None
    header = 0
    while header < len(rows) and _on(rows[header].find(f"{W}trPr/{W}tblHeader")):
        header += 1
    if len(rows) - header <= CUT_ROWS or any(_on(r.find(f"{W}trPr/{W}tblHeader")) for r in rows[header:]):
        return None
    if sum(len(row.findall(f"{W}tc")) for row in rows[header:]) <= CUT_CELLS:
        return None
    before, after = table.getprevious(), table.getnext()
    if (before is not None and before.tag == f"{W}tbl") or (after is not None and after.tag == f"{W}tbl"):
        return None  # joined to its neighbour
    if _page_start(table) is None:
        return None
    return header, len(rows) - header


def _on(mark: etree._Element | None) -> bool:
    return mark is not None and mark.get(f"{W}val", "true") not in _OFF


def _page_start(table: etree._Element) -> list[etree._Element] | None:
    """The body's elements from the start of the page ``table`` begins on up to it, or None
    when that start is not clear (a section that continues on the same page)."""
    kept: list[etree._Element] = []
    element = table.getprevious()
    while element is not None:
        if element.tag == f"{W}p":
            section = element.find(f"{W}pPr/{W}sectPr")
            if section is not None:
                kind = section.find(f"{W}type")
                if kind is not None and kind.get(f"{W}val") == "continuous":
                    return None
                break  # a new section: a new page
            kept.append(element)
            if _breaks_page(element):
                break
        else:
            kept.append(element)
            if element.tag == f"{W}tbl" and _breaks_page(element):
                break
        element = element.getprevious()
    kept.reverse()
    return kept


def _breaks_page(element: etree._Element) -> bool:
    """Whether ``element`` (a paragraph, or a table by its first paragraph) starts a page or
    holds a page break."""
    paragraph = element if element.tag == f"{W}p" else element.find(f"{W}tr/{W}tc/{W}p")
    if paragraph is None:
        return False
    if _on(paragraph.find(f"{W}pPr/{W}pageBreakBefore")):
        return True
    return element.tag == f"{W}p" and any(br.get(f"{W}type") == "page" for br in element.iter(f"{W}br"))


def _section_of(table: etree._Element) -> etree._Element:
    """A copy of the section properties that apply to ``table``: those of the first section
    break after it, else the body's."""
    element = table.getnext()
    while element is not None:
        if element.tag == f"{W}p":
            found = element.find(f"{W}pPr/{W}sectPr")
            if found is not None:
                return copy.deepcopy(found)
        elif element.tag == f"{W}sectPr":
            return copy.deepcopy(element)
        element = element.getnext()
    return etree.Element(f"{W}sectPr")


def _bottom_margin(table: etree._Element) -> int:
    margin = _section_of(table).find(f"{W}pgMar")
    value = margin.get(f"{W}bottom", "") if margin is not None else ""
    return abs(int(value)) if value.lstrip("-").isdigit() else DEFAULT_BOTTOM_TWIPS


# --- cutting --------------------------------------------------------------------------------------

def _cut_tables(body: etree._Element, pages: Mapping[int, Sequence[int]]) -> None:
    tables = body.findall(f"{W}tbl")
    for number, counts in pages.items():
        table = tables[number]
        header, _rows = _shape(table) or (0, 0)
        rows = table.findall(f"{W}tr")
        heads, rest = rows[:header], rows[header:]
        if sum(counts) != len(rest) or not counts or min(counts) < 1:
            raise ValueError(f"table {number}: {sum(counts)} rows planned for {len(rest)}")
        pieces, start = [], 0
        for page, count in enumerate(counts):
            piece_rows = ([copy.deepcopy(r) for r in heads] if page else list(heads)) + rest[start:start + count]
            piece = _table_with(table, piece_rows)
            if page:
                _start_page(piece)
            pieces.append(piece)
            start += count
        place = table
        for i, piece in enumerate(pieces):
            if i:
                place.addnext(_hidden_paragraph())
                place = place.getnext()
            place.addnext(piece)
            place = piece
        body.remove(table)


def _table_with(table: etree._Element, rows: Sequence[etree._Element]) -> etree._Element:
    """A table with ``table``'s properties and grid and the given rows."""
    piece = etree.Element(f"{W}tbl")
    for child in table:
        if child.tag != f"{W}tr":
            piece.append(copy.deepcopy(child))
    piece.extend(rows)
    return piece


def _start_page(table: etree._Element) -> None:
    """A page break before ``table``: on the first paragraph of its first cell, where Word and
    LibreOffice take it as the table's."""
    paragraph = table.find(f"{W}tr/{W}tc/{W}p")
    if paragraph is None:
        return
    ppr = paragraph.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.Element(f"{W}pPr")
        paragraph.insert(0, ppr)
    for old in ppr.findall(f"{W}pageBreakBefore"):
        ppr.remove(old)
    insert_at_place(ppr, etree.Element(f"{W}pageBreakBefore"), PPR_ORDER)


def _hidden_paragraph() -> etree._Element:
    """An empty paragraph of no height (its mark hidden) that keeps two tables apart."""
    return etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:vanish/><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


# --- the package ----------------------------------------------------------------------------------

def _document_xml(docx: bytes) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            return archive.read(DOCUMENT)
    except (zipfile.BadZipFile, KeyError, OSError):
        return None


def _parse(xml: bytes | None) -> etree._Element:
    """The main part parsed; ValueError when it cannot be."""
    try:
        return etree.fromstring(xml or b"", _PARSER)
    except etree.XMLSyntaxError as e:
        raise ValueError(f"{DOCUMENT}: {e}") from e


def _body(root: etree._Element) -> etree._Element:
    body = root.find(f"{W}body")
    if body is None:
        raise ValueError("no w:body")
    return body


def _with_document(docx: bytes, root: etree._Element) -> bytes:
    """``docx`` with its main part replaced by ``root``."""
    return _with_part(docx, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_body(docx: bytes, root: etree._Element, elements: Sequence[etree._Element]) -> bytes:
    """``docx`` with its main part the document ``root`` whose body holds only ``elements``."""
    shell = etree.Element(root.tag, nsmap=root.nsmap)
    etree.SubElement(shell, f"{W}body").append(etree.ProcessingInstruction("reporter-body"))
    head, tail = etree.tostring(shell, xml_declaration=True, encoding="UTF-8", standalone=True).split(b"<?reporter-body ?>")
    return _with_part(docx, b"".join([head, *(etree.tostring(e) for e in elements), tail]))


def _with_part(docx: bytes, xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, xml if info.filename == DOCUMENT else source.read(info))
    return out.getvalue()
