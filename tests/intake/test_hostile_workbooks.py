"""Hostile workbooks and names, each built by its test: refused with a Chinese message naming the
place, or read as the user meant; never a traceback, and outputs/ unchanged on a refusal.

Covers a stray cell far outside a form, file names that are not UTF-8, photos that are huge,
truncated or not images, percentages typed with %, dates in text columns, a retyped unit name,
configured names that make hidden files or clash, a folder or a Strict Open XML file where a
workbook belongs, and ``reporter pdf`` given files outside outputs/.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font
from PIL import Image

from reporter import pipeline
from reporter.intake.extent import Area, stray_cells
from reporter.intake.photos import MAX_PIXELS, photo_problem
from reporter.publish.sources import _number
from reporter.workspace.paths import readable
from tests.conftest import run, snapshot

UNIT_FILE = "inputs/2018-11/东城街道.xlsx"
ROUND_FILE = "inputs/督查/第2轮督查.xlsx"
TASK_FILE = "inputs/责任分解表.xlsx"


def set_cell(path: Path, sheet: str, address: str, value: object, number_format: str | None = None) -> None:
    """Type ``value`` into one cell of the workbook at ``path``."""
    wb = load_workbook(path)
    wb[sheet][address] = value
    if number_format:
        wb[sheet][address].number_format = number_format
    wb.save(path)


def refused(ws: Path, command: str = "check", *args: str) -> list[str]:
    """Run ``command`` on ``ws``, expecting a refusal (exit 1) without a traceback and with
    outputs/ unchanged; the problem lines."""
    before = snapshot(ws / "outputs")
    result = run(command, "-w", ws, *args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert snapshot(ws / "outputs") == before
    return result.output.splitlines()


def accepted(ws: Path, command: str = "check", *args: str) -> str:
    result = run(command, "-w", ws, *args)
    assert result.exit_code == 0, result.output
    return result.output


# ── one stray cell far away ──────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("relative", "sheet", "cell"), [
    (ROUND_FILE, "督查记录", "L1048576"),
    (UNIT_FILE, "任务进展", "G1048576"),
    ("inputs/督查/第1轮督查.xlsx", "督查记录", "Z1048576"),
    (TASK_FILE, "责任分解表", "XFD3"),
    (UNIT_FILE, "工作指标", "H5"),
    (UNIT_FILE, "基本信息", "C3"),
])
def test_a_stray_cell_is_one_error_naming_it(example_ws: Path, relative: str, sheet: str, cell: str):
    set_cell(example_ws / relative, sheet, cell, "多余")
    lines = refused(example_ws)
    place = f"{relative}:{sheet}!{cell}: "
    mine = [line for line in lines if line.startswith(relative)]
    assert len(mine) == 1 and mine[0].startswith(place) and "填报区域" in mine[0], lines
    assert not any("未报单位" in line and "东城街道" in line for line in lines), lines


def test_cells_with_only_a_style_far_away_are_not_read(example_ws: Path):
    """A formatted but empty cell at the last row is invisible to the user: the form is read
    (rows are read only as far as the form's area)."""
    wb = load_workbook(example_ws / ROUND_FILE)
    wb["督查记录"]["L1048576"].font = Font(bold=True)
    wb.save(example_ws / ROUND_FILE)
    accepted(example_ws)


def test_stray_cells_are_found_from_the_xml(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "表"
    wb["表"]["B2"] = 1
    wb["表"]["C1048576"] = "远"
    wb["表"]["D9"] = "=1+1"
    wb["表"]["A7"].font = Font(bold=True)  # style only: not a stray
    other = wb.create_sheet("其他")
    other["Z99"] = "不读的表"
    path = tmp_path / "x.xlsx"
    wb.save(path)
    found = stray_cells(path, {"表": Area(5, 3)})
    assert [(s.sheet, s.cell) for s in found] == [("表", "D9")]
    assert stray_cells(path, {"表": Area(1048576, 4)}) == []


def test_cells_without_addresses_are_placed_as_openpyxl_places_them(tmp_path: Path):
    """A hand-made sheet may leave out the r attributes: cells follow one another."""
    from openpyxl import Workbook

    path = tmp_path / "x.xlsx"
    wb = Workbook()
    wb.active.title = "表"
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    cell = '<c t="inlineStr"><is><t>字</t></is></c>'
    rows = f"<row>{cell}</row><row/><row>{cell * 4}</row>"
    parts["xl/worksheets/sheet1.xml"] = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>").encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert [s.cell for s in stray_cells(path, {"表": Area(5, 3)})] == ["D3"]
    assert load_workbook(path)["表"]["D3"].value == "字"
    assert stray_cells(path, {"表": Area(3, 4)}) == []


# ── names and values ─────────────────────────────────────────────────────────────────────

GBK_NAME = "东城街道.xlsx".encode("gbk")


def test_a_gbk_file_name_is_shown_decoded(example_ws: Path):
    """A form saved by Chinese Windows into a zip, unpacked on Linux: its name's bytes are GBK."""
    folder = example_ws / "inputs" / "2018-11"
    os.rename(folder / "东城街道.xlsx", os.fsencode(folder) + b"/" + GBK_NAME)
    set_cell(Path(os.fsdecode(os.fsencode(folder) + b"/" + GBK_NAME)), "工作指标", "H5", "多余")
    lines = refused(example_ws)
    assert any(line.startswith(f"{UNIT_FILE}:工作指标!H5: ") for line in lines), lines


def test_a_gbk_file_name_reaches_the_sources_workbook(example_ws: Path):
    folder = example_ws / "inputs" / "2018-11"
    os.rename(folder / "东城街道.xlsx", os.fsencode(folder) + b"/" + GBK_NAME)
    accepted(example_ws, "report")
    sources = next((example_ws / "outputs").glob("*数据来源.xlsx"))
    cells = [c for row in load_workbook(sources)["数字来源"].iter_rows(values_only=True) for c in row]
    assert any(isinstance(c, str) and c.startswith(f"{UNIT_FILE}:") for c in cells)


@pytest.mark.parametrize(("raw", "shown"), [
    (b"inputs/" + GBK_NAME, "inputs/东城街道.xlsx"),
    (b"inputs/\xff\xfe.xlsx", "inputs/\\xff\\xfe.xlsx"),
    ("inputs/督查/东城街道.xlsx".encode(), "inputs/督查/东城街道.xlsx"),
])
def test_names_that_are_not_utf8_are_shown_safely(raw: bytes, shown: str):
    assert readable(os.fsdecode(raw)) == shown
    readable(os.fsdecode(raw)).encode("utf-8")


def percent_workspace(ws: Path) -> Path:
    """The example with 私搭乱建 measured in % (two decimals)."""
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('code = "私搭乱建"\nname = "依法拆除私搭乱建"\nmeasure = "处"',
                        'code = "私搭乱建"\nname = "依法拆除私搭乱建"\nmeasure = "%"\ndecimals = 2')
    config.write_text(text, encoding="utf-8")
    return ws


def indicator_row(path: Path, code: str) -> int:
    ws = load_workbook(path)["工作指标"]
    return next(r for r in range(3, ws.max_row + 1) if ws[f"F{r}"].value == code)


def test_a_percentage_typed_with_percent_is_the_number_meant(example_ws: Path):
    ws = percent_workspace(example_ws)
    path = ws / UNIT_FILE
    set_cell(path, "工作指标", f"D{indicator_row(path, '私搭乱建')}", 0.1563, "0.00%")
    checked = pipeline.check_inputs(ws)
    assert not [p for p in checked.problems if "东城街道" in p.where], checked.problems
    value = next(v for s in checked.submissions if s.unit_code == "JD01" for v in s.values
                 if v.indicator_code == "私搭乱建")
    assert value.value == Decimal("15.63")


def test_a_percent_cell_for_a_count_is_refused(example_ws: Path):
    path = example_ws / UNIT_FILE
    row = indicator_row(path, "私搭乱建")
    set_cell(path, "工作指标", f"D{row}", 0.16, "0%")
    lines = refused(example_ws)
    assert any(line.startswith(f"{UNIT_FILE}:工作指标!D{row}: ") and "百分比格式" in line for line in lines), lines


def test_a_date_in_a_text_column_is_written_as_a_date(example_ws: Path):
    path = example_ws / ROUND_FILE
    set_cell(path, "督查记录", "E3", dt.datetime(2018, 11, 20))
    checked = pipeline.check_inputs(example_ws)
    assert not checked.problems, checked.problems
    finding = next(f for r in checked.rounds for f in r.findings if f.source.cell == "A3" and f.source.path == ROUND_FILE)
    assert finding.place == "2018年11月20日"


def test_exact_values_keep_every_digit_in_the_sources_workbook():
    assert _number(Decimal("300000000000013.67")) == "300000000000013.67"
    assert _number(Decimal(1234567890123456)) == "1234567890123456"
    assert _number(Decimal(2770)) == 2770
    assert _number(Decimal("15.63")) == 15.63


def test_a_retyped_unit_name_is_reported_with_both_names(example_ws: Path):
    """A unit copied its neighbour's form and typed its own name over the unprotected cell."""
    set_cell(example_ws / UNIT_FILE, "基本信息", "B3", "古塔区西城街道办事处")
    lines = refused(example_ws)
    line = next(line for line in lines if line.startswith(f"{UNIT_FILE}:基本信息!B3: "))
    assert "古塔区西城街道办事处" in line and "古塔区东城街道办事处" in line


def test_the_unit_name_may_be_written_as_its_short_name_or_in_full_width(example_ws: Path):
    set_cell(example_ws / UNIT_FILE, "基本信息", "B3", "东城街道")
    accepted(example_ws)


# ── photos ───────────────────────────────────────────────────────────────────────────────

def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width``×``height`` pixels but holds almost nothing (a bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def jpeg_bytes() -> bytes:
    from io import BytesIO

    image = Image.effect_noise((256, 256), 60).convert("RGB")
    out = BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


PHOTOS = {
    "30000.png": (png_header(30000, 30000), "过大"),
    "20000.png": (png_header(20000, 20000), "过大"),
    "12000.png": (png_header(12000, 12000), "12000×12000"),
    "cut.jpg": (jpeg_bytes()[:3000], "不完整"),
    "text.jpg": ("不是图片".encode(), "不是可用的图片"),
}


@pytest.mark.parametrize("name", PHOTOS)
def test_a_photo_that_cannot_be_used_is_refused_with_its_cell(example_ws: Path, name: str):
    data, words = PHOTOS[name]
    (example_ws / "inputs" / "督查" / "照片" / name).write_bytes(data)
    set_cell(example_ws / ROUND_FILE, "督查记录", "H3", name)
    lines = refused(example_ws)
    assert any(line.startswith(f"{ROUND_FILE}:督查记录!H3: 照片“{name}”") and words in line for line in lines), lines
    assert not any("Warning" in line or "Decompression" in line for line in lines)


def test_a_whole_photo_within_the_limit_is_usable(tmp_path: Path):
    (tmp_path / "ok.jpg").write_bytes(jpeg_bytes())
    assert photo_problem(tmp_path / "ok.jpg") is None
    (tmp_path / "big.png").write_bytes(png_header(8001, 8000))
    assert MAX_PIXELS < 8001 * 8000 and "过大" in (photo_problem(tmp_path / "big.png") or "")


# ── the configuration ────────────────────────────────────────────────────────────────────

def configure(ws: Path, old: str, new: str) -> None:
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "key", "words"), [
    ('short = "东城街道"', 'short = ".东城街道"', "].short", "隐藏文件"),
    ('short = "东城街道"', 'short = "~$东城街道"', "].short", "隐藏文件"),
    ('short = "东城街道"', 'short = "东城\u200b街道"', "].short", "看不见"),
    ('code = "私搭乱建"', 'code = "items"', "].code", "内部名称"),
    ('code = "私搭乱建"', 'code = "keys"', "].code", "内部名称"),
    ('code = "私搭乱建"', 'code = "get"', "].code", "内部名称"),
    ('short = "西城街道"', 'short = "东城街道\u200b"', "units[1].short", "看不见"),
    ('code = "JD02"', 'code = "jd01"', "units[1].code", "大小写"),
    ('code = "JD02"', 'code = "ＪＤ01"', "units[1].code", "全角半角"),
])
def test_names_that_hide_or_clash_are_configuration_errors(example_ws: Path, old, new, key, words):
    configure(example_ws, old, new)
    lines = refused(example_ws)
    assert any(key in line and words in line for line in lines), lines


def test_names_that_differ_only_by_composition_clash(example_ws: Path):
    """NFC 东城街道 (no decomposable characters) cannot show this; a name with é can."""
    configure(example_ws, 'short = "东城街道"', 'short = "Caf\u00e9"')
    configure(example_ws, 'short = "西城街道"', 'short = "Cafe\u0301"')
    lines = refused(example_ws)
    assert any("units[1].short" in line and "Caf" in line for line in lines), lines


def test_a_period_in_year_zero_is_refused(example_ws: Path):
    configure(example_ws, 'period = "2018-11"', 'period = "0000-11"')
    lines = refused(example_ws, "forms")
    assert any("campaign.period" in line and "0000-11" in line for line in lines), lines


# ── files that are not what they claim ──────────────────────────────────────────────────

def test_a_folder_named_like_the_task_workbook(example_ws: Path):
    (example_ws / TASK_FILE).unlink()
    (example_ws / TASK_FILE).mkdir()
    lines = refused(example_ws)
    assert any(line.startswith(f"{TASK_FILE}: ") and "文件夹" in line for line in lines), lines
    assert not any("磁盘" in line for line in lines)


def test_a_strict_open_xml_workbook_is_named_for_what_it_is(example_ws: Path):
    path = example_ws / UNIT_FILE
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    lines = refused(example_ws)
    assert any(line.startswith(f"{UNIT_FILE}: ") and "Strict" in line for line in lines), lines
    assert not any("未报单位" in line and "东城街道" in line for line in lines), lines


def test_pdf_converts_only_files_inside_outputs(example_ws: Path, tmp_path: Path):
    stranger = tmp_path / "elsewhere.docx"
    stranger.write_bytes(b"PK")
    secret = example_ws / "inputs" / "配置.toml"
    for target in (stranger, secret):
        result = run("pdf", "-w", example_ws, target)
        assert result.exit_code == 2, result.output
        assert "outputs/" in result.output and "Traceback" not in result.output
    assert not stranger.with_suffix(".pdf").exists() and not (example_ws / "outputs").exists()


@pytest.mark.parametrize("nested", ["[" * 3000 + "]" * 3000, "{a = " * 3000 + "1" + "}" * 3000])
def test_a_configuration_nested_thousands_deep_is_refused(example_ws: Path, nested: str):
    config = example_ws / "inputs" / "配置.toml"
    config.write_text(f"x = {nested}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    for command in ("check", "forms"):
        lines = refused(example_ws, command)
        assert any(line.startswith("inputs/配置.toml: ") and "嵌套" in line for line in lines), lines


def test_notice_refuses_a_photo_bomb_without_a_traceback(example_ws: Path):
    (example_ws / "inputs" / "督查" / "照片" / "bomb.png").write_bytes(png_header(30000, 30000))
    set_cell(example_ws / ROUND_FILE, "督查记录", "H3", "bomb.png")
    lines = refused(example_ws, "notice")
    assert any(line.startswith(f"{ROUND_FILE}:督查记录!H3: ") and "过大" in line for line in lines), lines
