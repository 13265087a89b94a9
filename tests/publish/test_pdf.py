"""PDF output: LibreOffice conversion measured against GB/T 9704, and failures (booklets: tests/publish/test_booklet.py).

The real conversion runs once per module (the example report, from conftest's built_ws,
plus two small documents with the same file name, in two parallel batches) and is measured
with pdfplumber.
Stub ``soffice`` scripts cover the failures without LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import statistics
import tempfile
import time
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from reporter.errors import EXIT_INPUT, EXIT_TOOL, InputError, ToolError
from reporter.publish.pdf import convert, find_soffice
from reporter.render import docstyle
from tests.conftest import require_soffice, run
from tests.publish.pdf_pages import MM, Page, cjk_fonts, embedded_fonts, is_body, text_lines

# GB/T 9704-2012 type area on A4: left 28, right 26, top 37, bottom 35 mm.
LEFT_MM, RIGHT_EDGE_MM, TOP_MM, BOTTOM_EDGE_MM = 28.0, 210.0 - 26.0, 37.0, 297.0 - 35.0
PITCH_PT = 28.95
ONE_CHAR_14PT_MM = 14 / MM  # the page number is set one 4号 character in from the margin

RARE = "镕堃喆昇赟珺玥犇垚"  # not in Fandol: Noto Serif CJK SC must fill in


# --- the real conversion, once per module ----------------------------------------------------


class Converted:
    """The PDFs of one real conversion run, and the progress calls it made."""

    def __init__(self, report: Path, rare: Path, second: Path, progress_calls: list):
        self.report = report
        self.rare = rare
        self.second = second
        self.progress_calls = progress_calls


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, built_ws: Path) -> Converted:
    require_soffice()
    ws = tmp_path_factory.mktemp("pdfws")
    report_docx = ws / "outputs" / "工作情况汇报.docx"
    report_docx.parent.mkdir()
    shutil.copy2(built_ws / "outputs" / "工作情况汇报.docx", report_docx)

    # Two more documents with the same file name as the report, in other folders.
    rare_docx = ws / "rare" / "工作情况汇报.docx"
    doc = docstyle.new_document(title="生僻字", author="测试")
    docstyle.add_paragraph(doc, f"人名用字：{RARE}", "公文正文")
    rare_docx.parent.mkdir()
    doc.save(str(rare_docx))
    second_docx = ws / "second" / "工作情况汇报.docx"
    doc = docstyle.new_document(title="第二份", author="测试")
    docstyle.add_paragraph(doc, "第二份文件的正文", "公文正文")
    second_docx.parent.mkdir()
    doc.save(str(second_docx))

    calls = []

    def progress(items, label):
        items = list(items)
        calls.append((len(items), label))
        yield from items

    pdfs = convert([report_docx, rare_docx, second_docx], progress=progress, workers=2)
    return Converted(*pdfs, progress_calls=calls)


@pytest.fixture(scope="module")
def report_pages(converted: Converted):
    with pdfplumber.open(converted.report) as pdf:
        pages = [{"chars": page.chars, "width": page.width, "height": page.height}
                 for page in pdf.pages]
    assert len(pages) >= 2
    return pages


def test_convert_returns_pdfs_next_to_each_docx(soffice, converted: Converted):
    assert converted.report.name == "工作情况汇报.pdf"
    assert converted.rare.parent.name == "rare" and converted.second.parent.name == "second"
    for pdf in (converted.report, converted.rare, converted.second):
        assert pdf.read_bytes().startswith(b"%PDF")
    # Same stems in one batch did not get mixed up.
    assert "第二份文件的正文" in _text(converted.second)
    assert "人名用字" in _text(converted.rare)
    assert "工作情况汇报" in _text(converted.report)
    assert converted.progress_calls == [(3, "转换 PDF")]
    # No LibreOffice lock or temporary files next to the inputs or outputs.
    for folder in {converted.report.parent, converted.rare.parent}:
        assert not [p.name for p in folder.iterdir() if p.name.startswith((".~", "~"))]


def _text(pdf: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_page_is_a4(soffice, report_pages):
    for page in report_pages:
        assert page["width"] / MM == pytest.approx(210, abs=0.5)
        assert page["height"] / MM == pytest.approx(297, abs=0.5)


def test_body_left_edge_is_28mm(soffice, report_pages):
    for data in report_pages:
        body = [line for line in text_lines(Page(data)) if is_body(line)]
        assert body, "no body text in 仿宋 (FandolFang)"
        edges = [line[0]["x0"] / MM for line in body]
        # Lines that do not start a paragraph begin at the margin; first lines are
        # indented two characters.
        assert min(edges) == pytest.approx(LEFT_MM, abs=1)
        assert all(e >= LEFT_MM - 1 for e in edges)


def _first_body_tops(pages) -> list[float]:
    tops = []
    for data in pages[1:]:  # page 1 starts with the title
        lines = text_lines(Page(data))
        if lines and is_body(lines[0]):
            tops.append(lines[0][0]["top"] / MM)
    return tops


def test_first_body_line_top_is_37mm(soffice, report_pages):
    tops = _first_body_tops(report_pages)
    assert tops
    for top in tops:
        assert top == pytest.approx(TOP_MM, abs=1)


def test_body_lies_inside_type_area(soffice, report_pages):
    """Body characters stay inside the type area, on a grid of 28.95 pt lines, and
    the first body line of a page takes the first grid line (its box starts at 37 mm)."""
    tops = _first_body_tops(report_pages)
    assert len(tops) >= 3
    for top in tops:
        # The character box (baseline − 16 pt) lies within the first 28.95 pt grid line.
        assert TOP_MM <= top <= TOP_MM + (PITCH_PT - 16) / MM + 0.5
    measured = 0
    for data in report_pages:
        lines = [line for line in text_lines(Page(data)) if is_body(line)]
        measured += len(lines)
        for line in lines:
            assert max(c["bottom"] for c in line) / MM <= BOTTOM_EDGE_MM
            assert max(c["x1"] for c in line) / MM <= RIGHT_EDGE_MM + 6  # hanging 。，
        gaps = [(b[0]["top"] - a[0]["top"]) for a, b in zip(lines, lines[1:])]
        for gap in gaps:
            # Consecutive body lines one pitch apart, or several when a heading is between.
            assert gap / PITCH_PT == pytest.approx(round(gap / PITCH_PT), abs=0.02)
    assert measured >= 22 * (len(report_pages) - 1)


def _full_lines(pages) -> list[str]:
    """Body lines that run from the left to the right margin with no Latin letters or
    digits (those are narrower), as text, counting characters inside the type area."""
    full = []
    for data in pages:
        for line in text_lines(Page(data)):
            if not is_body(line):
                continue
            text = "".join(c["text"] for c in line)
            if any(ord(ch) < 0x2000 for ch in text):
                continue
            starts_at_margin = abs(line[0]["x0"] / MM - LEFT_MM) < 0.5
            reaches_right = line[-1]["x1"] / MM > RIGHT_EDGE_MM - 2
            if starts_at_margin and reaches_right:
                full.append("".join(c["text"] for c in line
                                    if c["x1"] / MM <= RIGHT_EDGE_MM + 0.5))
    return full


def test_full_body_line_holds_28_characters(soffice, report_pages):
    full = _full_lines(report_pages)
    assert len(full) >= 20
    counts = [len(text) for text in full]
    assert min(counts) >= 27, [t for t in full if len(t) < 27]
    assert max(counts) <= 28, [t for t in full if len(t) > 28]
    assert statistics.mode(counts) == 28


def test_full_page_holds_22_lines(soffice, report_pages):
    counts = [len(text_lines(Page(data))) for data in report_pages]
    assert max(counts) == 22
    # Page 2 is all body text; other pages may lose one line to widow/orphan control.
    assert counts[1] == 22
    assert all(c in (21, 22) for c in counts[:-1]), counts


def test_page_numbers_alternate_sides(soffice, report_pages):
    assert len(report_pages) >= 2
    for number, data in enumerate(report_pages, start=1):
        line = text_lines(Page(data), min_size=13.9)[-1]
        line = [c for c in line if abs(c["size"] - 14) < 0.1]
        text = "".join(c["text"] for c in line)
        assert re.fullmatch(r"—\s*(\d+)\s*—", text), text
        assert int(re.search(r"\d+", text).group()) == number
        left, right = line[0]["x0"] / MM, line[-1]["x1"] / MM
        assert line[0]["top"] / MM > BOTTOM_EDGE_MM  # below the type area
        if number % 2:
            assert right == pytest.approx(RIGHT_EDGE_MM - ONE_CHAR_14PT_MM, abs=1), (number, right)
        else:
            assert left == pytest.approx(LEFT_MM + ONE_CHAR_14PT_MM, abs=1), (number, left)


def test_fonts_are_embedded_free_substitutes(soffice, converted: Converted):
    for pdf in (converted.report, converted.rare):
        fonts = embedded_fonts(pdf)
        assert fonts and all(fonts.values()), fonts
        assert not [n for n in fonts if "DejaVu" in n or "LiberationSans" in n], fonts
        used = cjk_fonts(pdf)
        assert used and all(used.values()), pdf.name
        for char, names in used.items():
            for name in names:
                assert name.startswith("Fandol") or re.match(r"Noto\w*CJK", name), (char, name)
    report_fonts = {n.split("-")[0] for n in embedded_fonts(converted.report)}
    # 仿宋 → FandolFang, 楷体 → FandolKai, 黑体 → Noto Sans CJK, 方正小标宋 → Noto Serif CJK Bold.
    assert {"FandolFang", "FandolKai"} <= report_fonts
    assert any(n.startswith("NotoSansCJK") for n in report_fonts)
    assert any(re.match(r"NotoSerifCJK\w*-Bold", n) for n in embedded_fonts(converted.report))


def test_characters_missing_in_fandol_fall_back_to_noto(soffice, converted: Converted):
    used = cjk_fonts(converted.rare)
    for char in RARE:
        assert char in used, char
        assert all(name.startswith("NotoSerifCJK") for name in used[char]), (char, used[char])
    assert all(name.startswith("FandolFang") for name in used["人"])


# --- failures, with stub soffice scripts -----------------------------------------------------


def _stub(tmp_path: Path, body: str) -> str:
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir(exist_ok=True)
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(script)


# Writes a PDF for every .docx argument but those that mention 乙, then exits 0.
NEVER_WRITES_YI = """\
out=""; prev=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  prev="$a"
done
for a in "$@"; do
  case "$a" in *.docx) grep -q 乙 "$a" || printf '%%PDF-1.4 stub' > "$out/$(basename "$a" .docx).pdf" ;; esac
done
exit 0
"""

# Writes a PDF for every .docx argument: "%PDF-1.4 " followed by the .docx's bytes.
WRITES_ALL = """\
out=""; prev=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  prev="$a"
done
for a in "$@"; do
  case "$a" in *.docx) { printf '%%PDF-1.4 '; cat "$a"; } > "$out/$(basename "$a" .docx).pdf" ;; esac
done
exit 0
"""


@pytest.fixture
def docs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "outputs"
    folder.mkdir()
    paths = [folder / "甲.docx", folder / "乙.docx"]
    for path in paths:
        path.write_bytes(f"not really a docx: {path.name}".encode())
    return paths


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder used as the temporary directory, to see what is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_missing_soffice_is_a_tool_error(tmp_path: Path, monkeypatch, docs):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ToolError) as info:
        find_soffice()
    assert info.value.exit_code == EXIT_TOOL == 3
    assert "LibreOffice" in str(info.value) and "make system-deps" in str(info.value)
    with pytest.raises(ToolError):
        convert(docs)


def test_soffice_writing_nothing_names_the_file_and_keeps_its_old_pdf(tmp_path, docs, private_tmp):
    old = {d: d.with_suffix(".pdf") for d in docs}
    for docx, pdf in old.items():
        pdf.write_bytes(b"old " + docx.name.encode())
    stub = _stub(tmp_path, NEVER_WRITES_YI)
    with pytest.raises(ToolError) as info:
        convert(docs, soffice=stub, workers=1)
    assert info.value.exit_code == EXIT_TOOL
    assert "乙.docx" in str(info.value) and "甲.docx" not in str(info.value)
    assert "LibreOffice 没有生成 PDF" in str(info.value)
    # 乙 fails alone (tried again by itself first): 甲's new PDF is written, 乙's old one kept.
    assert old[docs[0]].read_bytes() == b"%PDF-1.4 stub"
    assert old[docs[1]].read_bytes() == b"old " + docs[1].name.encode()
    assert sorted(p.name for p in docs[0].parent.iterdir()) == ["乙.docx", "乙.pdf", "甲.docx", "甲.pdf"]
    assert list(private_tmp.iterdir()) == []


def test_soffice_failing_is_a_tool_error(tmp_path, docs, private_tmp):
    stub = _stub(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    with pytest.raises(ToolError) as info:
        convert(docs, soffice=stub)
    assert "退出码 1" in str(info.value) and "could not be loaded" in str(info.value)
    assert list(private_tmp.iterdir()) == []


def test_a_stalled_soffice_is_killed_and_cleaned_up(tmp_path, docs, private_tmp):
    pid_file = tmp_path / "pid"
    stub = _stub(tmp_path, f"echo $$ > '{pid_file}'\nsleep 30 &\nwait\n")
    started = time.monotonic()
    with pytest.raises(ToolError) as info:
        convert(docs, soffice=stub, workers=1, idle=0.5)
    assert time.monotonic() - started < 10
    assert info.value.exit_code == EXIT_TOOL
    assert "连续 0.5 秒没有任何进展，已终止" in str(info.value)
    assert "甲.docx" in str(info.value) and "乙.docx" in str(info.value)
    assert list(private_tmp.iterdir()) == []
    assert not [p for p in docs[0].parent.iterdir() if p.suffix != ".docx"]
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_interrupt_kills_soffice_and_cleans_up(tmp_path, docs, private_tmp):
    pid_file = tmp_path / "pid"
    stub = _stub(tmp_path, f"echo $$ > '{pid_file}'\nsleep 30\n")

    def interrupted(items, label):
        deadline = time.monotonic() + 10
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline, "the stub did not start"
            time.sleep(0.05)
        raise KeyboardInterrupt
        yield  # a generator, like reporter.cli.progress

    with pytest.raises(KeyboardInterrupt):
        convert(docs, soffice=stub, workers=1, progress=interrupted)
    assert list(private_tmp.iterdir()) == []
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_out_dir_for_and_parallel_batches(tmp_path, docs, private_tmp):
    stub = _stub(tmp_path, WRITES_ALL)
    more = [docs[0].parent / f"文件{i}.docx" for i in range(5)]
    for i, path in enumerate(more):
        path.write_bytes(f"docx {i}".encode())
    target = tmp_path / "pdf"
    sources = docs + more
    pdfs = convert(sources, out_dir_for=lambda p: target, soffice=stub, workers=3)
    assert pdfs == [target / f"{d.stem}.pdf" for d in sources]
    for docx, pdf in zip(sources, pdfs):
        # Each PDF is the one made from its own .docx.
        assert pdf.read_bytes() == b"%PDF-1.4 " + docx.read_bytes()
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in pdfs)
    assert list(private_tmp.iterdir()) == []


def test_same_pdf_twice_is_an_input_error(tmp_path, docs):
    other = tmp_path / "other" / "甲.docx"
    other.parent.mkdir()
    other.write_bytes(b"x")
    with pytest.raises(InputError) as info:
        convert([docs[0], other], out_dir_for=lambda p: tmp_path / "pdf", soffice="/bin/false")
    assert info.value.exit_code == EXIT_INPUT
    assert "甲.pdf" in "\n".join(info.value.lines())


def test_missing_docx_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        convert([tmp_path / "无.docx"], soffice="/bin/false")
    assert "无.docx" in "\n".join(info.value.lines())


def test_nothing_to_convert():
    assert convert([], soffice="/nonexistent") == []


def test_a_workspace_given_relatively_converts(soffice, built_copy: Path, monkeypatch):
    """``reporter pdf -w .`` as make demo runs it: LibreOffice's profile is still a file URI."""
    monkeypatch.chdir(built_copy)
    result = run("pdf", "-w", ".", "--force", "outputs/工作情况汇报.docx")
    assert result.exit_code == 0, result.output
    assert (built_copy / "outputs" / "工作情况汇报.pdf").is_file()
