"""Hostile edits of a unit's filled form, made on its zip as an attacker would: live formulas with
cached values (DDE, external links, a formula whose saved result lies), macros, a part nothing
references and unused shared strings. Each function takes the workbook's bytes and gives them back
edited; the indicator cell 工作指标!D3 is the one attacked."""

from __future__ import annotations

import io
import os
import re
import zipfile

SHEET = "xl/worksheets/sheet3.xml"  # 工作指标
CELL = "D3"
LINK_SHARE = "file://///fileserver/share/台账.xlsx"
DDE_FORMULA = "cmd|'/C calc'!A0"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def with_formula(data: bytes, formula: str, cached: str) -> bytes:
    """The indicator cell made a formula with ``cached`` as its saved result."""
    files = parts(data)
    sheet = files[SHEET].decode()
    cell = re.search(rf'<c r="{CELL}"[^>]*?(/>|>.*?</c>)', sheet)
    assert cell is not None
    style = re.search(r' s="(\d+)"', cell.group(0))
    escaped = formula.replace("&", "&amp;").replace("<", "&lt;")
    new = f'<c r="{CELL}"{style and f" s={chr(34)}{style.group(1)}{chr(34)}" or ""}><f>{escaped}</f><v>{cached}</v></c>'
    files[SHEET] = (sheet[:cell.start()] + new + sheet[cell.end():]).encode()
    return package(files)


def _add_workbook_part(files: dict[str, bytes], rel_type: str, target: str, content_type: str,
                       xml_inside_workbook: str = "") -> str:
    """A part referenced from the workbook's relationships; its relationship id."""
    rels = files["xl/_rels/workbook.xml.rels"].decode()
    rid = f"rIdX{len(rels)}"
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/></Relationships>')
    files["xl/_rels/workbook.xml.rels"] = rels.encode()
    types = files["[Content_Types].xml"].decode()
    types = types.replace("</Types>", f'<Override PartName="/xl/{target}" ContentType="{content_type}"/></Types>')
    files["[Content_Types].xml"] = types.encode()
    if xml_inside_workbook:
        workbook = files["xl/workbook.xml"].decode()
        anchor = "<definedNames>" if "<definedNames>" in workbook else "<calcPr"
        workbook = workbook.replace(anchor, xml_inside_workbook.format(rid=rid) + anchor, 1)
        files["xl/workbook.xml"] = workbook.encode()
    return rid


def with_external_link(data: bytes, target: str = LINK_SHARE) -> bytes:
    """The indicator cell reads another workbook on a share (``[1]Sheet1!A1``, cached 10), the way
    Excel stores a link: an externalLink part whose relationship points outside."""
    files = parts(with_formula(data, "[1]Sheet1!$A$1", "10"))
    files["xl/externalLinks/externalLink1.xml"] = (
        f'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{REL}">'
        '<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames>'
        '<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>10</v></cell></row></sheetData>'
        '</sheetDataSet></externalBook></externalLink>').encode()
    files["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/externalLinkPath" Target="{target}" TargetMode="External"/>'
        '</Relationships>').encode()
    _add_workbook_part(files, f"{REL}/externalLink", "externalLinks/externalLink1.xml",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
                       '<externalReferences><externalReference r:id="{rid}" '
                       f'xmlns:r="{REL}"/></externalReferences>')
    return package(files)


def with_dde(data: bytes) -> bytes:
    """The indicator cell a live DDE formula (``cmd|'/C calc'!A0``) with a cached 10, as the
    red team sent it (a workbook with Excel's ddeLink part is refused: openpyxl cannot load it)."""
    return with_formula(data, DDE_FORMULA, "10")


def with_macros(data: bytes) -> bytes:
    """A VBA project referenced from the workbook (as in an .xlsm renamed .xlsx)."""
    files = parts(data)
    files["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Module1\"" * 20
    _add_workbook_part(files, "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                       "vbaProject.bin", "application/vnd.ms-office.vbaProject")
    return package(files)


def with_unreferenced_part(data: bytes, size: int = 9 * 1024 * 1024, name: str = "xl/media/padding.bin") -> bytes:
    """A part of ``size`` incompressible bytes that nothing references."""
    files = parts(data)
    files[name] = os.urandom(size)
    return package(files)


def with_unused_shared_strings(data: bytes, megabytes: int = 32) -> bytes:
    """A shared-strings part of ``megabytes`` MB of strings no cell uses (the workbook's own
    cells keep their inline strings), referenced as Excel references it."""
    files = parts(data)
    entry = "<si><t>{}</t></si>"
    count = megabytes * 1024 * 1024 // 40
    body = "".join(entry.format(f"{i:08d}{os.urandom(4).hex()}x") for i in range(count))
    files["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}">{body}</sst>').encode()
    _add_workbook_part(files, f"{REL}/sharedStrings", "sharedStrings.xml",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
    return package(files)


def filed_bytes(data: bytes) -> bytes:
    """The workbook reporter files for the upload ``data`` (``clean_copy.filed_workbook``)."""
    import tempfile
    from pathlib import Path

    from reporter.intake.clean_copy import filed_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        return filed_workbook(path)
