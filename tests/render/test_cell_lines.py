"""Table cells as printed: no unit name, campaign term or date is broken across lines, and no
line of a wrapped cell holds one character alone — checked on the text model and on the PDFs
LibreOffice makes of the example's documents (lines read with ``pdftotext -bbox-layout``)."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from reporter.render.measure import CLOSING, OPENING, Lexicon, break_lines, text_em
from reporter.workspace.config import LayoutTable

LEXICON = Lexicon(("明厨亮灶", "小广告", "区市场监管局", "解放路餐饮街"))


@pytest.mark.parametrize("text, capacity, lines", [
    ("学校食堂明厨亮灶，校园周边食品经营专项检查", 7, ["学校食堂", "明厨亮灶，校园", "周边食品经营专", "项检查"]),
    ("志愿服务常态化", 6, ["志愿服务常", "态化"]),
    ("各街道、社区按要求完成八站所建设并规范运行", 10, ["各街道、社区按要求完", "成八站所建设并规范", "运行"]),
    ("完成时限2018年12月底前", 7, ["完成时限", "2018年12月底前"]),
    ("后厨未做到明厨亮灶", 4, ["后厨未", "做到", "明厨亮灶"]),
    ("公交站牌小广告", 3.5, ["公交", "站牌", "小广告"]),
])
def test_prose_breaks_around_protected_words_and_never_leaves_one_character(text, capacity, lines):
    assert break_lines(text, capacity, LEXICON) == lines
    assert "".join(lines) == text


def test_a_line_never_starts_with_closing_or_ends_with_opening_punctuation():
    lines = break_lines("检查门店（含餐饮店、超市），发现问题立即整改。", 5, LEXICON)
    assert len(lines) > 1
    assert not any(line[0] in CLOSING for line in lines) and not any(line[-1] in OPENING for line in lines)


# --- on the PDFs ----------------------------------------------------------------------------

NS = "{http://www.w3.org/1999/xhtml}"
DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:底|上旬|中旬|下旬)?前?|\d{1,2}月\d{1,2}日前?")
PUNCTUATION = set("、，。；：！？（）《》“”/／ ")


def cell_lines(pdf: Path) -> list[tuple[int, list[str]]]:
    """The lines of each table cell (or paragraph) of ``pdf``: pdftotext's words grouped by
    block, then by column (a word continues the cell above it when their x ranges overlap)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    found = []
    for number, page in enumerate(root.iter(f"{NS}page"), start=1):
        for block in page.iter(f"{NS}block"):
            columns: list[list[tuple[float, float, float, str]]] = []
            for word in block.iter(f"{NS}word"):
                box = (float(word.get("xMin")), float(word.get("xMax")), float(word.get("yMin")), word.text or "")
                for column in columns:
                    x0, x1, y, _ = column[-1]
                    if box[0] < x1 and box[1] > x0 and box[2] > y + 1:
                        column.append(box)
                        break
                else:
                    columns.append([box])
            found.extend((number, [w[3] for w in column]) for column in columns)
    return found


def broken_words(pdf: Path, words: tuple[str, ...]) -> list[str]:
    """Where a cell of ``pdf`` breaks one of ``words`` or a date across two lines, or holds a
    line of one character (punctuation not counted)."""
    faults = []
    for page, lines in cell_lines(pdf):
        if len(lines) < 2:
            continue
        for upper, lower in zip(lines, lines[1:]):
            joined = upper + lower
            for word in words:
                for start in (m.start() for m in re.finditer(re.escape(word), joined)):
                    if start < len(upper) < start + len(word):
                        faults.append(f"{pdf.name} 第{page}页: {word} 被断开：{upper}|{lower}")
            for match in DATE.finditer(joined):
                if match.start() < len(upper) < match.end() and not DATE.fullmatch(joined[match.start():len(upper)]):
                    faults.append(f"{pdf.name} 第{page}页: 日期 {match.group()} 折行：{upper}|{lower}")
        for line in lines:
            if len([c for c in line if c not in PUNCTUATION]) == 1:
                faults.append(f"{pdf.name} 第{page}页: 单字成行：{'|'.join(lines)}")
    return faults


def unit_names(ws: Path) -> tuple[str, ...]:
    config = tomllib.loads((ws / "inputs" / "配置.toml").read_text(encoding="utf-8"))
    names = [u["short"] for u in config["units"]] + [u["name"] for u in config["units"]]
    assert len(names) >= 38  # the example's 19 units, short names and full names
    return tuple(names)


@pytest.mark.libreoffice
@pytest.mark.parametrize("document", ["责任分解表.pdf", "督查通报.pdf"])
def test_printed_cells_keep_names_terms_and_dates_whole(pdf_ws: Path, document: str):
    pdf = pdf_ws / "outputs" / document
    cells = [lines for _page, lines in cell_lines(pdf) if len(lines) > 1]
    assert cells  # some cells do wrap, so the check has something to look at
    assert broken_words(pdf, unit_names(pdf_ws) + LayoutTable.terms.default) == []


@pytest.mark.libreoffice
def test_printed_rectification_notices_keep_names_and_dates_whole(pdf_ws: Path):
    pdfs = sorted((pdf_ws / "outputs" / "整改通知").glob("*.pdf"))
    assert pdfs
    words = unit_names(pdf_ws) + LayoutTable.terms.default
    assert [fault for pdf in pdfs for fault in broken_words(pdf, words)] == []


def test_the_date_pattern_of_the_check_is_the_one_cells_keep_whole():
    assert DATE.fullmatch("2018年12月底前") and DATE.fullmatch("11月26日")
    assert text_em("2018年12月31日前") > 8  # longer than a word: kept whole only as a date
    assert LEXICON.protected("于2018年12月31日前完成") == ["2018年12月31日前"]
