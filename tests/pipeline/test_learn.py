"""reporter learn: last month's report made into a workspace whose report reproduces it, and
learn --apply writing the review sheet's choices into the configuration."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from tests.conftest import FIXTURES, docx_paragraphs, run, snapshot
from tests.figures.reference import REFERENCE_FIGURES

REPORT = Path("outputs") / "工作情况汇报.docx"
TEMPLATE = Path("templates") / "docx" / "工作情况汇报.docx"
CONFIG = Path("inputs") / "配置.toml"
REVIEW = "指标核对.xlsx"


def squeezed(lines: list[str]) -> str:
    return "".join("".join(lines).split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def learn_and_report(source: Path, target: Path) -> list[str]:
    learnt = run("learn", source, target)
    assert learnt.exit_code == 0, learnt.output
    reported = run("report", "-w", target)
    assert reported.exit_code == 0, reported.output
    return docx_paragraphs(target / REPORT)


def reference_docx(path: Path) -> Path:
    """The reference text as a plain Word document: a centred title, 一、 and （一） headings in
    Word's heading styles, body paragraphs."""
    document = docx.Document()
    for line in (FIXTURES / "reference_report.txt").read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text:
            continue
        style = ("Heading 1" if re.match(r"[一二三]、", text) else
                 "Heading 2" if re.match(r"[（(][一二三][）)]", text) else None)
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def learnt_example(built_ws: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace learnt from the example's report, reported once; only look at it."""
    target = tmp_path_factory.mktemp("learnt") / "ws"
    learn_and_report(built_ws / REPORT, target)
    return target


def test_learn_then_report_reproduces_the_example_report(built_ws: Path, learnt_example: Path):
    original = docx_paragraphs(built_ws / REPORT)
    again = docx_paragraphs(learnt_example / REPORT)
    assert similarity(squeezed(again), squeezed(original)) >= 0.99
    assert again == original
    for _code, shown, _low, _high in REFERENCE_FIGURES:
        assert shown in squeezed(again), shown
    # Styles and layout come from the original: same paragraph styles, same page setup.
    styles = [p.style.name for p in docx.Document(learnt_example / REPORT).paragraphs]
    assert styles == [p.style.name for p in docx.Document(built_ws / REPORT).paragraphs]
    assert "一级标题" in styles and "二级标题" in styles


def test_the_template_holds_one_tag_per_figure(learnt_example: Path):
    text = "\n".join(docx_paragraphs(learnt_example / TEMPLATE))
    tags = re.findall(r"\{\{ 指标\.(\w+) \| ([^}]+) \}\}", text)
    assert len(tags) >= 50
    filters = {f.split("(")[0] for _code, f in tags}
    assert {"确数", "约数", "约", "万", "中文整数", "百分比"} <= filters
    assert "{{ 活动.标题 }}" in text and "{{ 活动.成文日期 | 日期 }}" in text
    assert "2770处" not in text and "依法拆除各种私搭乱建{{ 指标.私搭乱建 | 确数 }}" in text
    config = (learnt_example / CONFIG).read_text(encoding="utf-8")
    assert 'title = "古塔区“三城联创”工作情况汇报"' in config
    assert "report_date = 2018-11-26" in config and 'period = "2018-11"' in config
    assert config.count("[[indicators]]") == len(tags)
    assert config.count("[[sections]]") == 5


def test_the_review_sheet_lists_every_figure(learnt_example: Path):
    sheet = load_workbook(learnt_example / REVIEW)["指标核对"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["序号", "所在句子", "原文", "代码", "名称", "计量单位", "写法", "数值"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[3].value]
    assert len(rows) >= 50
    by_original = {row[2]: row for row in rows}
    assert by_original["2770处"][3:8] == ["私搭乱建", "拆除各种私搭乱建", "处", "确数", 2770]
    assert by_original["两万人次"][6:8] == ["中文数字", 20000]
    assert by_original["6700余处"][6] == "余" and "估计" in by_original["6700余处"][9]
    assert by_original["15.58%"][5:8] == ["%", "百分比", 15.58]
    assert len({row[3] for row in rows}) == len(rows)  # codes unique
    assert len({row[4] for row in rows}) == len(rows)  # names unique


def test_learnt_from_the_reference_text_as_a_plain_document(tmp_path: Path):
    source = reference_docx(tmp_path / "上月汇报.docx")
    again = learn_and_report(source, tmp_path / "ws")
    original = docx_paragraphs(source)
    assert similarity(squeezed(again), squeezed(original)) >= 0.99
    for _code, shown, _low, _high in REFERENCE_FIGURES:
        assert shown in squeezed(again), shown
    config = (tmp_path / "ws" / CONFIG).read_text(encoding="utf-8")
    assert 'author = "王晓峰"' in config


def test_office_values_and_names_changed_in_the_review_sheet_reach_the_report(built_ws: Path, tmp_path: Path):
    target = tmp_path / "ws"
    learn_and_report(built_ws / REPORT, target)
    book = load_workbook(target / REVIEW)
    sheet = book["指标核对"]
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=2) if row[3].value}
    rows["2770处"][4].value = "依法拆除私搭乱建"
    rows["2770处"][7].value = 3012
    rows["6700余处"][7].value = 8123
    rows["两万人次"][7].value = 30000
    book.save(target / REVIEW)
    applied = run("learn", "--apply", target)
    assert applied.exit_code == 0, applied.output
    config = (target / CONFIG).read_text(encoding="utf-8")
    assert 'code = "私搭乱建"\nname = "依法拆除私搭乱建"\nmeasure = "处"\nvalue = 3012' in config
    reported = run("report", "-w", target)
    assert reported.exit_code == 0, reported.output
    text = squeezed(docx_paragraphs(target / REPORT))
    assert "依法拆除各种私搭乱建3012处" in text
    assert "店外经营、店外加工8100余处" in text
    assert "清理流动商贩三万人次" in text


def test_units_chosen_in_the_review_sheet_report_the_figure(built_ws: Path, tmp_path: Path):
    target = tmp_path / "ws"
    assert run("learn", built_ws / REPORT, target).exit_code == 0
    config = target / CONFIG
    config.write_text(config.read_text(encoding="utf-8").replace(
        'type = "部门"\n', 'type = "部门"\n\n[[units]]\ncode = "JD01"\nname = "古塔区东城街道办事处"\n'
        'short = "东城街道"\ntype = "街道"\n', 1), encoding="utf-8")
    book = load_workbook(target / REVIEW)
    rows = {row[2].value: row for row in book["指标核对"].iter_rows(min_row=2) if row[3].value}
    rows["2770处"][8].value = "街道"
    book.save(target / REVIEW)
    applied = run("learn", "--apply", target)
    assert applied.exit_code == 0, applied.output
    text = config.read_text(encoding="utf-8")
    assert 'code = "私搭乱建"\nname = "拆除各种私搭乱建"\nmeasure = "处"\nreport_by = ["街道"]' in text
    form = load_workbook(target / "outputs" / "forms" / "2018-11" / "东城街道.xlsx")
    cells = [c.value for sheet in form.worksheets for row in sheet.iter_rows() for c in row]
    assert "拆除各种私搭乱建" in cells
    # Until the street has reported, the report waits for it.
    waiting = run("report", "-w", target)
    assert waiting.exit_code == 1 and "东城街道" in waiting.output


def test_unknown_units_in_the_review_sheet_are_refused_and_nothing_changes(built_ws: Path, tmp_path: Path):
    target = tmp_path / "ws"
    assert run("learn", built_ws / REPORT, target).exit_code == 0
    book = load_workbook(target / REVIEW)
    rows = {row[2].value: row for row in book["指标核对"].iter_rows(min_row=2) if row[3].value}
    rows["2770处"][8].value = "不存在的局"
    rows["80余次"][7].value = "八十"
    book.save(target / REVIEW)
    before = snapshot(target / "inputs")
    applied = run("learn", "--apply", target)
    assert applied.exit_code == 1
    assert "指标核对!H2" in applied.output and "不是数字" in applied.output
    assert snapshot(target / "inputs") == before


def test_learn_refuses_an_existing_workspace_and_a_missing_file(example_ws: Path, tmp_path: Path):
    before = snapshot(example_ws)
    existing = run("learn", FIXTURES / "reference_report.txt", example_ws)
    assert existing.exit_code == 2 and "已存在" in existing.output
    assert snapshot(example_ws) == before
    missing = run("learn", tmp_path / "没有这个文件.docx", tmp_path / "new")
    assert missing.exit_code == 2 and "找不到" in missing.output
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"not a zip")
    refused = run("learn", broken, tmp_path / "ws2")
    assert refused.exit_code == 1 and "不是有效的 Word 文档" in refused.output
    assert not (tmp_path / "ws2").exists()
