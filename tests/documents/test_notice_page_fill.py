"""The 督查通报 on paper without half-empty pages: the chart takes the place where it fits (after
the boards, else before the ranking table), shrunk or showing fewer of a long list's middle bars
when that keeps it on the page; a unit's text flows and only each photo stays with its caption.
Measured on the printed PDF of the example and of rounds of 30 and 150 units."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from reporter.model import BarChart, ChartBar, Highlight
from reporter.publish import pdf
from reporter.render.chart_place import LEAST_SHOWN, Place, choose, least_height
from tests.conftest import run

MM = 72 / 25.4
TOP, BOTTOM = 37 * MM, 262 * MM  # the type area of GB/T 9704 on A4, in points from the top
LEAST_FILL = 0.6
#: The closing block moves to the last page as a whole: the last paragraph of the text (up to
#: three lines), the 附件说明 one line below it, two lines for the seal, the 署名 and the date,
#: nine of the page's 22 lines, so that no page holds a signature alone (GB/T 9704 7.3.5).
#: The page before it may be left that much emptier, less one line.
CLOSING_LINES = 9
LEAST_FILL_BEFORE_CLOSING = 1 - (CLOSING_LINES + 1) / 22


def chart(bars: int, height: float = 100.0, gap: bool = False) -> BarChart:
    shown = [ChartBar(f"单位{i}", D(100) - i, Highlight.GOOD if i < 2 else Highlight.NONE) for i in range(bars)]
    if gap:
        shown[bars // 2] = ChartBar("……", None)
        shown[-1] = ChartBar("末位", D(50), Highlight.BAD)
    return BarChart("得分", "得分", tuple(shown), D(0), D(100), D(10), 150, height, 9.0)


# --- the choice of place and size -----------------------------------------------------------------


def test_the_chart_keeps_its_own_place_when_it_fits():
    place, drawn = choose(chart(11, 108.5), [Place((0, 1), 150.0), Place((2, 3), 200.0)])
    assert place.span == (0, 1) and drawn.height_mm == 108.5


def test_the_chart_takes_its_second_place_when_the_first_is_too_short():
    place, drawn = choose(chart(11, 108.5), [Place((0, 1), 72.0), Place((2, 3), 164.0)])
    assert place.span == (2, 3) and drawn.height_mm == 108.5


def test_the_chart_shrinks_to_the_space_left_but_not_below_legible_rows():
    place, drawn = choose(chart(11, 108.5), [Place((0, 1), 105.0)])
    assert place.span == (0, 1) and least_height(chart(11)) <= drawn.height_mm <= 95.0
    assert drawn.text_pt == 7.5  # rows below 7.5 mm: the smaller names
    place, drawn = choose(chart(11, 108.5), [Place((0, 1), 90.0), Place((2, 3), 80.0)])
    assert place.span == (2, 3) and drawn.height_mm == 108.5  # fits nowhere: least space left empty


def test_a_long_list_shows_fewer_middle_bars_but_every_board():
    long = chart(25, 200.0, gap=True)
    place, drawn = choose(long, [Place((0, 1), 140.0)])
    assert drawn.height_mm <= 130.0 and len(drawn.bars) < 25
    labels = [b.label for b in drawn.bars]
    assert labels[:2] == ["单位0", "单位1"] and labels[-1] == "末位" and "……" in labels
    gap = labels.index("……")
    assert gap >= LEAST_SHOWN and len(labels) - gap - 1 >= LEAST_SHOWN


# --- on paper ---------------------------------------------------------------------------------------


def page_fills(printed: Path) -> list[dict]:
    """Each page: how far down the type area its content reaches (0–1), its pictures' and its
    captions' boxes, its text."""
    import pdfplumber

    pages = []
    with pdfplumber.open(printed) as document:
        for page in document.pages:
            drawn = page.chars + page.images + page.rects + page.lines + page.curves
            inside = [o for o in drawn if TOP - 3 * MM <= o["top"] and o["bottom"] <= BOTTOM + 3 * MM]
            bottom = max((o["bottom"] for o in inside), default=TOP)
            pages.append({"fill": (bottom - TOP) / (BOTTOM - TOP), "images": page.images,
                          "text": page.extract_text() or "", "words": page.extract_words()})
    return pages


def body_pages(pages: list[dict]) -> list[dict]:
    """The pages of the notice's body, up to the one with the 附件说明 and the 落款."""
    last = next(i for i, p in enumerate(pages) if "附件：" in p["text"].replace(" ", ""))
    return pages[:last + 1]


def assert_filled(printed: Path) -> list[dict]:
    pages = page_fills(printed)
    body = body_pages(pages)
    assert len(body) >= 2
    least = [LEAST_FILL] * (len(body) - 2) + [LEAST_FILL_BEFORE_CLOSING]
    thin = [(n, round(p["fill"], 2)) for n, (p, fill) in enumerate(zip(body[:-1], least), start=1) if p["fill"] < fill]
    assert thin == [], f"pages less filled than they should be: {thin}"
    chart_pages = [p for p in body if "督查各单位得分" in p["text"].replace(" ", "")]
    assert len(chart_pages) == 1
    # the chart shares its page with text of the notice, or fills it
    words = [w for w in chart_pages[0]["words"] if TOP <= w["top"] <= BOTTOM and len(w["text"]) > 12]
    assert words or chart_pages[0]["fill"] > 0.8
    photos = [(page, image) for page in body for image in page["images"]]
    assert photos, "no photo on the printed pages: their captions would go unchecked"
    for page, image in photos:  # each photo with its caption below it on the same page
        below = [w for w in page["words"] if 0 <= w["top"] - image["bottom"] <= 12 * MM and "（20" in w["text"]]
        assert below, f"a photo without its caption on its page: {page['text'][:40]}"
    return body


@pytest.mark.libreoffice
def test_the_example_notice_has_no_half_empty_page(pdf_ws: Path):
    body = assert_filled(pdf_ws / "outputs" / "督查通报.pdf")
    assert sum(len(p["images"]) for p in body) >= 10  # the example's photos are all there


@pytest.mark.libreoffice
@pytest.mark.parametrize("units, problems", [(30, 120), (150, 600)])
def test_rounds_of_many_units_have_no_half_empty_page(example_ws: Path, soffice: str, units: int, problems: int):
    from scripts.bench import make_big_round

    make_big_round(example_ws, units=units, problems=problems)
    result = run("notice", "-w", example_ws)
    assert result.exit_code == 0, result.output
    [printed] = pdf.convert([example_ws / "outputs" / "督查通报.docx"])
    assert_filled(printed)
