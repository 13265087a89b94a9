"""Drafts that cannot be mistaken for the report: ``reporter report --allow-missing`` writes
工作情况汇报（草稿）.docx with 草稿 in every page's header and its own data-source workbook, and
never touches the final report; in a draft, lists chosen by a figure say whom they leave out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from reporter.documents.report import REPORT
from reporter.errors import InputError
from reporter.model import Source
from reporter.pipeline.check import valid_inputs
from reporter.pipeline.report import context_of
from reporter.render.properties import DocumentInfo
from reporter.render.renderer import Renderer
from reporter.workspace import open_workspace
from tests.conftest import docx_paragraphs, make_template, run, snapshot

FINAL = ("工作情况汇报.docx", "工作情况汇报-数据来源.xlsx")
DRAFT = ("工作情况汇报（草稿）.docx", "工作情况汇报（草稿）-数据来源.xlsx")


def test_a_draft_leaves_the_final_report_as_it_was(built_copy: Path):
    outputs = built_copy / "outputs"
    final = {name: (outputs / name).read_bytes() for name in FINAL}
    (built_copy / "inputs" / "2018-11" / "区城管局.xlsx").unlink()
    assert run("report", "-w", built_copy).exit_code == 1  # not without --allow-missing
    draft = run("report", "-w", built_copy, "--allow-missing")
    assert draft.exit_code == 0, draft.output
    assert [line for line in draft.output.splitlines() if line.startswith("已生成：")] == \
        [f"已生成：{outputs / name}" for name in DRAFT]
    assert {name: (outputs / name).read_bytes() for name in FINAL} == final
    document = docx.Document(outputs / DRAFT[0])
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["草稿"]
    assert [p.text for p in section.even_page_header.paragraphs] == ["草稿"]
    assert any("〔1个单位未报〕" in p.text for p in document.paragraphs)
    assert not any("草稿" in p.text for p in docx.Document(outputs / FINAL[0]).sections[0].header.paragraphs)
    # Drafts stay out of the booklet's documents and of reporter pdf's default set.
    from reporter.pipeline import output_documents
    assert outputs / DRAFT[0] not in output_documents(open_workspace(built_copy), ("工作情况汇报",))


def test_a_draft_is_the_same_each_time(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "区城管局.xlsx").unlink()
    assert run("report", "-w", example_ws, "--allow-missing").exit_code == 0
    first = snapshot(example_ws / "outputs")
    assert run("report", "-w", example_ws, "--allow-missing").exit_code == 0
    again = snapshot(example_ws / "outputs")
    assert {k: v for k, v in again.items() if k.startswith("工作情况汇报")} == \
        {k: v for k, v in first.items() if k.startswith("工作情况汇报")}


LISTS = ["{{ 单位.街道.其中('私搭乱建', '>=', 300).列举(2) }}",
         "{{ 单位.街道.其中('私搭乱建', '>=', 300).名单 }}；{{ 单位.街道.其中('私搭乱建', '>=', 300).数量 }}；"
         "{{ 单位.街道.其中('私搭乱建', '>=', 300).个数 }}",
         "{{ 单位.其中('私搭乱建', '未报').名单 }}"]


def test_lists_in_a_draft_say_whom_they_leave_out(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "南湖街道.xlsx").unlink()  # one of the streets above 300
    make_template(example_ws / "templates" / "docx" / "工作情况汇报.docx", LISTS)
    assert run("report", "-w", example_ws, "--allow-missing").exit_code == 0
    assert docx_paragraphs(example_ws / "outputs" / DRAFT[0]) == [
        "站前街道、新华街道2个街道〔另有1个单位未报〕",
        "站前街道、新华街道〔另有1个单位未报〕；2个街道〔另有1个单位未报〕；2",
        "南湖街道",  # 未报 chooses exactly the units that have not reported: none is left out
    ]


def test_outside_a_draft_a_choice_that_cannot_be_made_is_refused(example_ws: Path, tmp_path: Path):
    """Never reached through ``reporter report`` (which refuses missing units first), but the
    group itself refuses to leave a unit out silently."""
    (example_ws / "inputs" / "2018-11" / "南湖街道.xlsx").unlink()
    ws = open_workspace(example_ws)
    checked = valid_inputs(ws, ws.campaign, rounds=False)
    context = context_of(ws.campaign, checked.submissions, checked.tasks)
    template = make_template(tmp_path / "t.docx", [LISTS[0]])
    renderer = Renderer(Source(template, "templates/docx/工作情况汇报.docx"), REPORT.template_filters())
    with pytest.raises(InputError) as refused:
        renderer.render(context.values, DocumentInfo("t", "t", dt.datetime(2018, 11, 26)))
    assert "南湖街道未报送指标“私搭乱建”" in str(refused.value.problems[0])
