"""The score chart of the 督查通报: its data, the chart part, and its place in the document."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import docx
import docx.enum.text
import docx.shared
import pytest
from click.testing import CliRunner
from lxml import etree

from reporter import pipeline
from reporter.cli import cli
from reporter.documents.chart import (
    CHART_MARKER,
    GAP_LABEL,
    MAX_BARS,
    axis_bounds,
    layout,
    score_chart,
    shown,
)
from reporter.figures.scoring import score_round
from reporter.model import BarChart, ChartBar, Highlight
from reporter.render.chart import add_bar_chart
from reporter.render.chart_xml import COLOURS, chart_part
from tests.render.docx_parts import docx_with, parts
from tests.render.samples import sample_chart

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}

D = Decimal


@pytest.mark.parametrize("lowest, highest, base, expected", [
    (D("97"), D("100"), D("100"), (D("0"), D("100"), D("10"))),  # from 0: 97 looks 97% of 100
    (D("100"), D("100"), D("100"), (D("0"), D("100"), D("10"))),
    (D("2"), D("100"), D("100"), (D("0"), D("100"), D("10"))),
    (D("-3"), D("100"), D("100"), (D("-5"), D("100"), D("20"))),  # below 0 only when a score is
    (D("90"), D("103"), D("100"), (D("0"), D("105"), D("20"))),  # above the base score
    (D("0"), D("0"), D("0"), (D("0"), D("5"), D("1"))),
    (D("800"), D("990"), D("1000"), (D("0"), D("1000"), D("100"))),  # 千分制
])
def test_axis_starts_at_zero_and_ends_at_the_base(lowest, highest, base, expected):
    assert axis_bounds(lowest, highest, base) == expected


def test_long_lists_show_the_best_and_the_worst_with_a_gap():
    bars = [ChartBar(f"单位{i}", D(100 - i)) for i in range(MAX_BARS + 20)]
    kept = shown(bars)
    assert len(kept) == MAX_BARS + 1
    assert kept[MAX_BARS // 2] == ChartBar(GAP_LABEL, None)
    assert kept[0].label == "单位0" and kept[-1].label == f"单位{MAX_BARS + 19}"
    assert shown(bars[:MAX_BARS]) == bars[:MAX_BARS]


def test_chart_part_holds_the_data_colours_and_axis():
    space = etree.fromstring(chart_part(sample_chart()))
    assert space.xpath("string(c:chart/c:title//a:t)", namespaces=NS) == "第二轮督查各单位得分"
    bar_chart = space.find("c:chart/c:plotArea/c:barChart", NS)
    assert bar_chart.find("c:barDir", NS).get("val") == "bar"
    categories = bar_chart.xpath("c:ser/c:cat//c:pt/c:v/text()", namespaces=NS)
    assert categories == ["北山街道", "东城街道", "……", "区城管局"]
    values = {int(p.get("idx")): p.findtext("c:v", namespaces=NS) for p in bar_chart.xpath("c:ser/c:val//c:pt", namespaces=NS)}
    assert values == {0: "100.00", 1: "98.5", 3: "97"}  # the gap has no value
    colours = {int(p.find("c:idx", NS).get("val")): p.find(".//a:srgbClr", NS).get("val")
               for p in bar_chart.findall("c:ser/c:dPt", NS)}
    assert colours == {0: COLOURS[Highlight.GOOD], 3: COLOURS[Highlight.BAD]}
    assert COLOURS[Highlight.GOOD] in ("FF0000", "C00000")
    labels = bar_chart.find("c:ser/c:dLbls", NS)
    assert labels.find("c:numFmt", NS).get("formatCode") == "0.00"
    assert labels.find("c:showVal", NS).get("val") == "1"
    scaling = space.find("c:chart/c:plotArea/c:valAx/c:scaling", NS)
    assert (scaling.find("c:min", NS).get("val"), scaling.find("c:max", NS).get("val")) == ("95", "100")
    assert chart_part(sample_chart()) == chart_part(sample_chart())


def test_marker_paragraph_becomes_the_chart_and_other_text_stays(tmp_path: Path, ooxml_validator):
    source = docx_with("前文", f"图表如下：{CHART_MARKER}（单位：分）", CHART_MARKER)
    result = add_bar_chart(source, CHART_MARKER, sample_chart())
    assert result == add_bar_chart(source, CHART_MARKER, sample_chart())  # same inputs, same bytes
    files = parts(result)
    assert {"word/charts/chart1.xml", "word/charts/chart2.xml"} <= set(files)
    body = etree.fromstring(files["word/document.xml"])
    paragraphs = body.findall(".//w:body/w:p", NS)
    assert ["".join(p.itertext()) for p in paragraphs] == ["前文", "图表如下：（单位：分）", ""]
    chart_ids = [c.get(f"{{{NS['r']}}}id") for c in body.iterfind(".//c:chart", NS)]
    shape_ids = [d.get("id") for d in body.iterfind(".//wp:docPr", NS)]
    assert len(set(chart_ids)) == len(set(shape_ids)) == 2
    rels = etree.fromstring(files["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    assert sorted(targets[i] for i in chart_ids) == ["charts/chart1.xml", "charts/chart2.xml"]
    assert b'PartName="/word/charts/chart2.xml"' in files["[Content_Types].xml"]
    extent = body.find(".//wp:extent", NS)
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (150 * 36000, 60 * 36000)
    path = tmp_path / "chart.docx"
    path.write_bytes(result)
    ooxml_validator(path)


def test_chart_paragraph_gets_automatic_line_spacing(tmp_path: Path, ooxml_validator):
    """Body text has an exact line spacing, which would cut the chart to one line."""
    document = docx.Document()
    for text in (CHART_MARKER, f"如图：{CHART_MARKER}"):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.line_spacing = docx.shared.Pt(28.95)
        paragraph.paragraph_format.line_spacing_rule = docx.enum.text.WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.first_line_indent = docx.shared.Pt(32)
        paragraph.paragraph_format.keep_with_next = True
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "spacing.docx"
    path.write_bytes(add_bar_chart(buffer.getvalue(), CHART_MARKER, sample_chart()))
    alone, with_text = docx.Document(path).paragraphs
    for paragraph in (alone, with_text):
        assert paragraph.paragraph_format.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.SINGLE
        assert paragraph.paragraph_format.keep_with_next
    assert alone.paragraph_format.first_line_indent == 0
    assert alone.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert with_text.paragraph_format.first_line_indent == docx.shared.Pt(32)
    ooxml_validator(path)


def test_document_without_marker_is_left_as_it_was():
    source = docx_with("没有图表")
    assert add_bar_chart(source, CHART_MARKER, sample_chart()) == source


@pytest.fixture
def noticed(example_ws: Path) -> Path:
    result = CliRunner().invoke(cli, ["notice", "-w", str(example_ws)])
    assert result.exit_code == 0, result.output
    return example_ws


def test_notice_chart_follows_the_ranking_and_the_boards(noticed: Path):
    checked = pipeline.collect(noticed)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    chart = score_chart(checked.campaign, result)
    short = {u.code: u.short for u in checked.campaign.units}
    assert [b.label for b in chart.bars] == [short[s.unit_code] for s in result.scores]
    assert [b.value for b in chart.bars] == [s.score for s in result.scores]
    assert {b.label for b in chart.bars if b.highlight is Highlight.GOOD} == {short[s.unit_code] for s in result.red}
    assert {b.label for b in chart.bars if b.highlight is Highlight.BAD} == {short[s.unit_code] for s in result.black}
    assert chart.minimum < min(s.score for s in result.scores) and chart.minimum % 5 == 0
    assert chart.maximum == checked.campaign.inspection.base_score
    files = parts((noticed / "outputs" / "督查通报.docx").read_bytes())
    assert files["word/charts/chart1.xml"] == chart_part(chart)
    text = "".join(p.text for p in docx.Document(noticed / "outputs" / "督查通报.docx").paragraphs)
    assert CHART_MARKER not in text


def test_notice_is_reproducible(noticed: Path):
    first = (noticed / "outputs" / "督查通报.docx").read_bytes()
    again = CliRunner().invoke(cli, ["notice", "-w", str(noticed)])
    assert again.exit_code == 0, again.output
    assert (noticed / "outputs" / "督查通报.docx").read_bytes() == first


@pytest.mark.libreoffice
def test_libreoffice_draws_the_chart_with_its_labels(noticed: Path, soffice: str):
    import pdfplumber

    from reporter.publish import pdf

    [converted] = pdf.convert([noticed / "outputs" / "督查通报.docx"])
    with pdfplumber.open(converted) as document:
        page = next(p for p in document.pages if "第二轮督查各单位得分" in (p.extract_text() or ""))
        text = page.extract_text()
        fills = {tuple(round(c, 2) for c in r["non_stroking_color"]) for r in page.rects
                 if isinstance(r.get("non_stroking_color"), (tuple, list)) and len(r["non_stroking_color"]) == 3}
    assert "100.00" in text and "97.00" in text and "区城管局" in text
    assert (0.75, 0.0, 0.0) in fills  # C00000: the 红榜 bars
    assert (0.25, 0.25, 0.25) in fills  # 404040: the 黑榜 bars


# Names of mixed lengths: LibreOffice's crowding check depends on them (names all of one
# length were never left out in the measurements).
UNIT_NAMES = ["东城街道", "西城街道", "南湖街道", "北山街道", "中心街道", "河滨街道", "站前街道", "公园街道",
              "新华街道", "区城管局", "区市场监管局", "区住建局", "区交通局", "区卫健委", "区教育局", "区商务局",
              "区文旅局", "区生态环境分局", "区民政局", "区发改局", "区财政局", "区公安分局", "区司法局", "区应急局",
              "区水务局", "区农业农村局", "区城市管理综合执法局", "区人社局", "区科技局"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("count", [11, 19, 24, MAX_BARS + 1])
def test_libreoffice_names_every_bar(tmp_path: Path, soffice: str, count: int):
    """LibreOffice leaves out unit names it finds crowded: the layout keeps rows wide enough."""
    import pdfplumber

    from reporter.publish import pdf

    names = UNIT_NAMES[:count]
    bars = tuple(ChartBar(n, D(100) - D(i) / 2) for i, n in enumerate(names))
    height, text = layout(count)
    assert height <= 200
    chart = BarChart("得分", "得分", bars, D(85), D(100), D(1), 150, height, text)
    path = tmp_path / f"{count}.docx"
    path.write_bytes(add_bar_chart(docx_with(CHART_MARKER), CHART_MARKER, chart))
    [converted] = pdf.convert([path])
    with pdfplumber.open(converted) as document:
        text = document.pages[0].extract_text() or ""
    assert [n for n in names if n not in text] == []
