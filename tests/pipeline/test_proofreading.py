"""Tests of reporter.pipeline.proofreading: notices addressed by file and paragraph, a long
list cut short, and the single documents of report, tasks and notice proofread."""

from __future__ import annotations

from pathlib import Path

import docx

from reporter import pipeline
from reporter.errors import Problem
from reporter.pipeline.proofreading import NOTICES_PER_DOCUMENT, proofreading
from reporter.render import docstyle
from reporter.workspace import open_workspace


def _document(path: Path, paragraphs: list[str]) -> Path:
    doc = docstyle.new_document(title="t", author="a")
    for text in paragraphs:
        docstyle.add_paragraph(doc, text, "公文正文")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def test_each_notice_names_the_file_and_the_paragraph(example_ws: Path):
    path = _document(example_ws / "outputs" / "文.docx", ["正文。", "", "截止目前,已完成。"])
    notices = proofreading(open_workspace(example_ws), [path])
    assert [(n.path, n.where) for n in notices] == [("outputs/文.docx", "第3段")] * 2
    assert notices[0].message.startswith("“截止目前”应为“截至目前”")
    assert notices[1].message.startswith("汉字之间用了半角（英文）逗号")


def test_a_long_list_is_cut_short_with_a_count(example_ws: Path):
    path = _document(example_ws / "outputs" / "文.docx", ["工作的的落实。"] * (NOTICES_PER_DOCUMENT + 5))
    notices = proofreading(open_workspace(example_ws), [path])
    assert len(notices) == NOTICES_PER_DOCUMENT + 1
    assert notices[-2].where == f"第{NOTICES_PER_DOCUMENT}段"
    assert notices[-1] == Problem("outputs/文.docx", "另有 5 处疑似差错未逐条列出，请改正上面各处后重新生成，再看其余的")


def _with_slip(template: Path) -> None:
    doc = docx.Document(str(template))
    doc.add_paragraph("截止目前，各项工作进展顺利。")
    doc.save(str(template))


def test_tasks_proofread_the_breakdown_only(example_ws: Path):
    _with_slip(example_ws / "templates" / "docx" / "责任分解表.docx")
    _with_slip(example_ws / "templates" / "docx" / "任务清单.docx")
    built = pipeline.build_tasks(example_ws)
    assert (example_ws / "outputs" / "责任分解表.docx") in built.written
    assert [n.path for n in built.proofreading] == ["outputs/责任分解表.docx"]


def test_notice_proofreads_the_notice_only(example_ws: Path):
    _with_slip(example_ws / "templates" / "docx" / "督查通报.docx")
    _with_slip(example_ws / "templates" / "docx" / "整改通知书.docx")
    built = pipeline.build_notice(example_ws)
    assert (example_ws / "outputs" / "督查通报.docx") in built.written
    assert [n.path for n in built.proofreading] == ["outputs/督查通报.docx"]


def test_a_document_that_cannot_be_read_back_stops_nothing(example_ws: Path):
    broken = example_ws / "outputs" / "坏.docx"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"not a zip")
    readable = _document(example_ws / "outputs" / "文.docx", ["工作的的落实。"])
    notices = proofreading(open_workspace(example_ws), [broken, example_ws / "outputs" / "无.docx", readable])
    assert [(n.path, n.message.split("（")[0]) for n in notices] == [
        ("outputs/坏.docx", "无法读取，未能校对"), ("outputs/无.docx", "无法读取，未能校对"),
        ("outputs/文.docx", "“的的”疑为重复输入，请删去一个“的”。原文：工作的的落实。")]
