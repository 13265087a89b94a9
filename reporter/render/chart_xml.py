"""The DrawingML chart part (``word/charts/chartN.xml``) of a native Word bar chart.

The chart holds its data as cached values (no embedded workbook): Word, WPS and LibreOffice
draw it with the reader's fonts, so making it needs none; Word cannot "edit data" of it.
Equal inputs give equal bytes.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from reporter.model import BarChart, Highlight

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Colours: the boards as the notice names them, the other bars neutral.
COLOURS = {Highlight.GOOD: "C00000", Highlight.BAD: "404040", Highlight.NONE: "8EA9DB"}
INK, GRID = "404040", "D9D9D9"
# Fonts by their Windows names, as in the document's styles; sizes in hundredths of a point.
TITLE_FONT, LABEL_FONT, LATIN_FONT = "黑体", "宋体", "Times New Roman"
TITLE_SIZE = 1400
CAT_AXIS, VAL_AXIS = "111111111", "222222222"


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
