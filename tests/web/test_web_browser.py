"""The intake server in a real browser (Debian's chromium driven by Playwright): the instant
check of a figure, a submission seen on the board, a broken upload's cells, another unit's
token refused. A screenshot of the board goes to docs/ with REPORTER_SCREENSHOTS=1 (to the
test's folder otherwise); those of the phone pages come from test_web_phone.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reporter.web import storage
from tests.web.conftest import Server, form_of, screenshot_folder, submission, with_cell

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


def test_fill_in_the_browser_then_see_it_on_the_board(server: Server, live: str, page, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(storage, "now", lambda: dt.datetime(2018, 11, 18, 10, 30))  # before the deadline
    short = "区城管局"
    returned = submission(server, server.returned / f"{short}.xlsx")
    fields = form_of(server, returned)
    page.goto(f"{live}/u/{server.tokens[short]}")
    page.get_by_role("link", name="直接在网页上填写").click()
    first = f"value-{returned.values[0].indicator_code}"
    page.fill(f"input[name='{first}']", "两千")
    page.press(f"input[name='{first}']", "Tab")
    error = page.locator(f"#error-{returned.values[0].indicator_code}")
    error.wait_for(state="visible")
    assert "“两千” 不是数字，请填写阿拉伯数字" in error.inner_text()
    assert page.url.endswith("/fill")  # nothing submitted yet
    for name, value in fields.items():
        if name == "csrf_token" or not value:
            continue
        locator = page.locator(f"[name='{name}']")
        if locator.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(label=value)
        else:
            locator.fill(value)
    page.press(f"input[name='{first}']", "Tab")
    page.wait_for_function(f"document.getElementById('error-{returned.values[0].indicator_code}').textContent === ''")
    page.get_by_role("button", name="提交报送").click()
    page.locator("#outcome").wait_for()
    assert "已报送" in page.locator("#outcome").inner_text()

    server.upload("东城街道", server.workbook("东城街道"))
    server.upload("西城街道", with_cell(server.workbook("西城街道"), "工作指标", "D3", "两千"))
    page.goto(f"{live}/office/{server.tokens['办公室']}")
    row = page.locator("tr", has_text=short)
    assert "已报送" in row.inner_text() and "第 1 版" in row.inner_text()
    assert "有误待改" in page.locator("tr", has_text="西城街道").inner_text()
    page.get_by_role("button", name="检查填报表").click()
    page.locator("#job-result").wait_for(state="visible", timeout=60000)
    page.screenshot(path=str(screenshot_folder(tmp_path) / "网上填报-看板.png"), full_page=True)


def test_broken_upload_lists_its_cells(server: Server, live: str, page, tmp_path: Path):
    broken = tmp_path / "南湖街道.xlsx"
    broken.write_bytes(with_cell(server.workbook("南湖街道"), "工作指标", "D3", "两千"))
    page.goto(f"{live}/u/{server.tokens['南湖街道']}")
    page.set_input_files("input[name=workbook]", str(broken))
    page.get_by_role("button", name="上传并检查").click()
    problems = page.locator(".problems")
    problems.wait_for()
    assert "工作指标!D3" in problems.inner_text() and "“两千” 不是数字" in problems.inner_text()
    assert not server.inputs("南湖街道").exists()


def test_another_units_token_on_a_submission_url_is_refused(server: Server, live: str, page, tmp_path: Path):
    upload = tmp_path / "东城街道.xlsx"
    upload.write_bytes(server.workbook("东城街道"))
    page.goto(f"{live}/u/{server.tokens['东城街道']}")
    page.eval_on_selector("#upload", "(form, url) => form.action = url",
                          f"{live}/u/{server.tokens['西城街道']}/upload")
    page.set_input_files("input[name=workbook]", str(upload))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_load_state()
    assert "防伪校验" in page.content()
    assert not any((server.ws / "inputs" / "2018-11").iterdir())
