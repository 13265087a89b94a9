"""Native Word charts: a ``BarChart`` written as a DrawingML chart part and placed into a
rendered .docx where a marker text stands.

The chart holds its data as cached values (no embedded workbook): Word, WPS and LibreOffice
draw it with the reader's fonts, so making it needs none; Word cannot "edit data" of it.
Equal inputs give equal bytes.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal

from lxml import etree

from reporter.model import BarChart, Highlight
from reporter.zipfiles import FIXED_ZIP_TIME

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"

# Colours: the boards as the notice names them, the other bars neutral.
COLOURS = {Highlight.GOOD: "C00000", Highlight.BAD: "404040", Highlight.NONE: "8EA9DB"}
INK, GRID = "404040", "D9D9D9"
# Fonts by their Windows names, as in the document's styles; sizes in hundredths of a point.
TITLE_FONT, LABEL_FONT, LATIN_FONT = "黑体", "宋体", "Times New Roman"
TITLE_SIZE = 1400
EMU_PER_MM = 36000
CAT_AXIS, VAL_AXIS = "111111111", "222222222"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _sub(parent: etree._Element, tag: str, val: str | None = None, **attrs: str) -> etree._Element:
    """A child ``c:tag`` (or ``a:tag`` with the ``a:`` prefix) with ``val`` and other attributes."""
    prefix, _, name = tag.rpartition(":")
    element = etree.SubElement(parent, f"{{{A_NS if prefix == 'a' else C_NS}}}{name}")
    if val is not None:
        element.set("val", val)
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _number(value: Decimal) -> str:
    return format(value, "f")


def _size(chart: BarChart) -> int:
    """The chart's text size in hundredths of a point, as DrawingML gives sizes."""
    return round(chart.text_pt * 100)


def _fill(parent: etree._Element, colour: str | None, line: str | None = None) -> None:
    """``c:spPr`` with a solid fill (or none) and a line of ``line`` colour (or none)."""
    sp_pr = _sub(parent, "spPr")
    if colour is None:
        _sub(sp_pr, "a:noFill")
    else:
        _sub(_sub(sp_pr, "a:solidFill"), "a:srgbClr", colour)
    ln = _sub(sp_pr, "a:ln")
    if line is None:
        _sub(ln, "a:noFill")
    else:
        ln.set("w", "9525")
        _sub(_sub(ln, "a:solidFill"), "a:srgbClr", line)


def _run_properties(parent: etree._Element, tag: str, size: int, font: str) -> None:
    r_pr = _sub(parent, tag, lang="zh-CN", sz=str(size), b="0")
    _sub(_sub(r_pr, "a:solidFill"), "a:srgbClr", INK)
    _sub(r_pr, "a:latin", typeface=LATIN_FONT)
    _sub(r_pr, "a:ea", typeface=font)


def _text_properties(parent: etree._Element, size: int, font: str = LABEL_FONT) -> None:
    """``c:txPr``: the text of an axis or the labels, in ``font`` at ``size``."""
    tx_pr = _sub(parent, "txPr")
    _sub(tx_pr, "a:bodyPr")
    _sub(tx_pr, "a:lstStyle")
    _run_properties(_sub(_sub(tx_pr, "a:p"), "a:pPr"), "a:defRPr", size, font)
    tx_pr[-1].append(etree.Element(f"{{{A_NS}}}endParaRPr", lang="zh-CN"))


def _title(chart: etree._Element, text: str) -> None:
    title = _sub(chart, "title")
    rich = _sub(_sub(title, "tx"), "rich")
    _sub(rich, "a:bodyPr")
    _sub(rich, "a:lstStyle")
    p = _sub(rich, "a:p")
    _run_properties(_sub(p, "a:pPr"), "a:defRPr", TITLE_SIZE, TITLE_FONT)
    run = _sub(p, "a:r")
    _run_properties(run, "a:rPr", TITLE_SIZE, TITLE_FONT)
    _sub(run, "a:t").text = text
    _sub(title, "overlay", "0")


def _series(bar_chart: etree._Element, chart: BarChart) -> None:
    bars, last = chart.bars, len(chart.bars) + 1
    ser = _sub(bar_chart, "ser")
    _sub(ser, "idx", "0")
    _sub(ser, "order", "0")
    name = _sub(_sub(ser, "tx"), "strRef")
    _sub(name, "f").text = "Sheet1!$B$1"
    cache = _sub(name, "strCache")
    _sub(cache, "ptCount", "1")
    _sub(_sub(cache, "pt", idx="0"), "v").text = chart.series
    _fill(ser, COLOURS[Highlight.NONE])
    _sub(ser, "invertIfNegative", "0")
    for index, bar in enumerate(bars):
        if bar.highlight is not Highlight.NONE and bar.value is not None:
            point = _sub(ser, "dPt")
            _sub(point, "idx", str(index))
            _sub(point, "invertIfNegative", "0")
            _sub(point, "bubble3D", "0")
            _fill(point, COLOURS[bar.highlight])
    labels = _sub(ser, "dLbls")
    _sub(labels, "numFmt", formatCode=chart.label_format, sourceLinked="0")
    _fill(labels, None)
    _text_properties(labels, _size(chart))
    _sub(labels, "dLblPos", "outEnd")
    for flag, value in (("showLegendKey", "0"), ("showVal", "1"), ("showCatName", "0"),
                        ("showSerName", "0"), ("showPercent", "0"), ("showBubbleSize", "0")):
        _sub(labels, flag, value)
    categories = _sub(_sub(ser, "cat"), "strRef")
    _sub(categories, "f").text = f"Sheet1!$A$2:$A${last}"
    cache = _sub(categories, "strCache")
    _sub(cache, "ptCount", str(len(bars)))
    for index, bar in enumerate(bars):
        _sub(_sub(cache, "pt", idx=str(index)), "v").text = bar.label
    values = _sub(_sub(ser, "val"), "numRef")
    _sub(values, "f").text = f"Sheet1!$B$2:$B${last}"
    cache = _sub(values, "numCache")
    _sub(cache, "formatCode").text = chart.label_format
    _sub(cache, "ptCount", str(len(bars)))
    for index, bar in enumerate(bars):
        if bar.value is not None:
            _sub(_sub(cache, "pt", idx=str(index)), "v").text = _number(bar.value)


def _axes(plot: etree._Element, chart: BarChart) -> None:
    cat = _sub(plot, "catAx")
    _sub(cat, "axId", CAT_AXIS)
    _sub(_sub(cat, "scaling"), "orientation", "maxMin")  # the first bar at the top
    _sub(cat, "delete", "0")
    _sub(cat, "axPos", "l")
    _sub(cat, "numFmt", formatCode="General", sourceLinked="0")
    _sub(cat, "majorTickMark", "none")
    _sub(cat, "minorTickMark", "none")
    _sub(cat, "tickLblPos", "nextTo")
    _fill(cat, None, GRID)
    _text_properties(cat, _size(chart))
    _sub(cat, "crossAx", VAL_AXIS)
    _sub(cat, "crosses", "autoZero")
    _sub(cat, "auto", "1")
    _sub(cat, "lblAlgn", "ctr")
    _sub(cat, "lblOffset", "100")
    _sub(cat, "tickLblSkip", "1")  # every unit's name, however many
    _sub(cat, "noMultiLvlLbl", "0")
    val = _sub(plot, "valAx")
    _sub(val, "axId", VAL_AXIS)
    scaling = _sub(val, "scaling")
    _sub(scaling, "orientation", "minMax")
    _sub(scaling, "max", _number(chart.maximum))
    _sub(scaling, "min", _number(chart.minimum))
    _sub(val, "delete", "0")
    _sub(val, "axPos", "b")
    gridlines = _sub(val, "majorGridlines")
    _fill(gridlines, None, GRID)
    _sub(val, "numFmt", formatCode="0", sourceLinked="0")
    _sub(val, "majorTickMark", "none")
    _sub(val, "minorTickMark", "none")
    _sub(val, "tickLblPos", "nextTo")
    _fill(val, None)
    _text_properties(val, _size(chart))
    _sub(val, "crossAx", CAT_AXIS)
    _sub(val, "crosses", "max")  # the value axis below the last bar
    _sub(val, "crossBetween", "between")
    _sub(val, "majorUnit", _number(chart.major_unit))


def chart_part(chart: BarChart) -> bytes:
    """The chart part (``word/charts/chartN.xml``) of a horizontal bar chart, one series,
    highlighted bars coloured point by point, values labelled at the bars' ends."""
    space = etree.Element(f"{{{C_NS}}}chartSpace", nsmap={"c": C_NS, "a": A_NS, "r": R_NS})
    _sub(space, "date1904", "0")
    _sub(space, "lang", "zh-CN")
    _sub(space, "roundedCorners", "0")
    body = _sub(space, "chart")
    _title(body, chart.title)
    _sub(body, "autoTitleDeleted", "0")
    plot = _sub(body, "plotArea")
    _sub(plot, "layout")
    bar_chart = _sub(plot, "barChart")
    _sub(bar_chart, "barDir", "bar")
    _sub(bar_chart, "grouping", "clustered")
    _sub(bar_chart, "varyColors", "0")
    _series(bar_chart, chart)
    _sub(bar_chart, "gapWidth", "60")
    _sub(bar_chart, "axId", CAT_AXIS)
    _sub(bar_chart, "axId", VAL_AXIS)
    _axes(plot, chart)
    _fill(plot, None)
    _sub(body, "plotVisOnly", "1")
    _sub(body, "dispBlanksAs", "gap")
    _fill(space, "FFFFFF")
    _text_properties(space, _size(chart))
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


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


# The order of the paragraph properties before w:rPr (CT_PPrBase), to insert new ones in place.
P_PR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
              "rPr", "sectPr", "pPrChange")


def _property(paragraph: etree._Element, name: str) -> etree._Element:
    """The paragraph's ``w:pPr/w:name``, made in its schema place when missing."""
    p_pr = paragraph.find(f"{{{W_NS}}}pPr")
    if p_pr is None:
        p_pr = etree.Element(f"{{{W_NS}}}pPr")
        paragraph.insert(0, p_pr)
    found = p_pr.find(f"{{{W_NS}}}{name}")
    if found is not None:
        return found
    rank = P_PR_ORDER.index(name)
    position = sum(1 for child in p_pr if etree.QName(child).localname in P_PR_ORDER[:rank])
    element = etree.Element(f"{{{W_NS}}}{name}")
    p_pr.insert(position, element)
    return element


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


def _free_names(names: set[str], rels: etree._Element, document: etree._Element) -> Iterator[tuple[int, str, int]]:
    """Unused (chart part number, relationship id, drawing id) triples, one per chart placed."""
    taken_parts = {int(m.group(1)) for n in names if (m := re.fullmatch(r"word/charts/chart(\d+)\.xml", n))}
    taken_ids = {r.get("Id") for r in rels}
    shape_ids = [int(v) for v in document.xpath("//wp:docPr/@id", namespaces={"wp": WP_NS}) if str(v).isdigit()]
    part, rel, shape = max(taken_parts, default=0), 0, max(shape_ids, default=0)
    while True:
        part, shape = part + 1, shape + 1
        rel += 1
        while f"rIdChart{rel}" in taken_ids:
            rel += 1
        yield part, f"rIdChart{rel}", shape


def add_bar_chart(docx: bytes, marker: str, chart: BarChart) -> bytes:
    """The document with every ``marker`` text in its body replaced by ``chart`` as an inline
    native chart (one chart part each); unchanged when the body has no marker."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        infos = source.infolist()
        files = {info.filename: source.read(info.filename) for info in infos}
    document = etree.fromstring(files[DOCUMENT], _PARSER)
    rels = etree.fromstring(files[DOCUMENT_RELS], _PARSER)
    types = etree.fromstring(files[CONTENT_TYPES], _PARSER)
    names = _free_names(set(files), rels, document)
    xml = chart_part(chart)
    added: dict[str, bytes] = {}

    def drawing_for() -> etree._Element:
        number, rel_id, shape_id = next(names)
        target = f"charts/chart{number}.xml"
        etree.SubElement(rels, f"{{{PR_NS}}}Relationship", Id=rel_id, Type=CHART_REL, Target=target)
        part = posixpath.join("word", target)
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=f"/{part}", ContentType=CHART_TYPE)
        added[part] = xml
        return _inline(chart, rel_id, shape_id)

    if not _split_runs(document, marker, drawing_for):
        return docx
    files[DOCUMENT] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
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

