"""A corpus of broken unit workbooks: ``reporter check`` must refuse each one precisely.

Every case copies the example workspace, breaks ONE valid workbook (东城街道) in one way —
a bad value, a tampered marker, a damaged or hostile file — and runs ``reporter check``.
Each must end with exit code 1, no traceback, a problem line addressed to the exact
file, sheet and cell, a Chinese message, and ``outputs/`` left as it was.

A second group shows what is *not* an error: numbers typed as text, full-width digits,
thousands separators, dates typed as text and Excel's ``_x000B_`` escapes are accepted
and give the same figures as clean input.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

import reporter.intake.sheets as sheets_module
from reporter.figures.aggregate import aggregate
from reporter.cli import cli
from reporter.pipeline import check_inputs

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "inputs/2018-11"
UNIT_FILE = f"{FOLDER}/东城街道.xlsx"  # the workbook every case breaks (unit JD01)
UNIT_CODE = "JD01"
SECTION = "二（一）文明城创建"  # a valid 所属部分 of the example campaign

Mutation = Callable[[Path], None]  # breaks the workbook inside the given workspace


def _indicator_rows() -> dict[str, int]:
    """Row of each indicator code in the 工作指标 sheet (column F) of the unit's workbook."""
    ws = load_workbook(ROOT / UNIT_FILE)["工作指标"]
    return {ws[f"F{row}"].value: row for row in range(3, ws.max_row + 1) if ws[f"F{row}"].value}


ROW = _indicator_rows()
LAST_ROW = max(ROW.values())
R = ROW["私搭乱建"]  # the integer indicator most value cases change


# ── fixtures ─────────────────────────────────────────────────────────────────

@pytest.fixture
def ws(example_ws: Path) -> Path:
    """A private copy of the example workspace (conftest's example_ws)."""
    return example_ws


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the readers handed to openpyxl, to prove some were never opened."""
    names: list[str] = []
    real = sheets_module.open_workbook

    def spy(path, *args, **kwargs):
        names.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(sheets_module, "open_workbook", spy)
    return names


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes ({} when it does not exist)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_check(root: Path):
    return CliRunner().invoke(cli, ["check", "-w", str(root)])


# ── mutation helpers: each returns a function that breaks the workbook in a workspace ──

def target(root: Path) -> Path:
    return root / UNIT_FILE


def edit(change: Callable[[Workbook], None]) -> Mutation:
    """Load the workbook with openpyxl, apply ``change``, save it back."""
    def mutate(root: Path) -> None:
        wb = load_workbook(target(root))
        change(wb)
        wb.save(target(root))
    return mutate


def set_cells(sheet: str, cells: dict[str, object], text: tuple[str, ...] = ()) -> Mutation:
    """Set cells of one sheet; addresses listed in ``text`` are stored as text even if they
    start with '=' (openpyxl would otherwise write a formula)."""
    def change(wb: Workbook) -> None:
        for address, value in cells.items():
            wb[sheet][address].value = value
            if address in text:
                wb[sheet][address].data_type = "s"
    return edit(change)


def set_value(value: object, code: str = "私搭乱建") -> Mutation:
    """Type ``value`` into the 本期数值 cell (column D) of indicator ``code``."""
    return set_cells("工作指标", {f"D{ROW[code]}": value})


def set_marker(key_row: int, value: object) -> Mutation:
    """Change the hidden version marker (sheet ``_reporter``, column B)."""
    return set_cells("_reporter", {f"B{key_row}": value})


def note(section: object = None, text: object = None, highlight: object = None, title: object = None) -> Mutation:
    """Fill the first row (3) of 工作举措."""
    return set_cells("工作举措", {"B3": section, "C3": title, "D3": text, "E3": highlight})


def delete_sheet(name: str) -> Mutation:
    def change(wb: Workbook) -> None:
        del wb[name]
    return edit(change)


def rename_sheet(name: str, new: str) -> Mutation:
    def change(wb: Workbook) -> None:
        wb[name].title = new
    return edit(change)


def hide_sheet(name: str) -> Mutation:
    def change(wb: Workbook) -> None:
        wb[name].sheet_state = "hidden"
    return edit(change)


def delete_row(row: int) -> Mutation:
    def change(wb: Workbook) -> None:
        wb["工作指标"].delete_rows(row)
    return edit(change)


def copy_row(row: int, to: int) -> Mutation:
    """Paste a copy of a 工作指标 row (as users do with copy and paste)."""
    def change(wb: Workbook) -> None:
        sheet = wb["工作指标"]
        for col in "ABCDEF":
            sheet[f"{col}{to}"].value = sheet[f"{col}{row}"].value
    return edit(change)


def merge(cells: str) -> Mutation:
    def change(wb: Workbook) -> None:
        wb["工作指标"].merge_cells(cells)
    return edit(change)


def rename_to(suffix: str) -> Mutation:
    """Submit the same bytes under another extension (.xls, .et, ...)."""
    def mutate(root: Path) -> None:
        target(root).rename(target(root).with_suffix(suffix))
    return mutate


def copy_as(name: str) -> Mutation:
    """Keep the workbook and add a second copy of it under another name."""
    def mutate(root: Path) -> None:
        shutil.copyfile(target(root), target(root).with_name(name))
    return mutate


def replace_bytes(make: Callable[[bytes], bytes]) -> Mutation:
    """Overwrite the workbook with ``make(original bytes)``."""
    def mutate(root: Path) -> None:
        target(root).write_bytes(make(target(root).read_bytes()))
    return mutate


def encrypted(data: bytes) -> bytes:
    """The workbook really encrypted with an open password (msoffcrypto-tool)."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("pw", out)
    return out.getvalue()


def rezip(data: bytes, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None) -> bytes:
    """The same zip without the members in ``drop`` and with some members replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in drop:
                dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
    return out.getvalue()


def zip_bomb(data: bytes, megabytes: int = 200) -> bytes:
    """A valid workbook plus a member of ``megabytes`` MB of zeros (a few hundred KB packed),
    written in chunks so building it never holds the whole entry in memory."""
    out = io.BytesIO(rezip(data))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/image1.bin", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


def lying_sizes(data: bytes, claimed: int = 4096) -> bytes:
    """A 200 MB sheet whose zip directory claims it unpacks to ``claimed`` bytes: the size
    checks pass, so the reader must stop at the claimed size (CRC error), not inflate it all."""
    big = "xl/worksheets/sheet3.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != big:
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(big, "w") as member:
                chunk = bytes(1024 * 1024)
                for _ in range(200):
                    member.write(chunk)
    raw = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        pos = archive.start_dir
    # Walk the central directory: the uncompressed size is at offset 24, the name at 46.
    while raw[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = (int.from_bytes(raw[pos + o:pos + o + 2], "little") for o in (28, 30, 32))
        if raw[pos + 46:pos + 46 + name_len] == big.encode():
            raw[pos + 24:pos + 28] = claimed.to_bytes(4, "little")
        pos += 46 + name_len + extra_len + comment_len
    return bytes(raw)


ENTITY_BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                          for i in range(1, 10))
               + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"
               b"</sheetData></worksheet>")

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096 - 8)


# ── the corpus ───────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Case:
    """One broken workbook: how to make it, the exact address that must be reported,
    a Chinese keyword of the message, and whether openpyxl must never see the file."""

    id: str
    mutate: Mutation
    where: str  # the line prefix, e.g. "inputs/2018-11/东城街道.xlsx:工作指标!D6: "
    keyword: str
    unopened: bool = False  # refused by the file checks, before openpyxl loads it


def at(cell: str = "", sheet: str = "", file: str = UNIT_FILE) -> str:
    """The address prefix ``reporter check`` prints for a problem."""
    if sheet and cell:
        return f"{file}:{sheet}!{cell}: "
    if sheet:
        return f"{file}:{sheet}: "
    return f"{file}: "


VALUE = at(f"D{R}", "工作指标")
STEM = UNIT_FILE.removesuffix(".xlsx")

CASES = [
    # 工作指标: what people type into a number cell
    Case("chinese-numerals", set_value("两千"), VALUE, "请填写阿拉伯数字"),
    Case("negative", set_value(-5), VALUE, "是负数"),
    Case("empty-value", set_value(None), VALUE, "未填写"),
    Case("too-many-decimals", set_value(184.5), VALUE, "小数位过多，此项应填整数"),
    Case("too-many-decimals-2dp", set_value(1.234, "鼠药"), at(f"D{ROW['鼠药']}", "工作指标"), "最多保留 2 位小数"),
    Case("approximate", set_value("约2800"), VALUE, "是约数"),
    Case("garbage-text", set_value("abc"), VALUE, "不是数字"),
    Case("date-in-number-cell", set_value(dt.datetime(2018, 11, 20)), VALUE, "日期格式"),
    Case("formula-without-result", set_value("=1+1"), VALUE, "没有保存计算结果"),
    Case("formula-typed-as-text", set_cells("工作指标", {f"D{R}": "=1+1"}, text=(f"D{R}",)), VALUE, "公式文本"),
    # 基本信息
    Case("empty-filled-by", set_cells("基本信息", {"B6": None}), at("B6", "基本信息"), "未填写填报人"),
    Case("empty-phone", set_cells("基本信息", {"B7": None}), at("B7", "基本信息"), "未填写联系电话"),
    Case("bad-date-text", set_cells("基本信息", {"B8": "11月20号"}), at("B8", "基本信息"), "不是有效日期"),
    Case("edited-unit-code", set_cells("基本信息", {"B2": "JD02"}), at("B2", "基本信息"), "单位代码被改成了"),
    # the hidden version marker
    Case("other-campaign", set_marker(3, "other-campaign"), at(), "另一项活动"),
    Case("other-period", set_marker(4, "2018-10"), at(), "2018-10 期的填报表"),
    Case("old-form-version", set_marker(2, 0), at(), "旧版填报表"),
    Case("no-marker", delete_sheet("_reporter"), at(), "缺少版本标记"),
    Case("unknown-unit", set_marker(5, "JD99"), at(), "不在配置的单位名单中"),
    Case("duplicate-unit", copy_as("东城街道_副本.xlsx"), at(file=f"{FOLDER}/东城街道_副本.xlsx"), "请只保留一份"),
    # sheets
    Case("missing-sheet", delete_sheet("工作举措"), at(), "缺少工作表“工作举措”"),
    Case("renamed-sheet", rename_sheet("工作指标", "Sheet1"), at(), "“Sheet1”是否由它改名而来"),
    Case("hidden-sheet", hide_sheet("工作举措"), at(sheet="工作举措"), "工作表被隐藏"),
    # the 工作指标 table
    Case("content-below-table", set_cells("工作指标", {f"B{LAST_ROW + 1}": "合计", f"D{LAST_ROW + 1}": 99999}),
         at(f"A{LAST_ROW + 1}", "工作指标"), "多余内容"),
    Case("duplicated-row", copy_row(R, LAST_ROW + 1), at(f"F{LAST_ROW + 1}", "工作指标"), "出现了两次"),
    Case("deleted-row", delete_row(R), at(sheet="工作指标"), "缺少指标“依法拆除私搭乱建”"),
    Case("deleted-code", set_cells("工作指标", {f"F{R}": None}), at(sheet="工作指标"), "缺少指标“依法拆除私搭乱建”"),
    Case("unknown-code", set_cells("工作指标", {f"F{R}": "私搭乱建2"}), at(f"F{R}", "工作指标"), "不是本单位本期应填的指标"),
    Case("merged-value-cells", merge(f"D{R}:D{R + 1}"), VALUE, "被合并"),
    # 工作举措
    Case("unknown-section", note("四、其他工作", "做了很多工作"), at("B3", "工作举措"), "不是汇报中的部分"),
    Case("text-without-section", note(None, "做了很多工作"), at("B3", "工作举措"), "未选择所属部分"),
    Case("highlight-maybe", note(SECTION, "做了很多工作", "maybe"), at("E3", "工作举措"), "应为“是”或“否”"),
    Case("section-without-text", note(SECTION, None, "是", "标题"), at("D3", "工作举措"), "未填写具体内容"),
    # file formats and damaged or hostile files: refused before openpyxl opens them
    Case("xls-extension", rename_to(".xls"), at(file=f"{STEM}.xls"), "Excel 97-2003", True),
    Case("et-extension", rename_to(".et"), at(file=f"{STEM}.et"), "WPS 表格格式", True),
    Case("xlsb-extension", rename_to(".xlsb"), at(file=f"{STEM}.xlsb"), "二进制格式", True),
    Case("xlsm-extension", rename_to(".xlsm"), at(file=f"{STEM}.xlsm"), "启用宏", True),
    Case("ole2-renamed-xlsx", replace_bytes(lambda _: OLE2), at(), "实际是旧版 .xls 格式", True),
    Case("encrypted", replace_bytes(encrypted), at(), "打开密码", True),
    Case("text-file", replace_bytes(lambda _: "单位,数值\n东城街道,184\n".encode()), at(), "不是 .xlsx 格式", True),
    Case("empty-file", replace_bytes(lambda _: b""), at(), "文件是空的", True),
    Case("truncated-zip", replace_bytes(lambda data: data[: len(data) // 2]), at(), "损坏或不完整", True),
    Case("zip-without-workbook-xml", replace_bytes(lambda data: rezip(data, drop=("xl/workbook.xml",))),
         at(), "缺少必要部分（xl/workbook.xml）", True),
    Case("zip-bomb", replace_bytes(zip_bomb), at(), "已拒绝打开", True),
    # hostile content that passes the file checks: openpyxl must fail safely
    Case("lying-zip-sizes", replace_bytes(lying_sizes), at(), "已损坏"),
    Case("xml-entity-bomb", replace_bytes(lambda data: rezip(data, replace={"xl/worksheets/sheet3.xml": ENTITY_BOMB})),
         at(), "无法读取"),
]

# Numbers that once slipped past the decimals check or crashed it (Decimal context limits).
CASES += [
    Case("huge-exponent-value", set_value("1e9999999"), VALUE, "科学计数法"),
    Case("huge-exponent-note-order", set_cells("工作举措", {"B3": SECTION, "D3": "内容", "F3": "1e9999999"}),
         at("F3", "工作举措"), "排序"),
    Case("decimals-beyond-precision", set_value("184.00000000000000000000000001"), VALUE, "小数位过多"),
    Case("decimals-underflow", set_value("1e-9999999"), VALUE, "科学计数法"),
    Case("absurdly-large-value", set_value("1" + "0" * 20), VALUE, "过大"),
]

CJK = re.compile(r"[\u4e00-\u9fff]")
EXCEPTION_NAME = re.compile(r"^[\w.]*(Error|Exception|Warning|Forbidden|Interrupt)\b")


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("inputs/")]


def assert_chinese_messages(output: str) -> None:
    """Every problem has a Chinese message, never a bare English exception name."""
    for line in output.splitlines():
        assert not EXCEPTION_NAME.match(line.strip()), line
    for line in problem_lines(output):
        message = line.split(": ", 1)[1]
        assert CJK.search(message), line
        assert not EXCEPTION_NAME.match(message), line


def test_corpus_is_large_enough():
    ids = [case.id for case in CASES]
    assert len(CASES) >= 28
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_broken_workbook_is_rejected(case: Case, ws: Path, opened: list[str]):
    """Exit 1, the exact address and a Chinese message, no traceback, outputs/ untouched."""
    case.mutate(ws)
    outputs_before = snapshot(ws / "outputs")

    result = run_check(ws)

    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = problem_lines(result.output)
    assert any(line.startswith(case.where) and case.keyword in line for line in lines), \
        f"expected a line starting {case.where!r} with {case.keyword!r}:\n{result.output}"
    assert "发现" in result.output and "处问题" in result.output
    assert_chinese_messages(result.output)
    assert snapshot(ws / "outputs") == outputs_before == {}
    if case.unopened:
        broken = case.where.split(":")[0].rsplit("/", 1)[-1]
        assert broken not in opened, "openpyxl was asked to open a file the checks should refuse"


def test_duplicate_names_both_files(ws: Path):
    """The duplicate line names the kept file as well, so the user knows which two clash."""
    copy_as("东城街道_副本.xlsx")(ws)
    result = run_check(ws)
    assert result.exit_code == 1
    assert (f"{FOLDER}/东城街道_副本.xlsx: 与 {UNIT_FILE} 都是东城街道的填报表"
            in result.output)
    assert "已报 19 个，未报 0 个" in result.output


def test_every_problem_of_one_workbook_is_listed(ws: Path):
    """Several mistakes in one workbook are all reported, each at its own cell."""
    set_cells("工作指标", {f"D{ROW['私搭乱建']}": "两千", f"D{ROW['流动商贩']}": -1})(ws)
    set_cells("基本信息", {"B6": None})(ws)
    result = run_check(ws)
    assert result.exit_code == 1
    for address in (f"工作指标!D{ROW['私搭乱建']}", f"工作指标!D{ROW['流动商贩']}", "基本信息!B6"):
        assert f"{UNIT_FILE}:{address}: " in result.output
    assert "发现 3 处问题" in result.output


# ── accepted input: not errors ───────────────────────────────────────────────

FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")
ACCEPTED = [
    ("full-width-digits", lambda n: str(n).translate(FULL_WIDTH)),  # ３９１３
    ("number-as-text", str),                                          # "3913"
    ("thousands-separator", lambda n: f"{n:,}"),                      # 3,913
    ("padded-text", lambda n: f"  {n} "),
    ("with-measure", lambda n: f"{n}人次"),                            # 3913人次 (measure of 流动商贩)
]


def totals(root: Path) -> dict[str, Decimal | None]:
    result = check_inputs(root)
    assert result.ok, [str(p) for p in result.problems]
    return {code: figure.total for code, figure in aggregate(result.campaign, result.submissions).items()}


@pytest.mark.parametrize("make_text", [pytest.param(f, id=name) for name, f in ACCEPTED])
def test_number_typed_as_text_is_accepted(ws: Path, make_text: Callable[[int], str]):
    """A value typed as text gives exactly the same total as the number itself."""
    code = "流动商贩"
    original = load_workbook(target(ws))["工作指标"][f"D{ROW[code]}"].value
    assert original == 3913
    before = totals(ws)
    set_value(make_text(original), code)(ws)
    assert load_workbook(target(ws))["工作指标"][f"D{ROW[code]}"].data_type == "s"

    result = run_check(ws)

    assert result.exit_code == 0, result.output
    assert totals(ws) == before
    assert before[code] is not None


def test_date_typed_as_text_is_accepted(ws: Path):
    set_cells("基本信息", {"B8": "2018年11月20日"})(ws)
    result = run_check(ws)
    assert result.exit_code == 0, result.output
    submission = next(s for s in check_inputs(ws).submissions if s.unit_code == UNIT_CODE)
    assert submission.filled_on == dt.date(2018, 11, 20)


def test_excel_escapes_in_note_are_cleaned(ws: Path):
    """``_x000B_`` (how Excel stores a vertical tab from Alt+Enter in some versions) is no
    error: it becomes a line break in the submission."""
    note(SECTION, "第一行_x000B_第二行", "是", "标题_x000C_")(ws)
    result = run_check(ws)
    assert result.exit_code == 0, result.output
    submission = next(s for s in check_inputs(ws).submissions if s.unit_code == UNIT_CODE)
    assert len(submission.notes) == 1
    cleaned = submission.notes[0]
    assert cleaned.text == "第一行\n第二行"
    assert "\x0b" not in cleaned.text and "_x000B_" not in cleaned.text
    assert cleaned.title == "标题"
    assert cleaned.highlight and cleaned.section_code == "文明城"
    assert (cleaned.source.sheet, cleaned.source.cell) == ("工作举措", "D3")


def test_missing_workbook_is_listed_as_not_reported(ws: Path):
    target(ws).unlink()
    result = run_check(ws)
    assert result.exit_code == 0, result.output
    assert "已报 18 个，未报 1 个" in result.output
    assert "未报单位：东城街道" in result.output
