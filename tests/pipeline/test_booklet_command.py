"""reporter booklet on the example workspace: a cover and a 目录, every document on an odd page,
the documents' own page numbers on the outer edge, units in configured order, bookmarks, labels."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from reporter.errors import EXIT_TOOL, InputError
from reporter.pipeline import pdf as pipeline_pdf
from reporter.publish.booklet import BLANK_LABEL
from reporter.render.docxtext import docx_text
from reporter.render.templates.booklet import (
    ContentsLine,
    Cover,
    contents_bytes,
    cover_bytes,
)
from reporter.workspace import load_campaign, open_workspace
from tests.conftest import ROOT, require_soffice, run
from tests.publish.pdf_pages import blank_pdf

CN_NUMBERS = "一二三四五六七八九十"




def set_order(ws: Path, order: str) -> None:
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    old = 'order = ["工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知"]'
    assert old in text
    config.write_text(text.replace(old, f"order = {order}"), encoding="utf-8")


def outline(reader: PdfReader) -> list[tuple[str | None, str, int]]:
    """Every bookmark as (parent title or None, title, booklet page from 1), in order."""
    out: list[tuple[str | None, str, int]] = []
    parent = None
    for item in reader.outline:
        if isinstance(item, list):
            out.extend((parent, child.title, reader.get_destination_page_number(child) + 1) for child in item)
        else:
            parent = item.title
            out.append((None, item.title, reader.get_destination_page_number(item) + 1))
    return out


def page_text(path: Path, numbers: list[int]) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [pdf.pages[n - 1].extract_text() or "" for n in numbers]


def contents_lines(text: str) -> list[tuple[str, int | None]]:
    """The 目录's items as (title without its number, page or None), from its pages' text."""
    out: list[tuple[str, int | None]] = []
    for line in text.splitlines():
        if re.fullmatch(r"目\s*录", line.strip()):
            continue
        match = re.fullmatch(rf"(?:[{CN_NUMBERS}]+、)?(.+?)(?:\.{{3,}}\s*(\d+))?", line.strip())
        assert match, line
        out.append((match.group(1), int(match.group(2)) if match.group(2) else None))
    return out


def printed_page_number(page) -> tuple[int, float] | None:
    """The page number "— k —" a document printed at the foot of ``page`` (its lowest line
    of 14 pt characters), and the horizontal centre of that number; None without one."""
    chars = [c for c in page.chars if abs(c["size"] - 14) < 0.2]
    if not chars:
        return None
    lowest = max(round(c["top"]) for c in chars)
    line = sorted((c for c in chars if abs(c["top"] - lowest) < 2), key=lambda c: c["x0"])
    match = re.fullmatch(r"—\s*(\d+)\s*—", "".join(c["text"] for c in line))
    if not match:
        return None
    return int(match.group(1)), (line[0]["x0"] + line[-1]["x1"]) / 2


# --- the whole example, once -------------------------------------------------------------------


class Built:
    """The example workspace after report, tasks, notice, pdf and booklet."""

    def __init__(self, ws: Path):
        self.ws = ws
        self.path = ws / "outputs" / "汇编.pdf"
        self.reader = PdfReader(self.path)
        self.outline = outline(self.reader)
        self.labels = self.reader.page_labels
        self.campaign = load_campaign(open_workspace(ws))

    def bookmark(self, title: str) -> int:
        return next(page for parent, name, page in self.outline if parent is None and name == title)

    @property
    def documents(self) -> list[tuple[str | None, str, int]]:
        """The bookmarks of documents: those without children, after the cover and 目录."""
        parents = {parent for parent, _name, _page in self.outline if parent}
        return [b for b in self.outline[2:] if b[1] not in parents or b[0] is not None]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    require_soffice()
    ws = tmp_path_factory.mktemp("booklet") / "ws"
    for name in ("inputs", "templates"):
        shutil.copytree(ROOT / name, ws / name)
    for command in ("report", "tasks", "notice", "pdf", "booklet"):
        result = run(command, "-w", str(ws))
        assert result.exit_code == 0, (command, result.output)
    return Built(ws)


@pytest.mark.libreoffice
def test_cover_then_contents(built: Built):
    assert built.outline[:2] == [(None, "封面", 1), (None, "目录", 3)]
    cover, back, contents = page_text(built.path, [1, 2, 3])
    for text in ("古塔区“三城联创”", "材料汇编", "2018年11月", "古塔区联创办", "2018年11月26日"):
        assert text in re.sub(r"\s", "", cover), text
    assert back == ""
    assert re.match(r"目\s*录\n一、工作情况汇报\.{3,}", contents)
    assert built.labels[:4] == ["封面", BLANK_LABEL, "目录-1", "目录-2"]
    assert built.reader.metadata.title == "古塔区“三城联创”2018年11月材料汇编"
    assert built.reader.metadata.author == "古塔区联创办"


@pytest.mark.libreoffice
def test_every_document_starts_on_an_odd_page(built: Built):
    starts = [page for _parent, _title, page in built.outline]
    assert starts == sorted(starts) and all(page % 2 == 1 for page in starts)
    assert len(built.documents) == 3 + 19 + 8


@pytest.mark.libreoffice
def test_contents_lists_every_document_at_its_bookmarked_page(built: Built):
    contents_pages = [n for n, label in enumerate(built.labels, start=1) if label.startswith("目录")]
    text = "\n".join(page_text(built.path, contents_pages))
    listed = contents_lines(text)
    bookmarked = [(title, None if any(p == title for p, _t, _n in built.outline) else page)
                  for _parent, title, page in built.outline[2:]]
    assert listed == bookmarked
    # (the pages of the later documents follow their lengths, which other work changes)
    assert listed[:2] == [("工作情况汇报", 5), ("责任分解表", 13)]
    assert [title for title, _page in listed[2:4]] == ["督查通报", "各单位任务清单"] and listed[3][1] is None


@pytest.mark.libreoffice
def test_units_in_configured_order(built: Built):
    order = [unit.short for unit in built.campaign.units]
    for group in ("各单位任务清单", "整改通知书"):
        units = [title for parent, title, _page in built.outline if parent == group]
        assert units and units == sorted(units, key=order.index), group
    tasks = [title for parent, title, _page in built.outline if parent == "各单位任务清单"]
    assert tasks[:3] == ["东城街道", "西城街道", "南湖街道"]


@pytest.mark.libreoffice
def test_blank_pages_are_blank_and_only_where_needed(built: Built):
    """A part of an odd number of pages is followed by one blank page, any other by none."""
    groups = {parent for parent, _title, _page in built.outline if parent}
    parts = [(parent, title, page) for parent, title, page in built.outline if title not in groups or parent]
    starts = [page for _parent, _title, page in parts] + [len(built.reader.pages) + 1]
    outputs = built.ws / "outputs"
    assert len(parts) > 2  # the cover, the 目录 and the documents
    for (parent, title, first), following in zip(parts, starts[1:]):
        own = [n for n in range(first, following) if built.labels[n - 1] != BLANK_LABEL]
        assert own == list(range(first, first + len(own))), title
        assert following - first == len(own) + len(own) % 2, title
        if parent is not None:
            folder = {"各单位任务清单": "任务清单", "整改通知书": "整改通知"}[parent]
            assert len(own) == len(PdfReader(outputs / folder / f"{title}.pdf").pages), title
        elif title not in ("封面", "目录"):
            assert len(own) == len(PdfReader(outputs / f"{title}.pdf").pages), title
    blanks = [n for n, label in enumerate(built.labels, start=1) if label == BLANK_LABEL]
    assert len(blanks) > 10
    for n in blanks:
        assert built.reader.pages[n - 1].get_contents() is None
    assert page_text(built.path, blanks) == [""] * len(blanks)


@pytest.mark.libreoffice
def test_printed_page_numbers_sit_on_the_outer_edge(built: Built):
    """Each document page prints its booklet page number, odd on the right and even on the
    left. The cover, the 目录 and blank pages print none."""
    checked = 0
    with pdfplumber.open(built.path) as pdf:
        for number, (page, label) in enumerate(zip(pdf.pages, built.labels), start=1):
            printed = printed_page_number(page)
            if label in ("封面", BLANK_LABEL) or label.startswith("目录"):
                assert printed is None, number
                continue
            assert printed is not None, (number, label)
            own, centre = printed
            assert own == number, label  # the booklet's page number, not the document's own
            assert own % 2 == number % 2, (number, label)
            assert (centre > page.width / 2) == (number % 2 == 1), (number, label)
            checked += 1
    assert checked > 60


#: A printed page number as pdftotext gives it.
FOLIO = re.compile(r"—\s*(\d+)\s*—")
MM = 72 / 25.4


def pdftotext_pages(path: Path, *options: str) -> list[str]:
    """The text of every page of ``path`` by poppler's pdftotext."""
    out = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout.split("\f")


@pytest.mark.libreoffice
def test_every_contents_entry_is_printed_on_its_page(built: Built):
    """The 目录's promise kept on paper: the page each entry names prints that number."""
    pages = pdftotext_pages(built.path, "-layout")
    contents_pages = [n for n, label in enumerate(built.labels, start=1) if label.startswith("目录")]
    text = "\n".join(line for n in contents_pages for line in pages[n - 1].splitlines() if line.strip())
    listed = [(title, page) for title, page in contents_lines(text) if page is not None]
    assert len(listed) == 30
    for title, page in listed:
        assert FOLIO.findall(pages[page - 1]) == [str(page)], title


@pytest.mark.libreoffice
def test_every_page_is_portrait_and_prints_one_number_at_most(built: Built):
    pages = pdftotext_pages(built.path, "-layout")
    sizes = {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in built.reader.pages}
    assert sizes == {(595.3, 841.9)}
    assert all(page.get("/Rotate", 0) == 0 for page in built.reader.pages)
    numbered = [n for n, text in enumerate(pages[:len(built.reader.pages)], start=1) if FOLIO.search(text)]
    assert len(numbered) > 60
    for n in numbered:
        assert FOLIO.findall(pages[n - 1]) == [str(n)], n


@pytest.mark.libreoffice
def test_landscape_pages_are_turned_into_the_portrait_type_area(built: Built):
    """The 责任分解表 and the task lists, landscape in their own PDFs, stand turned on portrait
    pages: head of the table on the left, text inside the portrait type area (28 mm from the
    left, 26 from the right, 37 from the top, 35 from the bottom), number where portrait
    pages have it (7 mm below the type area, on the outer side)."""
    outputs = built.ws / "outputs"
    landscape = [title for parent, title, _page in built.outline
                 if (parent is None and title == "责任分解表") or parent == "各单位任务清单"]
    first = {title: page for _parent, title, page in built.documents}
    turned = []
    for title in landscape:
        own = PdfReader(outputs / ("任务清单" if title != "责任分解表" else "") / f"{title}.pdf")
        assert all(p.mediabox.width > p.mediabox.height for p in own.pages), title
        turned.extend(range(first[title], first[title] + len(own.pages)))
    assert len(turned) > 20
    boxes = pdftotext_pages(built.path, "-bbox")
    for n in turned:
        words = [tuple(float(v) for v in m) for m in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes[0].split("<page")[n])]
        assert words, n
        body = [w for w in words if w[3] < 262 * MM + 1]
        folio = [w for w in words if w[1] > 262 * MM + 1]
        assert min(w[0] for w in body) >= 28 * MM - 1 and max(w[2] for w in body) <= 210 * MM - 26 * MM + 1, n
        assert min(w[1] for w in body) >= 37 * MM - 1, n
        assert folio and min(w[1] for w in folio) == pytest.approx(269 * MM, abs=1), n
        assert (min(w[0] for w in folio) > 105 * MM) == (n % 2 == 1), n


@pytest.mark.libreoffice
def test_booklet_numbered_per_part(built: Built, tmp_path: Path):
    """[booklet] numbering = "每份": the 目录 says 第N份第M页, and page M of part N prints M."""
    ws = tmp_path / "ws"
    shutil.copytree(built.ws, ws)
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[booklet]\n", '[booklet]\nnumbering = "每份"\n', 1), encoding="utf-8")
    result = run("booklet", "-w", str(ws))
    assert result.exit_code == 0, result.output
    path = ws / "outputs" / "汇编.pdf"
    pages = pdftotext_pages(path, "-layout")
    labels = PdfReader(path).page_labels
    contents = "\n".join(pages[n] for n, label in enumerate(labels) if label.startswith("目录"))
    listed = re.findall(r"(\S+?)\.{3,}\s*第\s*(\d+)\s*份第\s*(\d+)\s*页", contents)
    assert len(listed) == 30
    assert listed[:4] == [("一、工作情况汇报", "1", "1"), ("二、责任分解表", "2", "1"), ("三、督查通报", "3", "1"),
                          ("东城街道", "4", "1")]
    # the second unit's list goes on counting from the first's (its length is other work's)
    assert listed[4][:2] == ("西城街道", "4") and int(listed[4][2]) > 1 and int(listed[4][2]) % 2 == 1
    marks = outline(PdfReader(path))
    groups = {parent for parent, _title, _page in marks if parent}
    documents = [(title, page) for parent, title, page in marks[2:] if parent or title not in groups]
    assert len(documents) == len(listed)
    for (title, _part, number), (bookmarked, page) in zip(listed, documents):
        assert re.sub(r"^[一二三四五六七八九十]+、", "", title) == bookmarked
        assert FOLIO.findall(pages[page - 1]) == [number], title
    assert all(len(FOLIO.findall(text)) <= 1 for text in pages)


@pytest.mark.libreoffice
def test_booklet_follows_the_configured_order(example_ws: Path, soffice: str, monkeypatch):
    set_order(example_ws, '["督查通报", "整改通知", "工作情况汇报"]')
    for command in ("report", "notice", "pdf"):
        result = run(command, "-w", str(example_ws))
        assert result.exit_code == 0, result.output
    # A guess of three pages for a one-page 目录: it is made again with the right numbers.
    monkeypatch.setattr(pipeline_pdf, "LINES_PER_PAGE", 5)
    converted: list[list[str]] = []
    convert = pipeline_pdf.pdf.convert

    def recording(docs, **options):
        converted.append([Path(d).name for d in docs])
        return convert(docs, **options)

    monkeypatch.setattr(pipeline_pdf.pdf, "convert", recording)
    result = run("booklet", "-w", str(example_ws))
    assert result.exit_code == 0, result.output
    assert converted == [["封面.docx", "目录.docx"], ["目录.docx"], ["页码.docx"]]
    path = example_ws / "outputs" / "汇编.pdf"
    reader = PdfReader(path)
    top = [title for parent, title, _page in outline(reader) if parent is None]
    assert top == ["封面", "目录", "督查通报", "整改通知书", "工作情况汇报"]
    assert sum(1 for parent, _t, _p in outline(reader) if parent == "整改通知书") == 8
    assert reader.page_labels[:5] == ["封面", BLANK_LABEL, "目录", BLANK_LABEL, "1-1"]
    listed = contents_lines(page_text(path, [3])[0])
    assert listed[0] == ("督查通报", 5)
    assert listed[-1] == ("工作情况汇报", outline(reader)[-1][2])


def test_booklet_needs_fresh_pdfs(example_ws: Path):
    assert run("report", "-w", str(example_ws)).exit_code == 0
    result = run("booklet", "-w", str(example_ws))
    assert result.exit_code == 1
    assert "outputs/工作情况汇报.docx: 还没有转换为 PDF" in result.output and "请先运行 reporter pdf" in result.output


def test_booklet_without_libreoffice_says_what_it_is_for(example_ws: Path, tmp_path: Path, monkeypatch):
    assert run("report", "-w", str(example_ws)).exit_code == 0
    docx = example_ws / "outputs" / "工作情况汇报.docx"
    made = blank_pdf(docx.with_suffix(".pdf"), 1, 595)
    os.utime(made, (docx.stat().st_mtime + 1, docx.stat().st_mtime + 1))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    result = run("booklet", "-w", str(example_ws))
    assert result.exit_code == EXIT_TOOL
    assert "未找到 LibreOffice（soffice），无法生成汇编的封面和目录" in result.output
    assert not (example_ws / "outputs" / "汇编.pdf").exists()


def test_unknown_booklet_part_names_its_key(example_ws: Path):
    set_order(example_ws, '["工作情况汇报", "通报"]')
    with pytest.raises(InputError) as caught:
        load_campaign(open_workspace(example_ws))
    assert any("booklet.order[2]: “通报” 不是可合订的文件" in line for line in caught.value.lines())


# --- the cover and 目录 documents ---------------------------------------------------------------


COVER = Cover("古塔区“三城联创”", "材料汇编", "2018年11月", "古塔区联创办", "2018年11月26日")
LINES = [ContentsLine("一、工作情况汇报", 5), ContentsLine("二、整改通知书", None), ContentsLine("东城街道", 7, 2)]


def test_cover_and_contents_documents_print_no_page_number(tmp_path: Path):
    cover, contents = tmp_path / "封面.docx", tmp_path / "目录.docx"
    cover.write_bytes(cover_bytes(COVER))
    contents.write_bytes(contents_bytes(LINES))
    assert docx_text(cover).splitlines() == ["古塔区“三城联创”", "材料汇编", "（2018年11月）", "古塔区联创办", "2018年11月26日"]
    assert docx_text(contents).splitlines() == ["目\u3000录", "一、工作情况汇报5", "二、整改通知书", "东城街道7"]
    for path in (cover, contents):
        with zipfile.ZipFile(path) as package:
            assert not [name for name in package.namelist() if "footer" in name], path.name
            assert b"footerReference" not in package.read("word/document.xml")
    assert cover_bytes(COVER) == cover.read_bytes()  # no clock in the package


def test_cover_and_contents_documents_are_valid(tmp_path: Path, ooxml_validator):
    for name, data in (("封面.docx", cover_bytes(COVER)), ("目录.docx", contents_bytes(LINES))):
        (tmp_path / name).write_bytes(data)
        ooxml_validator(tmp_path / name)
