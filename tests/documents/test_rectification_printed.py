"""The 整改通知书 as printed (LibreOffice PDF): the red 版头 with the office's name, 文号 in one
series in the order of the units, the title with its 事由, captions under the photos, the 回执
on a page of its own, and no page of the notice left less than 60% filled but its last."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from reporter import pipeline
from reporter.documents.rectification import units_with_open_problems
from reporter.figures.scoring import score_round

MM = 72 / 25.4
RED = (1.0, 0.0, 0.0)
ISSUER = "古塔区“三城联创”工作领导小组办公室"
TYPE_TOP, TYPE_FOOT = 37.0, 262.0


def pages_of(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [{"chars": [c for c in p.chars if c["text"].strip()], "images": p.images,
                 "text": (p.extract_text() or "").replace(" ", "")} for p in pdf.pages]


@pytest.fixture(scope="module")
def printed(pdf_ws: Path) -> dict[str, list[dict]]:
    """Each unit's 整改通知书 PDF as pages, in the order of the unit list."""
    checked = pipeline.collect(pdf_ws, forms=False)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    order = [checked.campaign.unit(c).short for c in units_with_open_problems(checked.campaign, result)]
    folder = pdf_ws / "outputs" / "整改通知"
    return {unit: pages_of(folder / f"{unit}.pdf") for unit in order}


def test_first_page_has_the_red_office_name_number_and_title(soffice, printed):
    assert printed
    numbers = []
    for unit, pages in printed.items():
        first = pages[0]
        red = "".join(c["text"] for c in first["chars"] if tuple(c["non_stroking_color"] or ()) == RED)
        assert red == ISSUER, unit
        number = re.search(r"古创办督改〔2018〕(\d+)号", first["text"])
        assert number, (unit, first["text"][:80])
        numbers.append(int(number.group(1)))
        assert "关于“三城联创”第二轮督查发现问题限期整改的通知" in first["text"].replace("\n", ""), unit
    # One unbroken series, numbered in the order of the units.
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_the_receipt_is_the_last_page(soffice, printed):
    for unit, pages in printed.items():
        last = pages[-1]["text"]
        assert last.startswith("附件") and "整改情况回执" in last, unit
        for label in ("单位名称", "整改情况", "负责人", "报送日期", "单位盖章"):
            assert label in last, (unit, label)
        assert re.search(r"单位名称\S{4,}", last), unit  # the unit's full name is filled in
        assert "成文日期" not in last and "印发" not in last


def test_photos_have_captions_below_them(soffice, printed):
    captioned = 0
    for unit, pages in printed.items():
        for page in pages:
            for image in page["images"]:
                below = [c for c in page["chars"] if 0 < c["top"] - image["bottom"] < 12 * MM / 1.5]
                text = "".join(c["text"] for c in sorted(below, key=lambda c: (round(c["top"]), c["x0"])))
                assert text.startswith(unit) and re.search(r"（2018年\d+月\d+日）", text), (unit, text)
                captioned += 1
    assert captioned > 0


def filled(page: dict) -> float:
    """How much of the type area's height the page's text and pictures reach down to."""
    bottoms = [c["bottom"] / MM for c in page["chars"] if c["bottom"] / MM <= TYPE_FOOT + 1]
    bottoms += [i["bottom"] / MM for i in page["images"]]
    return (max(bottoms) - TYPE_TOP) / (TYPE_FOOT - TYPE_TOP) if bottoms else 0.0


def test_no_page_of_a_notice_is_left_less_than_sixty_percent_filled(soffice, printed):
    measured = 0
    for unit, pages in printed.items():
        notice = pages[:-1]  # the 回执 is a page of its own
        assert "2018年11月26日" in notice[-1]["text"], unit  # the 落款 ends the notice
        for number, page in enumerate(notice[:-1], start=1):
            assert filled(page) >= 0.6, (unit, number, round(filled(page), 2))
            measured += 1
        # The signature's page holds text of the notice too, never the 落款 alone.
        assert "请你单位高度重视" in notice[-1]["text"] or "联系人" in notice[-1]["text"], unit
    assert measured > 0
