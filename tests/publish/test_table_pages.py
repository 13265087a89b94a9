"""Where LibreOffice breaks a long table's pages: the rows' heights read from a probe's rules,
the pages laid out as LibreOffice lays out the whole table, the check of the cut table's PDF,
and (with LibreOffice) the cut table printing exactly as the whole one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject

from reporter.model import PageableTable
from reporter.pipeline.pdf import PageCut
from reporter.publish import pdf_calls, table_pages
from reporter.publish.pdf import convert
from reporter.publish.table_pages import Measured, Plan, lay_out, measure, printed_as_planned
from reporter.render import page_cut
from tests.render.long_table_docx import long_table_docx

TABLE = PageableTable(index=0, header_rows=1, rows=6, foot_pt=100.0)


def _pdf(path: Path, pages: list[list[float]]) -> Path:
    """A PDF whose pages draw full-width rules at these heights, as LibreOffice draws borders."""
    writer = PdfWriter()
    for rules in pages:
        page = writer.add_blank_page(595.275, 841.89)
        stream = DecodedStreamObject()
        stream.set_data("".join(f"q 0.5 w 0 J 1 j\n79.15 {y} m\n521.85 {y} l S\nQ\n" for y in rules).encode())
        page.replace_contents(stream)
    writer.write(path)
    return path


def _stack(top: float, heights: list[float]) -> list[float]:
    rules = [top]
    for height in heights:
        rules.append(rules[-1] - height)
    return rules


# --- laying out ---------------------------------------------------------------------------------

def test_rows_go_on_a_page_while_they_end_above_the_foot():
    measured = Measured(start=400, top=700, heights=(20, 100, 100, 150, 200, 300, 50), rule=0.5)
    # First page: header to 380, rows end at 280, 180; 150 more would end at 30 (below 100).
    # Then each page: header to 680, rows while they end above 100.
    assert lay_out(measured, TABLE) == [2, 2, 2]


def test_a_row_ending_too_near_the_foot_leaves_the_table_whole():
    measured = Measured(start=400, top=700, heights=(20, 100, 180), rule=0.5)
    table = PageableTable(0, 1, 2, foot_pt=100.0)
    assert lay_out(measured, table) is None  # its rule's lower edge a quarter point below the foot
    clear = Measured(start=400, top=700, heights=(20, 100, 178), rule=0.5)
    assert lay_out(clear, table) == [2]


def test_a_table_whose_first_row_does_not_fit_under_its_header_is_left_whole():
    measured = Measured(start=150, top=700, heights=(20, 100, 50), rule=0.5)
    assert lay_out(measured, PageableTable(0, 1, 2, 100.0)) is None


def test_a_row_taller_than_a_page_leaves_the_table_whole():
    measured = Measured(start=700, top=700, heights=(20, 100, 650), rule=0.5)
    assert lay_out(measured, PageableTable(0, 1, 2, 100.0)) is None


# --- reading a probe and checking a result -------------------------------------------------------

def test_measure_reads_heights_start_and_top_from_the_rules(tmp_path: Path):
    # A page with something else drawn before the table, then the header and two rows; a page
    # of three rows; the probe's rows stand for the table's rows by their places.
    first = [760.0, *_stack(500, [20, 100, 100])]
    second = _stack(700, [200, 150, 200])
    pdf = _pdf(tmp_path / "probe.pdf", [[], first, second])
    table = PageableTable(0, 1, 7, foot_pt=100.0)
    measured = measure(pdf, table, [0, 1, 2, 3, 4, 5, 1, 2])
    assert measured == Measured(500, 700, (20, 100, 100, 200, 150, 200, 100, 100), 0.5)


def test_measure_refuses_a_probe_whose_pages_break_otherwise(tmp_path: Path):
    """A page ended early (the next row would have fitted): the probe cannot be trusted."""
    pdf = _pdf(tmp_path / "probe.pdf", [_stack(500, [20, 100]), _stack(700, [100, 100])])
    assert measure(pdf, PageableTable(0, 1, 3, foot_pt=100.0), [0, 1, 2, 3]) is None


def test_measure_refuses_rows_not_as_high_wherever_they_are(tmp_path: Path):
    """A row printed twice, 0.1 pt higher the second time (LibreOffice rounding a row of
    automatic line spacing by where it lies): its pages cannot be told in advance."""
    table = PageableTable(0, 1, 3, foot_pt=100.0)
    for second, measurable in ((100.1, False), (100.0, True)):
        pdf = _pdf(tmp_path / f"probe{second}.pdf", [_stack(500, [20, 100, 100]), _stack(700, [200, second])])
        assert (measure(pdf, table, [0, 1, 2, 3], twins=[(1, 4)]) is not None) is measurable


def test_measure_refuses_a_probe_missing_rows(tmp_path: Path):
    pdf = _pdf(tmp_path / "probe.pdf", [_stack(500, [20, 100, 100])])
    assert measure(pdf, PageableTable(0, 1, 5, foot_pt=100.0), [0, 1, 2, 3, 4, 5]) is None


def test_printed_as_planned_checks_every_page(tmp_path: Path):
    measured = Measured(start=400, top=700, heights=(20, 100, 100, 150, 200, 300, 50), rule=0.5)
    plan = Plan({0: [2, 2, 2]}, {0: measured}, {0: TABLE})
    pages = [[780.0], _stack(400, [20, 100, 100]), _stack(700, [20, 150, 200]), _stack(700, [20, 300, 50]) + [120]]
    assert printed_as_planned(_pdf(tmp_path / "good.pdf", pages), plan)
    # A row pushed over to a page of its own: not as planned.
    spilled = [[780.0], _stack(400, [20, 100, 100]), _stack(700, [20, 150]), _stack(700, [20, 200]),
               _stack(700, [20, 300, 50])]
    assert not printed_as_planned(_pdf(tmp_path / "spilled.pdf", spilled), plan)


# --- with LibreOffice: the cut prints as the whole table ------------------------------------------

@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_cut, "CUT_CELLS", 200)
    monkeypatch.setattr(page_cut, "CUT_ROWS", 30)
    monkeypatch.setattr("reporter.publish.pdf.CUT_WEIGHT", 0)


@pytest.mark.libreoffice
def test_a_long_table_cut_at_its_pages_prints_exactly_as_the_whole_table(soffice, tmp_path: Path, small_limits,
                                                                          monkeypatch):
    whole_dir, cut_dir = tmp_path / "whole", tmp_path / "cut"
    for folder in (whole_dir, cut_dir):
        folder.mkdir()
        long_table_docx(240, folder / "清单.docx")
    cuts: list[Path | None] = []
    real = pdf_calls.convert_cut

    def recording(*args, **kwargs):
        cuts.append(real(*args, **kwargs))
        return cuts[-1]

    monkeypatch.setattr(pdf_calls, "convert_cut", recording)
    (whole,) = convert([whole_dir / "清单.docx"], soffice=soffice)
    (cut,) = convert([cut_dir / "清单.docx"], soffice=soffice, paging=PageCut())
    assert len(cuts) == 1 and cuts[0] is not None  # it was cut, and printed as planned
    whole_reader, cut_reader = PdfReader(whole), PdfReader(cut)
    assert len(whole_reader.pages) == len(cut_reader.pages) > 5
    for a, b in zip(whole_reader.pages, cut_reader.pages):
        assert a.extract_text() == b.extract_text()
    if shutil.which("pdftoppm"):
        for pdf in (whole, cut):
            subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
        whole_pages = sorted(whole_dir.glob("清单-*.png"))
        assert [p.read_bytes() for p in whole_pages] == [(cut_dir / p.name).read_bytes() for p in whole_pages]


@pytest.mark.libreoffice
def test_a_table_that_cannot_be_planned_is_converted_whole(soffice, tmp_path: Path, small_limits, monkeypatch):
    long_table_docx(120, tmp_path / "清单.docx")
    monkeypatch.setattr(table_pages, "lay_out", lambda measured, table: None)
    cut_calls: list[object] = []
    monkeypatch.setattr(PageCut, "cut", lambda self, docx, pages: cut_calls.append(pages) or docx)
    (pdf,) = convert([tmp_path / "清单.docx"], soffice=soffice, paging=PageCut())
    assert cut_calls == [] and len(PdfReader(pdf).pages) > 2


@pytest.mark.libreoffice
def test_a_table_of_automatic_line_spacing_is_converted_whole(soffice, tmp_path: Path, small_limits,
                                                             monkeypatch):
    """LibreOffice rounds such rows' heights by where they lie: the probe shows it, and the
    table is not cut."""
    long_table_docx(200, tmp_path / "清单.docx", exact=False)
    cut_calls: list[object] = []
    monkeypatch.setattr(PageCut, "cut", lambda self, docx, pages: cut_calls.append(pages) or docx)
    (pdf,) = convert([tmp_path / "清单.docx"], soffice=soffice, paging=PageCut())
    assert cut_calls == [] and len(PdfReader(pdf).pages) > 2
