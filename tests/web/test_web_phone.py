"""The unit pages on a phone (issue 22, items 1–3, 6, 7), in chromium with touch at 360×640 and
390×844 and at 200% zoom (a 180 px wide page): nothing wider than the screen, every indicator
a block with a decimal keyboard and its 上期 value, the submit button always on screen and
tappable, the receipt after tapping it, the correction prefilled; the board's order, filter
and closing of the period. Screenshots of the phone form and receipt go to docs/ with
REPORTER_SCREENSHOTS=1 (to the test's folder otherwise)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reporter.web import storage
from reporter.workspace import open_workspace
from tests.web.conftest import Server, screenshot_folder, with_cell

pytestmark = pytest.mark.browser
PHONES = {"360×640": (360, 640), "390×844": (390, 844)}
#: What 200% zoom leaves of a 360 px screen.
ZOOMED = (180, 320)


def phone(browser, size: tuple[int, int]):
    width, height = size
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    return context, context.new_page()


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def tappable(page, selector: str) -> bool:
    """Whether the element is on screen and a tap at its centre lands on it."""
    return page.eval_on_selector(selector, """e => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.bottom > window.innerHeight || r.top < 0) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit === e || e.contains(hit);
    }""")


@pytest.fixture
def on_time(monkeypatch):
    """Versions stored on 2018-11-18, before the example's deadline."""
    monkeypatch.setattr(storage, "now", lambda: dt.datetime(2018, 11, 18, 10, 30))


@pytest.mark.parametrize("size", [*PHONES.values(), ZOOMED], ids=[*PHONES, "200%缩放"])
def test_unit_pages_fit_a_phone_and_the_submit_button_is_always_tappable(server: Server, live: str, browser,
                                                                        size, on_time, tmp_path: Path):
    short = "区市场监管局"
    token = server.tokens[short]
    context, page = phone(browser, size)
    try:
        page.goto(f"{live}/u/{token}")
        assert overflow(page) <= 0
        page.goto(f"{live}/u/{token}/fill")
        assert overflow(page) <= 0
        inputs = page.locator("input.figure")
        assert inputs.count() > 0
        assert all(m == "decimal" for m in inputs.evaluate_all("l => l.map(e => e.inputMode)"))
        assert page.locator(".figure-row .previous").count() == inputs.count()
        # Each indicator a block: its name above its input, never squeezed into a column.
        name, field = page.locator(".figure-row .name").first.bounding_box(), inputs.first.bounding_box()
        assert name and field and name["y"] + name["height"] <= field["y"] + 1 and name["width"] > size[0] / 2
        for y in (0, 2000, 10 ** 6):  # top, middle and end of a long form
            page.evaluate(f"window.scrollTo(0, {y})")
            assert tappable(page, "#submit"), f"submit covered or off screen at scroll {y}"
        assert overflow(page) <= 0
    finally:
        context.close()


def test_submit_from_a_phone_shows_the_receipt_and_a_correction_starts_from_it(server: Server, live: str,
                                                                               browser, on_time,
                                                                               tmp_path: Path):
    short = "区市场监管局"
    token = server.tokens[short]
    server.upload(short, server.workbook(short))  # version 1, as uploaded from Excel
    context, page = phone(browser, PHONES["390×844"])
    try:
        page.goto(f"{live}/u/{token}")
        page.get_by_role("link", name="在网页上更正").first.tap()
        assert "当前的第 1 版报送内容" in page.locator("#prefilled").inner_text()
        first = page.locator("input.figure").first
        assert first.input_value() != ""
        page.screenshot(path=str(screenshot_folder(tmp_path) / "网上填报-手机填报.png"))
        first.fill("321")
        page.locator("#submit").tap()
        page.locator("#receipt-figures").wait_for()
        assert "第 2 版（当前版本）" in page.locator("#receipt-version").inner_text()
        campaign = open_workspace(server.ws).campaign
        unit = next(u for u in campaign.units if u.short == short)
        assert page.locator("#receipt-figures li").count() == len(campaign.indicators_for(unit))
        assert "321" in page.locator("#receipt-figures li").first.inner_text()
        assert overflow(page) <= 0
        page.screenshot(path=str(screenshot_folder(tmp_path) / "网上填报-手机回执.png"), full_page=True)
        page.emulate_media(media="print")
        assert not page.locator(".actions.no-print").is_visible()  # printed without its buttons
    finally:
        context.close()


def test_the_board_chases_first_filters_and_closes_the_period(server: Server, live: str, browser, on_time,
                                                              tmp_path: Path):
    server.upload("东城街道", server.workbook("东城街道"))
    server.upload("西城街道", with_cell(server.workbook("西城街道"), "工作指标", "D3", "两千"))
    context = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live}/office/{server.tokens['办公室']}")
        states = page.locator("#board td.state").all_inner_texts()
        assert states and states[0] == "未报" and states[-1] == "已报送" and states[-2] == "有误待改"
        page.locator("#filters a", has_text="有误待改").click()
        assert page.locator("#board td.state").all_inner_texts() == ["有误待改"]
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator("#close").click()
        page.locator("#reopen").wait_for()
        unit = context.new_page()
        unit.goto(f"{live}/u/{server.tokens['南湖街道']}")
        assert "本期报送已由办公室截止" in unit.locator("#closed").inner_text()
        assert unit.locator("#upload").count() == 0
        page.locator("#reopen").click()
        page.locator("#close").wait_for()
        unit.reload()
        assert unit.locator("#upload").count() == 1
    finally:
        context.close()
