"""The workbook filed for an upload holds only what reporter read: each attack of issue 23 as it
was built (a live DDE formula, a link to a share, a formula whose saved result lies, macros, a
part nothing references), its filed copy holding no live content and reading exactly as the
upload read; unused shared strings and files named for another format refused by content."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reporter.intake.clean_copy import filed_workbook, live_content
from reporter.intake.container import container_problem, content_kind
from reporter.intake.unit_form import read_submission
from reporter.model import Source
from reporter.pipeline.check import load_tasks
from reporter.workspace import open_workspace
from tests.intake import hostile_xlsx as hostile
from tests.web.conftest import content

EXAMPLE = Path(__file__).resolve().parents[2]
FORM = EXAMPLE / "inputs" / "2018-11" / "团区委.xlsx"

ATTACKS = {
    "dde": hostile.with_dde,
    "external-link": hostile.with_external_link,
    "formula-whose-result-lies": lambda data: hostile.with_formula(data, "1+1", "10"),
    "macros": hostile.with_macros,
    "unreferenced-part": hostile.with_unreferenced_part,
}


def read(path: Path):
    ws = open_workspace(EXAMPLE)
    return read_submission(Source(path, "x"), ws.campaign, tuple(load_tasks(ws, ws.campaign)))


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_the_filed_copy_holds_nothing_live_and_reads_as_the_upload(attack: str, tmp_path: Path):
    upload = tmp_path / "upload.xlsx"
    upload.write_bytes(ATTACKS[attack](FORM.read_bytes()))
    as_read = read(upload)
    assert as_read.ok, as_read.problems  # accepted as it came: its saved results are what reporter counts
    assert live_content(upload.read_bytes()) or attack == "unreferenced-part"  # the attack is there

    filed = tmp_path / "filed.xlsx"
    filed.write_bytes(filed_workbook(upload))
    assert live_content(filed.read_bytes()) == []
    with zipfile.ZipFile(filed) as archive:
        names = archive.namelist()
        sheets = b"".join(archive.read(n) for n in names if n.startswith("xl/worksheets/"))
    assert names and not [n for n in names if "external" in n or "vba" in n or "media" in n]
    assert b"<f>" not in sheets and b"<f " not in sheets
    assert filed.stat().st_size < 64 * 1024  # the 9 MB part is not carried
    assert openpyxl.load_workbook(filed)["工作指标"]["D3"].value == 10  # what reporter counted
    refiled = read(filed)
    assert refiled.ok and content(refiled.value) == content(as_read.value)
    assert filed_workbook(upload) == filed.read_bytes()  # equal uploads file equal bytes


def test_a_saved_result_that_looks_like_a_formula_is_filed_as_text(tmp_path: Path):
    upload = tmp_path / "upload.xlsx"
    data = hostile.with_formula(FORM.read_bytes(), 'B3&""', "x")
    data = hostile.parts(data)
    sheet = data[hostile.SHEET].decode().replace("<v>x</v>", "<v>=cmd|'/C calc'!A0</v>").replace(
        '<c r="D3" s="12">', '<c r="D3" s="12" t="str">')
    data[hostile.SHEET] = sheet.encode()
    upload.write_bytes(hostile.package(data))
    filed = filed_workbook(upload)
    assert live_content(filed) == []
    cell = openpyxl.load_workbook(io.BytesIO(filed))["工作指标"]["D3"]
    assert (cell.value, cell.data_type) == ("=cmd|'/C calc'!A0", "s")


def test_unused_shared_strings_are_refused_before_parsing(tmp_path: Path):
    upload = tmp_path / "upload.xlsx"
    upload.write_bytes(hostile.with_unused_shared_strings(FORM.read_bytes(), megabytes=32))
    problem = container_problem(upload)
    assert problem is not None and "没有用到的文字" in problem
    # A workbook whose shared strings are all used is not affected.
    assert container_problem(FORM) is None


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(("data", "kind"), [
    (FORM.read_bytes(), "xlsx"),  # whatever its name says
    (OLE2 + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 100, "biff"),
    (OLE2 + b"\x00" * 504 + "Book".encode("utf-16-le") + b"\x00\x00" + b"\x00" * 100, "biff"),
    (OLE2 + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100, "encrypted"),
    (OLE2 + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 100, "other"),
    (hostile.package({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
     "ods"),
    (b'<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     b'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"/>', "other"),  # a flat ODS
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "other"),
    (hostile.package({"word/document.xml": b"<w/>"}), "other"),
    (b"", "other"),
])
def test_uploads_are_identified_by_content(data: bytes, kind: str):
    assert content_kind(data) == kind
