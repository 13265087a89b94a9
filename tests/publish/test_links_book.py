"""Links people can scan: 填报链接.xlsx carries each link's QR code as an image in its row (read
back module by module, it is exactly segno's code of that row's link), and 填报链接.pdf gives
each unit one printable page with its name, period, deadline, QR code (read back from the
page's image, segno's code of its link) and link; without LibreOffice the workbook is still
written and the reason said."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from reporter.pipeline.links import PRINT_SCALE, LinkRow, write_link_files
from reporter.publish.links_book import QR_SCALE, links_workbook_bytes
from reporter.publish.qr import QUIET_ZONE, qr_code
from reporter.workspace import open_workspace

BASE = "http://192.168.1.10:8000"


def matrix_of_image(png: bytes, scale: int) -> list[list[bool]]:
    """The dark (True) and light modules of a QR image, read at each module's centre, quiet zone removed."""
    image = Image.open(io.BytesIO(png)).convert("L")
    modules = image.width // scale
    assert image.width == image.height == modules * scale
    inner = range(QUIET_ZONE, modules - QUIET_ZONE)
    return [[image.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128 for x in inner] for y in inner]


def segno_matrix(url: str) -> list[list[bool]]:
    return [[bool(module) for module in row] for row in qr_code(url).matrix]


def rows_for(shorts: list[str]) -> list[LinkRow]:
    return [LinkRow(f"古塔区{short}", short, f"{BASE}/u/{short.encode().hex()}x{index}")
            for index, short in enumerate(shorts)]


def test_each_row_carries_the_qr_code_of_its_own_link(tmp_path: Path):
    rows = rows_for(["东城街道", "西城街道", "区城管局"])
    path = tmp_path / "links.xlsx"
    path.write_bytes(links_workbook_bytes("填报链接", rows, dt.datetime(2018, 11, 1)))

    sheet = load_workbook(path)["填报链接"]
    images = sheet._images
    assert len(images) == len(rows) > 0
    for image in images:
        row = image.anchor._from.row + 1  # 0-based in the drawing
        assert image.anchor._from.col == 4  # column E
        url = sheet[f"D{row}"].value
        assert url in {r.url for r in rows}
        assert sheet[f"E{row}"].value in (None, "")  # no text repeating the link
        assert matrix_of_image(image._data(), QR_SCALE) == segno_matrix(url)
        assert sheet.row_dimensions[row].height >= image.height * 0.75  # the row is as tall as its code


def test_different_links_give_different_codes():
    first, second = rows_for(["东城街道", "西城街道"])
    assert segno_matrix(first.url) != segno_matrix(second.url)


def _units_rows(ws_root: Path) -> list[LinkRow]:
    campaign = open_workspace(ws_root).campaign
    rows = [LinkRow(u.name, u.short, f"{BASE}/u/token{index:02d}{u.code}") for index, u in enumerate(campaign.units)]
    return rows + [LinkRow(campaign.office, "办公室", f"{BASE}/office/secret")]


def test_the_pdf_has_one_page_per_unit_with_its_name_link_and_qr_code(example_ws: Path, tmp_path: Path,
                                                                       soffice: str):
    rows = _units_rows(example_ws)
    files = write_link_files(open_workspace(example_ws), rows)

    assert files.note == ""
    assert files.sheets == example_ws / "outputs" / "填报链接.pdf"
    pages = PdfReader(files.sheets).pages
    units = rows[:-1]
    assert len(pages) == len(units) > 0
    for number, row in enumerate(units, start=1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(files.sheets), "-"],
                              check=True, capture_output=True).stdout.decode("utf-8").replace(" ", "")
        assert row.name in text
        assert row.url in text
        assert "报送期：2018年11月" in text and "截止日期：2018年11月20日" in text
        assert "/office/" not in text  # the office's own link is never printed for handing out
        assert matrix_of_image(_page_image(files.sheets, number, tmp_path), PRINT_SCALE) == segno_matrix(row.url)


def _page_image(pdf: Path, page: int, folder: Path) -> bytes:
    """The one image drawn on ``page`` of ``pdf`` (as poppler's pdfimages extracts it), as PNG."""
    stem = folder / f"page{page}"
    subprocess.run(["pdfimages", "-png", "-f", str(page), "-l", str(page), str(pdf), str(stem)], check=True)
    found = sorted(folder.glob(f"page{page}-*.png"))
    assert len(found) == 1, found
    return found[0].read_bytes()


def test_without_libreoffice_the_workbook_is_still_written(example_ws: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere
    files = write_link_files(open_workspace(example_ws), _units_rows(example_ws))
    assert files.sheets is None
    assert "未生成 填报链接.pdf" in files.note and "LibreOffice" in files.note
    assert files.workbook.is_file()
    assert not (example_ws / "outputs" / "填报链接.pdf").exists()
