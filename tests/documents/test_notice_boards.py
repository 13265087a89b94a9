"""The 督查通报's section 二 and its attachment at scale: shared places written 并列, the boards
with their rule and the office's words, one ranking per unit type, the score axis from 0, and a
large round summed up (the full list named in the 附件说明 as the ledger)."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from lxml import etree

from reporter import pipeline
from reporter.documents.chart import score_chart
from reporter.documents.notice import notice_context
from reporter.documents.notice_summary import SECTION_UNITS
from reporter.figures.scoring import score_round
from reporter.publish import pdf
from tests.conftest import docx_paragraphs, run

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def configure(ws: Path, **keys: str) -> None:
    """Set ``keys`` (TOML values as written) in the workspace's [inspection]."""
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    for key, value in keys.items():
        text, replaced = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, count=1, flags=re.MULTILINE)
        if not replaced:
            text = text.replace("[inspection]\n", f"[inspection]\n{key} = {value}\n", 1)
    config.write_text(text, encoding="utf-8")


def round_two(ws: Path, **rules):
    """The example's second round scored, with ``rules`` changed in its [inspection]."""
    checked = pipeline.collect(ws)
    campaign = checked.campaign
    if rules:
        campaign = dataclasses.replace(campaign, inspection=dataclasses.replace(campaign.rules, **rules))
    return campaign, score_round(campaign, checked.rounds, 2, checked.problem_records)


def notice_text(ws: Path) -> str:
    return "".join(docx_paragraphs(ws / "outputs" / "督查通报.docx")).replace("\n", "")


def table_rows(ws: Path, index: int) -> list[list[str]]:
    document = docx.Document(ws / "outputs" / "督查通报.docx")
    return [[c.text for c in row.cells] for row in document.tables[index].rows]


# --- shared places and boards -------------------------------------------------------------------


def test_equal_scores_share_their_place_in_the_table_and_the_text(built_ws: Path):
    """The example's second round: 北山街道 and 河滨街道 both at 100.00 are 并列第1名, the three
    at 99.00 并列第3名; the last unit, alone at 97.00, is 第11名."""
    rows = table_rows(built_ws, 0)[1:]
    assert rows, "the ranking table has rows"
    assert [r[0] for r in rows] == ["并列1"] * 2 + ["并列3"] * 3 + ["并列6"] * 5 + ["11"]
    places = {r[1]: r[0] for r in rows}
    for name, place in places.items():  # every shared place is shared by units of equal score
        same = [r for r in rows if r[0] == place]
        assert len({r[2] for r in same}) == 1 and (len(same) > 1) == place.startswith("并列"), name
    text = notice_text(built_ws)
    assert "得分相同的名次并列：北山街道、河滨街道并列第1名；站前街道、中心街道、南湖街道并列第3名；" in text
    assert "名次并列的单位，表中按未整改问题少者在前；仍相同的，按单位简称排列。" in text


def test_the_boards_state_their_rule_and_keep_units_at_98_off_the_black_board(built_ws: Path):
    """By place (the default, three places): the first and third places are shared, so five units
    are praised; the five at 98.00 would make the 黑榜 more than half of the units, so only the
    last one is on it."""
    text = notice_text(built_ws)
    assert ("红榜（得分前3名，含并列）：北山街道、河滨街道、站前街道、中心街道、南湖街道。"
            "黑榜（得分后3名）：区城管局。") in text


def test_boards_by_score_with_the_offices_words(example_ws: Path):
    configure(example_ws, red_min_score="100", black_below_score="98.5",
              praise='"予以通报表扬"', criticism='"予以通报批评，主要负责同志向区联创办作出书面说明。"')
    result = run("notice", "-w", example_ws)
    assert result.exit_code == 0, result.output
    text = notice_text(example_ws)
    assert "红榜（得分100分及以上）：北山街道、河滨街道，予以通报表扬。" in text
    black = re.search(r"黑榜（得分低于98\.5分）：(.*?)，予以通报批评，主要负责同志向区联创办作出书面说明。", text)
    assert black is not None, text
    rows = table_rows(example_ws, 0)[1:]
    below = [r[1] for r in reversed(rows) if Decimal(r[2].rstrip("分")) < Decimal("98.5")]
    assert below and black.group(1) == "、".join(below)  # worst first, every unit below 98.5 and no other


def test_an_empty_board_says_so(example_ws: Path):
    campaign, result = round_two(example_ws, black_below_score=Decimal(90))
    context = notice_context(campaign, result)
    assert context["黑榜"] == ""
    assert context["榜单说明"].endswith("黑榜（得分低于90分）：无。")


def test_one_ranking_per_unit_type(example_ws: Path):
    configure(example_ws, rank_by_type="true", board_size="1")
    result = run("notice", "-w", example_ws)
    assert result.exit_code == 0, result.output
    paragraphs = docx_paragraphs(example_ws / "outputs" / "督查通报.docx")
    assert "（一）街道" in paragraphs and "（二）部门" in paragraphs
    assert any(p.startswith("各单位得分及排名见下表（按单位类型分别排名）。") for p in paragraphs)
    streets, departments = table_rows(example_ws, 0)[1:], table_rows(example_ws, 1)[1:]
    assert streets and departments
    assert all(r[1].endswith("街道") for r in streets) and not any(r[1].endswith("街道") for r in departments)
    assert departments[0][0] in ("1", "并列1") and streets[0][0] == "并列1"
    text = "".join(paragraphs)
    # departments: 区市场监管局 98.00 above 区城管局 97.00, one place each board
    assert "红榜（得分前1名）：区市场监管局。黑榜（得分后1名）：区城管局。" in text
    assert "红榜（得分前1名，含并列）：北山街道、河滨街道。" in text
    assert "街道中北山街道、河滨街道并列第1名" in text


# --- the chart ------------------------------------------------------------------------------------


def test_the_score_axis_starts_at_zero(built_ws: Path):
    campaign, result = round_two(built_ws)
    chart = score_chart(campaign, result)
    assert chart.minimum == 0 and chart.maximum == 100
    import zipfile

    with zipfile.ZipFile(built_ws / "outputs" / "督查通报.docx") as archive:
        part = etree.fromstring(archive.read("word/charts/chart1.xml"))
    assert part.xpath("//c:valAx/c:scaling/c:min/@val", namespaces=C) == ["0"]


# --- a large round summed up ------------------------------------------------------------------------


def test_above_the_list_limit_the_attachment_sums_up_per_unit(example_ws: Path):
    configure(example_ws, list_limit="5")
    result = run("notice", "-w", example_ws)
    assert result.exit_code == 0, result.output
    paragraphs = docx_paragraphs(example_ws / "outputs" / "督查通报.docx")
    assert "附件：1. 古塔区“三城联创”第二轮督查问题汇总表" in paragraphs
    assert "\u3000\u3000\u30002. 督查问题台账（督查问题台账.xlsx）" in paragraphs
    assert any("逐项问题清单（点位、描述、整改时限和状态）见督查问题台账（督查问题台账.xlsx）" in p for p in paragraphs)
    document = docx.Document(example_ws / "outputs" / "督查通报.docx")
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["序号", "单位", "本轮发现", "复查", "未整改", "主要问题类别及个数"] in headers
    assert ["编号", "单位", "点位", "类别", "问题描述", "扣分", "整改时限", "状态"] not in headers  # no item list
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    rows = [[c.text for c in r.cells] for r in summary.rows[1:]]
    assert rows
    campaign, scored = round_two(example_ws)
    listed = scored.new + scored.rechecked
    assert sum(int(r[2]) + int(r[3]) for r in rows) == len(listed) == 18
    assert sum(int(r[4]) for r in rows) == sum(1 for r in listed if not r.fixed)
    assert len(rows) == len({r.first.unit_code for r in listed})


def test_below_the_list_limit_every_problem_is_listed(built_ws: Path):
    paragraphs = docx_paragraphs(built_ws / "outputs" / "督查通报.docx")
    assert "附件：古塔区“三城联创”第二轮督查问题清单" in paragraphs
    assert not any("督查问题台账（" in p for p in paragraphs)


# --- on paper ---------------------------------------------------------------------------------------


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.libreoffice
def test_the_printed_notice_writes_shared_places_and_an_axis_from_zero(pdf_ws: Path):
    printed = pdf_ws / "outputs" / "督查通报.pdf"
    text = re.sub(r"\s+", "", pdf_text(printed))
    assert "并列1北山街道" in text and "并列第1名" in text and "11区城管局" in text
    assert "黑榜（得分后3名）：区城管局。" in text
    # the chart's value axis: its labels 0 … 100 on one line below the bars
    page = next(i for i in range(1, 20) if "第二轮督查各单位得分" in pdf_text(printed, "-f", str(i), "-l", str(i)))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(\d+)</word>',
                       pdf_text(printed, "-bbox", "-f", str(page), "-l", str(page)))
    # the axis row: the line holding 0, 50 and 100 (the ranking table may share the page)
    rows: dict[float, dict[int, float]] = {}
    for x, y, value in words:
        if value in {"0", "50", "100"}:
            rows.setdefault(round(float(y)), {})[int(value)] = float(x)
    axis = [labels for labels in rows.values() if set(labels) == {0, 50, 100}]
    assert len(axis) == 1
    assert axis[0][0] < axis[0][50] < axis[0][100]


@pytest.mark.libreoffice
def test_a_city_round_of_5000_problems_prints_in_tens_of_pages(example_ws: Path, soffice: str):
    """500 units, 5000 problems: the attachment sums up per unit (it was about 900 pages of rows)."""
    from scripts.bench import make_big_round

    make_big_round(example_ws, units=500, problems=5000)
    result = run("notice", "-w", example_ws)
    assert result.exit_code == 0, result.output
    paragraphs = docx_paragraphs(example_ws / "outputs" / "督查通报.docx")
    assert sum(1 for p in paragraphs if re.fullmatch(r"（[一二三四五六七八九十]+）.+", p)) <= SECTION_UNITS
    [printed] = pdf.convert([example_ws / "outputs" / "督查通报.docx"])
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(printed)], capture_output=True,
                                                            text=True, check=True).stdout).group(1))
    assert 20 < pages < 60
    text = re.sub(r"\s+", "", pdf_text(printed))
    assert "2.督查问题台账（督查问题台账.xlsx）" in text
