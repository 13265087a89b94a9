"""督查通报 and 整改通知书: counts, ranking and ties, boards, photos, chart, refusals, scale."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from reporter import pipeline
from reporter.figures.scoring import score_round
from tests.conftest import docx_paragraphs, run, snapshot


def round_rows(ws: Path, number: int) -> list[tuple]:
    sheet = load_workbook(ws / "inputs" / "督查" / f"第{number}轮督查.xlsx")["督查记录"]
    return [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]]


def test_basic_figures_match_the_records(built_ws: Path):
    second, first = round_rows(built_ws, 2), round_rows(built_ws, 1)
    new = [r for r in second if r[0].startswith("2-")]
    rechecks = [r for r in second if r[0].startswith("1-")]
    fixed_new = [r for r in new if r[9] == "已整改"]
    first_state = {r[0]: r[9] for r in first}
    repeats = [r for r in rechecks if first_state[r[0]] == "已整改" and r[9] != "已整改"]
    deadline = {r[0]: r[8] for r in first}
    overdue = [r for r in rechecks if r[9] != "已整改" and deadline[r[0]].date() < dt.date(2018, 11, 23)]
    document = docx.Document(built_ws / "outputs" / "督查通报.docx")
    text = "".join(p.text for p in document.paragraphs).replace("\n", "")  # the title's line break
    assert (f"发现问题{len(new)}个，已整改{len(fixed_new)}个，整改率{len(fixed_new) * 100 / len(new):.1f}%" in text)
    assert f"复查以往问题{len(rechecks)}个，已整改{sum(1 for r in rechecks if r[9] == '已整改')}个" in text
    assert f"逾期未整改{len(overdue)}个" in text and f"反复出现问题{len(repeats)}个（涉及中心街道）" in text
    assert "古创办发〔2018〕12号" in text and "关于古塔区“三城联创”第二轮督查情况的通报" in text
    assert "各街道，区直各有关部门：" in text and "现将有关情况通报如下：" in text
    assert "请各单位于2018年11月30日前将整改情况" in text
    back_matter = [c.text for row in document.tables[-1].rows for c in row.cells]
    assert back_matter[0] == "抄送：区委办公室，区政府办公室，区人大办公室，\n区政协办公室。"  # broken between recipients


def test_ranking_order_tie_rule_and_boards(built_ws: Path):
    document = docx.Document(built_ws / "outputs" / "督查通报.docx")
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    keys = [(-Decimal(r[2].rstrip("分")), int(r[4]), r[1]) for r in rows]
    assert keys == sorted(keys)
    scores = [Decimal(r[2].rstrip("分")) for r in rows]
    # a place is one more than the units scoring higher, shared places written 并列
    places = [1 + sum(o > s for o in scores) for s in scores]
    assert [r[0] for r in rows] == [f"并列{p}" if scores.count(s) > 1 else str(p) for p, s in zip(places, scores)]
    assert all(r[2].endswith("分") and len(r[2].split(".")[1]) == 3 for r in rows)  # 99.00分
    text = "".join(p.text for p in document.paragraphs)
    assert "名次并列的单位，表中按未整改问题少者在前；仍相同的，按单位简称排列。" in text
    assert "红榜（得分前3名，含并列）：" in text and "黑榜（得分后3名）：" in text  # the boards: documents/test_notice_boards.py


def test_photos_and_chart_are_embedded(built_ws: Path):
    with zipfile.ZipFile(built_ws / "outputs" / "督查通报.docx") as archive:
        names = archive.namelist()
    # at most two photos for each of the units with photographed problems, and the score chart
    assert len([n for n in names if n.startswith("word/media/")]) >= 5
    assert "word/charts/chart1.xml" in names
    document = docx.Document(built_ws / "outputs" / "督查通报.docx")
    widths = [shape.width for shape in document.inline_shapes]
    assert max(widths) <= docx.shared.Mm(156)  # scaled to the type area
    assert any(abs(w - docx.shared.Mm(150)) < docx.shared.Mm(1) for w in widths)  # the chart


def test_one_rectification_notice_per_unit_with_open_problems(built_ws: Path):
    checked = pipeline.collect(built_ws)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    open_units = {checked.campaign.unit(r.first.unit_code).short for r in result.problems if not r.fixed}
    folder = built_ws / "outputs" / "整改通知"
    assert open_units and {p.stem for p in folder.iterdir()} == open_units
    for short in open_units:
        text = "\n".join(docx_paragraphs(folder / f"{short}.docx"))
        own = [r for r in result.problems if checked.campaign.unit(r.first.unit_code).short == short and not r.fixed]
        assert f"发现你单位以下{len(own)}个问题尚未整改到位" in text
        for record in own:
            assert record.first.description in text
        assert "于2018年11月30日前将整改情况" in text and "报送区联创办" in text


def test_ledger_lists_every_problem_with_history(built_ws: Path):
    sheet = load_workbook(built_ws / "outputs" / "督查问题台账.xlsx")["问题台账"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    numbers = {r[0] for r in round_rows(built_ws, 1)} | {r[0] for r in round_rows(built_ws, 2)}
    assert {r[0] for r in rows} == numbers
    repeat = next(r for r in rows if r[0] == "1-06")
    assert repeat[11] == "是" and "第1轮发现" in repeat[12] and "第2轮复查" in repeat[12]


def test_earlier_round_can_be_announced(example_ws: Path):
    result = run("notice", "-w", str(example_ws), "--round", "1")
    assert result.exit_code == 0, result.output
    assert "古创办发〔2018〕11号" in "".join(docx_paragraphs(example_ws / "outputs" / "督查通报.docx"))
    missing = run("notice", "-w", str(example_ws), "--round", "9")
    assert missing.exit_code == 2 and "没有第9轮督查记录" in missing.output


# The Open XML validation of these documents is in test_validator.py (the same built_ws files).


# --- refusals --------------------------------------------------------------------------------

def edit_round(ws: Path, number: int, cells: dict) -> None:
    path = ws / "inputs" / "督查" / f"第{number}轮督查.xlsx"
    wb = load_workbook(path)
    for address, value in cells.items():
        wb["督查记录"][address].value = value
    wb.save(path)


@pytest.mark.parametrize("number, cells, address, words", [
    (2, {"H13": "不存在.png"}, "H13", "找不到照片“不存在.png”"),
    (2, {"H13": "../配置.toml"}, "H13", "只写文件名"),
    (1, {"D3": "东城街"}, "D3", "是不是“东城街道”"),
    (1, {"F4": "乱扔垃圾"}, "F4", "不是配置的问题类别"),
    (1, {"I5": dt.datetime(2018, 11, 1)}, "I5", "早于督查日期"),
    (2, {"A4": "1-99"}, "A4", "复查的问题编号 1-99 在第1轮中不存在"),
    (1, {"J3": "差不多"}, "J3", "不是有效的整改状态"),
    (1, {"A4": "1-01"}, "A4", "重复"),
])
def test_bad_round_rows_are_refused_with_their_cell(example_ws: Path, number, cells, address, words):
    edit_round(example_ws, number, cells)
    before = snapshot(example_ws / "outputs")
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 1
    prefix = f"inputs/督查/第{number}轮督查.xlsx:督查记录!{address}: "
    assert any(line.startswith(prefix) and words in line for line in result.output.splitlines()), result.output
    assert snapshot(example_ws / "outputs") == before


# The scoring rules themselves (ranks, ties, repeats, boards) are tested in figures/test_scoring.py.


# --- scale -------------------------------------------------------------------------------------

def test_a_large_round_renders_as_a_batch(example_ws: Path):
    """40 units and 400 problems (the 500-unit, 5000-problem run is in make bench)."""
    from scripts.bench import make_big_round

    make_big_round(example_ws, units=40, problems=400)
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 0, result.output
    assert "生成整改通知书" in result.output
    folder = example_ws / "outputs" / "整改通知"
    assert len(list(folder.iterdir())) >= 35
    rows = docx.Document(example_ws / "outputs" / "督查通报.docx").tables[0].rows
    assert len(rows) >= 41


def test_a_large_round_gives_the_same_documents_laid_out_row_by_row_and_read_apart(
        example_ws: Path, monkeypatch: pytest.MonkeyPatch):
    """The 督查通报's attachment of 1200 rows laid out a row at a time, and the round workbook
    parsed in a child process, give the bytes of the whole-tree layout and the in-process read."""
    import shutil

    from reporter.intake import collect
    from reporter.render import long_tables
    from scripts.bench import make_big_round

    make_big_round(example_ws, units=40, problems=1200)
    config = example_ws / "inputs" / "配置.toml"  # every problem listed: the long-table path
    listed = config.read_text(encoding="utf-8").replace("[inspection]\n", "[inspection]\nlist_limit = 5000\n", 1)
    config.write_text(listed, encoding="utf-8")
    children: list[object] = []
    in_child = collect.in_child

    def counted(work):
        children.append(work)
        return in_child(work)

    monkeypatch.setattr(collect, "READ_APART_BYTES", 0)
    monkeypatch.setattr("reporter.intake.collect.in_child", counted)
    # Documents render in a forked worker: it leaves word of a long table in a file.
    streamed = example_ws.parent / "streamed-rows.txt"
    finish = long_tables.LongTable.finish

    def finish_noted(self, work):
        with streamed.open("a", encoding="utf-8") as note:
            note.write(f"{self.count()}\n")
        return finish(self, work)

    monkeypatch.setattr(long_tables.LongTable, "finish", finish_noted)
    pipeline.build_notice(example_ws, 3)
    fast = documents(example_ws / "outputs")
    assert children and max(map(int, streamed.read_text(encoding="utf-8").split())) >= 1200  # both fast paths
    streamed.unlink()

    shutil.rmtree(example_ws / "outputs")
    monkeypatch.setattr(collect, "READ_APART_BYTES", 10**12)
    monkeypatch.setattr(long_tables, "LONG_TABLE_ROWS", 10**9)
    children.clear()
    pipeline.build_notice(example_ws, 3)
    assert not children and not streamed.exists()
    assert documents(example_ws / "outputs") == fast


def documents(folder: Path) -> dict[str, bytes]:
    """The files a command wrote (not the read cache)."""
    return {name: data for name, data in snapshot(folder).items() if not name.startswith(".")}


def test_announcing_another_round_removes_notices_no_longer_due(example_ws: Path):
    assert run("notice", "-w", str(example_ws), "--round", "1").exit_code == 0
    first = {p.name for p in (example_ws / "outputs" / "整改通知").iterdir()}
    (example_ws / "outputs" / "整改通知" / "北山街道.pdf").write_bytes(b"%PDF old")
    assert run("notice", "-w", str(example_ws)).exit_code == 0
    second = {p.name for p in (example_ws / "outputs" / "整改通知").iterdir()}
    checked = pipeline.collect(example_ws, forms=False)
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    due = {checked.campaign.unit(c).short + ".docx" for c in
           {r.first.unit_code for r in result.problems if not r.fixed}}
    assert second == due and first != second
    assert not (example_ws / "outputs" / "整改通知" / "北山街道.pdf").exists()


def test_a_photo_that_is_not_an_image_is_refused(example_ws: Path):
    (example_ws / "inputs" / "督查" / "照片" / "2-01-1.png").write_text("不是图片", encoding="utf-8")
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 1
    assert "照片“2-01-1.png”不是可用的图片" in result.output and "督查记录!H" in result.output
