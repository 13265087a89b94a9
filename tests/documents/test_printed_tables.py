"""The tables and 整改通知书 as printed (LibreOffice PDF): every table inside the type area,
header and category on every page of the 责任分解表, no unit name broken across lines, and a
整改通知书's last page never holding only its signature."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from reporter.workspace import load_campaign, open_workspace
from tests.conftest import copy_example, require_soffice, run

MM = 72 / 25.4
PORTRAIT_AREA, LANDSCAPE_AREA = (28.0, 210.0 - 26.0), (37.0, 297.0 - 35.0)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    require_soffice()
    ws = copy_example(tmp_path_factory.mktemp("printed"))
    for command in ("tasks", "notice", "pdf"):
        result = run(command, "-w", ws)
        assert result.exit_code == 0, result.output
    return ws


def pdf_pages(path: Path) -> list:
    with pdfplumber.open(path) as pdf:
        return [{"width": p.width, "edges": [e for e in p.edges if e["orientation"] == "v"],
                 "text": p.extract_text() or "", "page": p} for p in pdf.pages]


def table_pdfs(ws: Path) -> list[Path]:
    outputs = ws / "outputs"
    return [outputs / "责任分解表.pdf", outputs / "督查通报.pdf", *sorted((outputs / "任务清单").glob("*.pdf"))]


def test_every_table_stays_inside_the_type_area(soffice, printed: Path):
    ruled = 0
    for path in table_pdfs(printed):
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                left, right = LANDSCAPE_AREA if page.width > page.height else PORTRAIT_AREA
                edges = [e["x0"] / MM for e in page.edges if e["orientation"] == "v"]
                if edges:
                    assert min(edges) >= left - 0.3 and max(edges) <= right + 0.3, (path.name, number, edges)
                    ruled += 1
    assert ruled >= len(table_pdfs(printed)), ruled  # every PDF has at least one page with a table


def test_the_breakdown_shows_its_header_and_categories_on_every_page(soffice, printed: Path):
    campaign = load_campaign(open_workspace(printed))
    with pdfplumber.open(printed / "outputs" / "责任分解表.pdf") as pdf:
        assert len(pdf.pages) >= 3
        for page in pdf.pages:
            text = (page.extract_text() or "").replace(" ", "")
            assert "具体措施" in text and "工作任务" in text and "（配合单位）" in text
            first_column = page.crop((37 * MM, 0, 52 * MM, page.height)).extract_text() or ""
            assert any(c in first_column.replace(" ", "") for c in campaign.task_categories)


def column_lines(page, x0: float, x1: float) -> list[str]:
    """The lines of text between two vertical rules of the page's table."""
    rules = [e for e in page.edges if e["orientation"] == "v"]
    top, bottom = min(e["top"] for e in rules), max(e["bottom"] for e in rules)
    text = page.crop((x0 + 0.5, top, x1 - 0.5, bottom)).extract_text() or ""
    return [line.replace(" ", "") for line in text.splitlines() if line.strip()]


def test_no_unit_name_is_broken_across_lines(soffice, printed: Path):
    campaign = load_campaign(open_workspace(printed))
    names = {u.short for u in campaign.units} | {campaign.all_streets, campaign.all_departments}
    headers = {"牵头单位", "责任单位", "（配合单位）"}
    checked = 0
    with pdfplumber.open(printed / "outputs" / "责任分解表.pdf") as pdf:
        for page in pdf.pages:
            xs = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
            for left, right in (xs[4:6], xs[5:7]):  # 牵头单位, 责任单位（配合单位）
                for line in column_lines(page, left, right):
                    if line in headers:
                        continue
                    parts = [p for p in line.split("、") if p]
                    assert parts and all(p in names for p in parts), (page.page_number, line)
                    checked += 1
    assert checked > 40


def test_a_notices_last_page_never_holds_only_its_signature(soffice, printed: Path):
    folder = printed / "outputs" / "整改通知"
    paths = sorted(folder.glob("*.pdf"))
    assert paths and any(len(pdf_pages(p)) > 1 for p in paths)
    for path in paths:
        last = pdf_pages(path)[-1]["text"].replace(" ", "")
        signed = next(p["text"].replace(" ", "") for p in pdf_pages(path) if "2018年11月26日" in p["text"].replace(" ", ""))
        # The page of the 落款 holds the notice's last words too (the 回执 follows on a page of its own).
        assert "联系人" in signed and "工作领导小组办公室" in signed, path.stem
        assert "整改情况回执" in last, path.stem
