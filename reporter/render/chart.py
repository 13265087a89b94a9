"""Native Word charts: a ``BarChart`` placed into a rendered .docx where a marker text stands,
as an inline drawing in the body with its relationship, content type and chart part (the
part itself is written by ``chart_xml``).

Equal inputs give equal bytes.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator

from lxml import etree

from reporter.model import BarChart
from reporter.render.chart_place import SPARE_SUFFIX, Place, choose, spaces
from reporter.render.chart_xml import A_NS, C_NS, R_NS, chart_part
from reporter.render.fragments import Fragments
from reporter.render.wordxml import PPR_ORDER, insert_at_place
from reporter.zipfiles import FIXED_ZIP_TIME

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
STYLES = "word/styles.xml"
CONTENT_TYPES = "[Content_Types].xml"
EMU_PER_MM = 36000

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _inline(chart: BarChart, rel_id: str, shape_id: int) -> etree._Element:
    """``w:drawing`` holding the chart inline, ``chart.width_mm`` × ``chart.height_mm``."""
    drawing = etree.Element(f"{{{W_NS}}}drawing")
    inline = etree.SubElement(drawing, f"{{{WP_NS}}}inline", distT="0", distB="0", distL="0", distR="0")
    etree.SubElement(inline, f"{{{WP_NS}}}extent", cx=str(round(chart.width_mm * EMU_PER_MM)),
                     cy=str(round(chart.height_mm * EMU_PER_MM)))
    etree.SubElement(inline, f"{{{WP_NS}}}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(inline, f"{{{WP_NS}}}docPr", id=str(shape_id), name=f"图表 {shape_id}", descr=chart.title)
    etree.SubElement(inline, f"{{{WP_NS}}}cNvGraphicFramePr")
    graphic = etree.SubElement(inline, f"{{{A_NS}}}graphic", nsmap={"a": A_NS})
    data = etree.SubElement(graphic, f"{{{A_NS}}}graphicData", uri=C_NS)
    etree.SubElement(data, f"{{{C_NS}}}chart", {f"{{{R_NS}}}id": rel_id}, nsmap={"c": C_NS, "r": R_NS})
    return drawing


def _new_run(r_pr: etree._Element | None) -> etree._Element:
    """An empty ``w:r`` with a copy of the run properties ``r_pr``."""
    run = etree.Element(f"{{{W_NS}}}r")
    if r_pr is not None:
        run.append(copy.deepcopy(r_pr))
    return run


def _has_content(run: etree._Element) -> bool:
    return any(child.tag != f"{{{W_NS}}}rPr" for child in run)


def _property(paragraph: etree._Element, name: str) -> etree._Element:
    """The paragraph's ``w:pPr/w:name``, made in its schema place when missing."""
    p_pr = paragraph.find(f"{{{W_NS}}}pPr")
    if p_pr is None:
        p_pr = etree.Element(f"{{{W_NS}}}pPr")
        paragraph.insert(0, p_pr)
    found = p_pr.find(f"{{{W_NS}}}{name}")
    if found is not None:
        return found
    return insert_at_place(p_pr, etree.Element(f"{{{W_NS}}}{name}"), PPR_ORDER)


def _fit(paragraph: etree._Element, alone: bool) -> None:
    """Line spacing of a paragraph holding a chart made automatic (an exact spacing, as body
    text has, would cut the chart to one line); a paragraph of the chart alone is centred,
    without first-line indent."""
    w = f"{{{W_NS}}}"
    spacing = _property(paragraph, "spacing")
    spacing.set(f"{w}line", "240")
    spacing.set(f"{w}lineRule", "auto")
    if alone:
        indent = _property(paragraph, "ind")
        for name in ("hanging", "hangingChars"):
            indent.attrib.pop(f"{w}{name}", None)
        indent.set(f"{w}firstLine", "0")
        indent.set(f"{w}firstLineChars", "0")
        _property(paragraph, "jc").set(f"{w}val", "center")


def _split_runs(document: etree._Element, marker: str, drawing_for: Callable[[], etree._Element]) -> int:
    """Replace each ``marker`` inside a ``w:t`` with a run holding a new ``drawing_for()``; the
    run's other text and children stay, split around it in runs of the same formatting.
    Returns how many markers were replaced."""
    w_r, w_t, w_rpr = f"{{{W_NS}}}r", f"{{{W_NS}}}t", f"{{{W_NS}}}rPr"
    placed = 0
    runs = [t.getparent() for t in document.iter(w_t) if t.text and marker in t.text]
    for run in dict.fromkeys(runs):  # a run with two marked texts appears twice
        if run is None or run.tag != w_r:
            continue
        r_pr = run.find(w_rpr)
        pieces: list[etree._Element] = []
        current = _new_run(r_pr)
        for child in [c for c in run if c.tag != w_rpr]:
            if child.tag != w_t or marker not in (child.text or ""):
                current.append(child)
                continue
            parts = (child.text or "").split(marker)
            for index, part in enumerate(parts):
                if part:
                    text = etree.SubElement(current, w_t)
                    text.text = part
                    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                if index < len(parts) - 1:
                    if _has_content(current):
                        pieces.append(current)
                    holder = etree.Element(w_r)
                    holder.append(drawing_for())
                    pieces.append(holder)
                    placed += 1
                    current = _new_run(r_pr)
        if _has_content(current):
            pieces.append(current)
        parent = run.getparent()
        position = parent.index(run)
        parent.remove(run)
        for offset, piece in enumerate(pieces):
            parent.insert(position + offset, piece)
        w_p = f"{{{W_NS}}}p"
        paragraph = parent if parent.tag == w_p else next(parent.iterancestors(w_p), None)
        if paragraph is not None:
            text = "".join(t.text or "" for t in paragraph.iter(w_t))
            _fit(paragraph, alone=not text.strip())
    return placed


def _free_names(names: set[str], rels: etree._Element, document: bytes) -> Iterator[tuple[int, str, int]]:
    """Unused (chart part number, relationship id, drawing id) triples, one per chart placed."""
    taken_parts = {int(m.group(1)) for n in names if (m := re.fullmatch(r"word/charts/chart(\d+)\.xml", n))}
    taken_ids = {r.get("Id") for r in rels}
    shape_ids = [int(m.group(1)) for m in _DRAWING_ID.finditer(document)]
    part, rel, shape = max(taken_parts, default=0), 0, max(shape_ids, default=0)
    while True:
        part, shape = part + 1, shape + 1
        rel += 1
        while f"rIdChart{rel}" in taken_ids:
            rel += 1
        yield part, f"rIdChart{rel}", shape


_DRAWING_ID = re.compile(rb"<wp:docPr\b[^>]*?\sid=\"(\d+)\"")
_PARAGRAPH_START = re.compile(rb"<w:p[ >]")


def _marked_paragraphs(document: bytes, marker: bytes) -> list[tuple[int, int]]:
    """Where the paragraphs holding ``marker`` stand in the document's XML, in order; the
    whole body when a paragraph cannot be told apart (one inside another, as in a text box)."""
    spans: list[tuple[int, int]] = []
    at = document.find(marker)
    while at >= 0:
        start = max(document.rfind(b"<w:p>", 0, at), document.rfind(b"<w:p ", 0, at))
        end = document.find(b"</w:p>", at)
        piece = document[start:end]
        if start < 0 or end < 0 or len(_PARAGRAPH_START.findall(piece)) != 1 or b"</w:p>" in piece:
            body_start, body_end = document.find(b"<w:body>"), document.rfind(b"</w:body>")
            return [(body_start, body_end + len(b"</w:body>"))] if 0 <= body_start < body_end else []
        span = (start, end + len(b"</w:p>"))
        if not spans or spans[-1] != span:
            spans.append(span)
        at = document.find(marker, at + len(marker))
    return spans


def _paragraph_text(holder: etree._Element) -> str:
    return "".join(t.text or "" for t in holder.iter(f"{{{W_NS}}}t")).strip()


def _drop_spare_suffix(holder: etree._Element, marker: str) -> None:
    """Take ``SPARE_SUFFIX`` out of a second place's paragraph, in whatever runs the editor
    that saved the template left it (the marker itself is one rendered run)."""
    if _paragraph_text(holder) != marker + SPARE_SUFFIX:
        return
    seen_marker = False
    for text in holder.iter(f"{{{W_NS}}}t"):
        if seen_marker:
            text.text = ""
        elif text.text and marker in text.text:
            text.text = text.text[:text.text.index(marker) + len(marker)]
            seen_marker = True


def _placed(document: bytes, spans: list[tuple[int, int]], marker: str, chart: BarChart,
            fragments: Fragments, styles: bytes | None) -> tuple[set[tuple[int, int]], BarChart]:
    """The marked paragraphs to take out and the chart as drawn. A chart whose marker
    stands alone in a paragraph is sized to the space left on its page; when the template
    gives it a second place (``chart_place.SPARE_SUFFIX``), it takes one of its places and the
    others' paragraphs go."""
    alone = {span: text for span in spans
             if (text := _paragraph_text(fragments.parse(document[span[0]:span[1]]))) in (marker, marker + SPARE_SUFFIX)}
    if not alone:
        return set(), chart
    places = sorted(alone, key=lambda span: alone[span] != marker)  # its own place first
    if not any(text == marker + SPARE_SUFFIX for text in alone.values()):
        places = places[:1]
    room = spaces(document, places, fragments.parse, styles, _PARSER)
    chosen, sized = choose(chart, [Place(span, space) for span, space in zip(places, room)])
    return {span for span in places if span != chosen.span}, sized


def add_bar_chart(docx: bytes, marker: str, chart: BarChart) -> bytes:
    """The document with every ``marker`` text in its body replaced by ``chart`` as an inline
    native chart (one chart part each); unchanged when the body has no marker. A marker alone
    in its paragraph gets the chart sized to the space left on its page, and when the template
    gives the chart a second place, the chart takes one of them (``chart_place``). Only the
    paragraphs holding the marker and the body before them are parsed: the rest keeps its bytes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        infos = source.infolist()
        files = {info.filename: source.read(info.filename) for info in infos}
    document = files[DOCUMENT]
    spans = _marked_paragraphs(document, marker.encode("utf-8"))
    if not spans:
        return docx
    rels = etree.fromstring(files[DOCUMENT_RELS], _PARSER)
    types = etree.fromstring(files[CONTENT_TYPES], _PARSER)
    names = _free_names(set(files), rels, document)
    added: dict[str, bytes] = {}
    fragments = Fragments(document)
    dropped, sized = _placed(document, spans, marker, chart, fragments, files.get(STYLES))
    xml = chart_part(sized)

    def drawing_for() -> etree._Element:
        number, rel_id, shape_id = next(names)
        target = f"charts/chart{number}.xml"
        etree.SubElement(rels, f"{{{PR_NS}}}Relationship", Id=rel_id, Type=CHART_REL, Target=target)
        part = posixpath.join("word", target)
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=f"/{part}", ContentType=CHART_TYPE)
        added[part] = xml
        return _inline(sized, rel_id, shape_id)

    unchanged = memoryview(document)  # the body between the marked paragraphs, not copied
    pieces: list[bytes | memoryview] = []
    taken_to, placed = 0, 0
    for start, end in spans:
        pieces.append(unchanged[taken_to:start])
        taken_to = end
        if (start, end) in dropped:
            continue
        holder = fragments.parse(document[start:end])
        _drop_spare_suffix(holder, marker)
        placed += _split_runs(holder, marker, drawing_for)
        pieces.append(fragments.write(holder))
    if not placed:
        return docx
    pieces.append(unchanged[taken_to:])
    files[DOCUMENT] = b"".join(pieces)
    pieces.clear()
    unchanged.release()
    del document
    files[DOCUMENT_RELS] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    files[CONTENT_TYPES] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [(i.filename, i.date_time, i.external_attr) for i in infos]
        entries += [(name, FIXED_ZIP_TIME, 0o600 << 16) for name in added]
        files.update(added)
        for name, date_time, attributes in entries:
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = attributes
            archive.writestr(entry, files[name])
    return out.getvalue()
