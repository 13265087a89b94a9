"""The booklet's assembly from PDFs: odd-page starts with blank pages between, the 目录's lines,
bookmarks, page labels, metadata, atomic writing. Stub PDFs of blank pages; no LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject

from reporter.errors import InputError
from reporter.publish.booklet import (
    BLANK_LABEL,
    BookletEntry,
    ContentsItem,
    FrontPart,
    Placement,
    contents,
    make_booklet,
    page_numbers,
    place,
    sections,
)
from tests.publish.pdf_pages import blank_pdf


def outline(reader: PdfReader, items) -> list:
    """The outline as nested (title, page number from 1) tuples and lists."""
    out = []
    for item in items:
        if isinstance(item, list):
            out.append(outline(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item) + 1))
    return out


@pytest.fixture
def parts(tmp_path: Path) -> list[BookletEntry]:
    return [
        BookletEntry("工作情况汇报", blank_pdf(tmp_path / "a.pdf", 2, 500), "汇报"),
        BookletEntry("数据说明", blank_pdf(tmp_path / "b.pdf", 1, 510), "汇报"),
        BookletEntry("责任分解表", blank_pdf(tmp_path / "c.pdf", 3, 520, 600)),
        BookletEntry("东城街道", blank_pdf(tmp_path / "d.pdf", 1, 530), "整改通知书"),
    ]


@pytest.fixture
def front(tmp_path: Path) -> list[FrontPart]:
    return [FrontPart("封面", blank_pdf(tmp_path / "cover.pdf", 1, 400)),
            FrontPart("目录", blank_pdf(tmp_path / "contents.pdf", 2, 410))]


# --- layout -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("counts", "firsts", "blanks"), [
    ([1], [1], [True]),
    ([2, 1, 3, 1], [1, 3, 5, 9], [False, True, True, True]),
    ([1, 1, 1], [1, 3, 5], [True, True, True]),
    ([4, 2], [1, 5], [False, False]),
])
def test_every_part_starts_on_an_odd_page(counts, firsts, blanks):
    placed = place(counts)
    assert [p.first for p in placed] == firsts
    assert [p.blank_after for p in placed] == blanks
    assert all(p.first % 2 == 1 and p.following % 2 == 1 for p in placed)


def test_placing_after_front_matter_and_bad_counts():
    assert [p.first for p in place([7, 8], first=5)] == [5, 13]
    assert Placement(5, 7).following == 13
    with pytest.raises(ValueError):
        place([1], first=2)
    with pytest.raises(ValueError):
        place([0])


def test_sections_group_consecutive_entries(tmp_path: Path):
    entries = [BookletEntry("汇报", tmp_path), BookletEntry("东城街道", tmp_path, "任务清单"),
               BookletEntry("西城街道", tmp_path, "任务清单"), BookletEntry("东城街道", tmp_path, "整改通知书"),
               BookletEntry("通报", tmp_path)]
    assert [(s.number, s.title, s.entries, s.grouped) for s in sections(entries)] == [
        (1, "汇报", (0,), False), (2, "任务清单", (1, 2), True), (3, "整改通知书", (3,), True), (4, "通报", (4,), False)]
    placed = place([3, 2, 1, 1, 2], first=5)
    assert contents(entries, placed) == [
        ContentsItem(1, 1, "汇报", 5, "5"),
        ContentsItem(1, 2, "任务清单", None), ContentsItem(2, None, "东城街道", 9, "9"),
        ContentsItem(2, None, "西城街道", 11, "11"),
        ContentsItem(1, 3, "整改通知书", None), ContentsItem(2, None, "东城街道", 13, "13"),
        ContentsItem(1, 4, "通报", 15, "15"),
    ]
    # numbered per part: a group's documents count on from one another, blank pages included
    assert [item.printed for item in contents(entries, placed, per_part=True)] == [
        "第1份第1页", None, "第2份第1页", "第2份第3页", None, "第3份第1页", "第4份第1页"]
    assert page_numbers(entries, placed) == {page: page for page in range(5, 17)}
    assert page_numbers(entries, placed, per_part=True) == {
        5: 1, 6: 2, 7: 3, 8: 4, 9: 1, 10: 2, 11: 3, 12: 4, 13: 1, 14: 2, 15: 1, 16: 2}


# --- the merged file ---------------------------------------------------------------------------


def test_booklet(tmp_path: Path, parts, front):
    out = make_booklet(parts, tmp_path / "合订本" / "合订本.pdf", title="2018年11月材料汇编",
                       author="古塔区联创办", front=front)
    assert out == tmp_path / "合订本" / "合订本.pdf"
    reader = PdfReader(out)
    # cover + blank, 目录 (2), report (2), 数据说明 + blank, 责任分解表 (3) + blank, 东城街道 + blank
    assert [round(float(p.mediabox.width)) for p in reader.pages] == [
        400, 400, 410, 410, 500, 500, 510, 510, 520, 520, 520, 520, 530, 530]
    assert round(float(reader.pages[11].mediabox.height)) == 600  # a blank page has its part's size
    assert outline(reader, reader.outline) == [
        ("封面", 1), ("目录", 3),
        ("汇报", 5), [("工作情况汇报", 5), ("数据说明", 7)],
        ("责任分解表", 9),
        ("整改通知书", 13), [("东城街道", 13)],
    ]
    assert reader.page_labels == ["封面", BLANK_LABEL, "目录-1", "目录-2", "1.1-1", "1.1-2", "1.2-1", BLANK_LABEL,
                                  "2-1", "2-2", "2-3", BLANK_LABEL, "3.1-1", BLANK_LABEL]
    meta = reader.metadata
    assert meta.title == "2018年11月材料汇编" and meta.author == "古塔区联创办"
    assert "/CreationDate" not in meta and "/ModDate" not in meta
    assert reader.page_mode == "/UseOutlines"
    assert [p.name for p in out.parent.iterdir()] == ["合订本.pdf"]


def test_inserted_pages_are_blank(tmp_path: Path, front):
    source = tmp_path / "text.pdf"
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = DecodedStreamObject()
    stream.set_data(b"0 0 m 100 100 l S")
    page.replace_contents(stream)
    writer.write(source)
    reader = PdfReader(make_booklet([BookletEntry("正文", source)], tmp_path / "out.pdf", "t", "a"))
    assert len(reader.pages) == 2
    assert reader.pages[0].get_contents() is not None
    assert reader.pages[1].get_contents() is None and reader.page_labels[1] == BLANK_LABEL


def test_one_page_front_part_has_its_title_as_label(tmp_path: Path, parts):
    cover = FrontPart("封面", blank_pdf(tmp_path / "cover.pdf", 1, 400))
    reader = PdfReader(make_booklet(parts[2:3], tmp_path / "out.pdf", "t", "a", front=[cover]))
    assert reader.page_labels == ["封面", BLANK_LABEL, "1-1", "1-2", "1-3", BLANK_LABEL]


def test_booklet_is_reproducible(tmp_path: Path, parts, front):
    first = make_booklet(parts, tmp_path / "1.pdf", title="汇编", author="联创办", front=front).read_bytes()
    second = make_booklet(parts, tmp_path / "2.pdf", title="汇编", author="联创办", front=front).read_bytes()
    assert first == second


def test_booklet_with_a_missing_part_leaves_the_old_one(tmp_path: Path, parts):
    out = tmp_path / "合订本.pdf"
    out.write_bytes(b"old")
    parts.append(BookletEntry("缺", tmp_path / "missing.pdf"))
    with pytest.raises(InputError) as info:
        make_booklet(parts, out, title="汇编", author="联创办")
    assert "missing.pdf" in "\n".join(info.value.lines())
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~")) == []


def test_booklet_rejects_a_broken_or_empty_pdf(tmp_path: Path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    with pytest.raises(InputError) as info:
        make_booklet([BookletEntry("坏", broken)], tmp_path / "out.pdf", title="t", author="a")
    assert "broken.pdf" in "\n".join(info.value.lines())
    empty = blank_pdf(tmp_path / "empty.pdf", 0, 500)
    with pytest.raises(InputError) as info:
        make_booklet([BookletEntry("空", empty)], tmp_path / "out.pdf", title="t", author="a")
    assert "empty.pdf: PDF 没有页面" in "\n".join(info.value.lines())


def test_booklet_needs_a_document(tmp_path: Path, front):
    with pytest.raises(InputError):
        make_booklet([], tmp_path / "out.pdf", title="t", author="a", front=front)
