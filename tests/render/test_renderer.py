"""The renderer: compiled once, it renders any number of documents exactly as a fresh one
would; pictures, document properties, merged cells and column loops; per-unit batches in
worker processes give the same bytes as in-process."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from lxml import etree

from reporter.errors import InputError
from reporter.model import CellMerge, ImageRef, Source
from reporter.render.renderer import DocumentInfo, Renderer, render_docx
from reporter.render.workers import IN_PROCESS_BELOW, Job, render_many
from tests.conftest import make_template
from tests.render.docx_parts import opened, part, png
from tests.render.samples import rectification_jobs

INFO = DocumentInfo("标题", "办公室", dt.datetime(2018, 11, 26))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"




# --- compile once, render many -----------------------------------------------------------------

def test_one_renderer_gives_every_document_as_a_fresh_one_would(example_ws: Path):
    """Rendering changes nothing in the renderer: any order, any number of times, the same bytes."""
    source, jobs = rectification_jobs(example_ws)
    assert len(jobs) >= 3
    renderer = Renderer(source)
    forwards = [renderer.render(job.context, job.info) for job in jobs]
    backwards = [renderer.render(job.context, job.info) for job in reversed(jobs)][::-1]
    fresh = [render_docx(source.path, source.display, job.context, job.info) for job in jobs]
    assert forwards == backwards == fresh
    assert len(set(forwards)) == len(jobs)
    assert all(opened(data).inline_shapes for data in forwards)  # the units' photos


def test_same_input_same_bytes(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["前{{ 文本 }}后", "{{ 图 }}"], header="页眉{{ 文本 }}")
    context = {"文本": "同一内容", "图": ImageRef(20, data=png(40, 30, "red"))}
    assert Renderer(Source(template, "t.docx")).render(context, INFO) == render_docx(template, "t.docx", context, INFO)


# --- pictures ----------------------------------------------------------------------------------

def test_pictures_from_files_and_bytes_in_body_tables_and_header(tmp_path: Path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(60, 30, "blue"))
    template = make_template(tmp_path / "t.docx", ["图一{{ 图 }}", "{%p for p in 照片 %}", "照片{{ p }}", "{%p endfor %}"],
                             table=[["{{ 图 }}"]], header="页眉{{ 标志 }}")
    context = {"图": ImageRef(50, data=png(40, 30, "red")), "标志": ImageRef(10, data=png(20, 20, "green")),
               "照片": [ImageRef(30, path=str(photo)), ImageRef(30, path=str(photo))]}
    data = Renderer(Source(template, "t.docx")).render(context, INFO)

    document = opened(data)
    assert [s.width for s in document.inline_shapes] == [Mm(50), Mm(30), Mm(30), Mm(50)]
    assert document.inline_shapes[1].height == Mm(15)  # the photo's aspect ratio kept
    assert [p.text for p in document.paragraphs[:3]] == ["图一", "照片", "照片"]
    body = part(data, "word/document.xml")
    assert [d.get("id") for d in body.iter(f"{WP}docPr")] == ["1001", "1002", "1003", "1004"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
    assert {f"word/media/reporter{n}.png" for n in range(1, 6)} <= names
    for xml_part in ("word/document.xml", "word/header1.xml"):
        rels_name = xml_part.replace("word/", "word/_rels/") + ".rels"
        targets = {r.get("Id"): r.get("Target") for r in part(data, rels_name).iter(f"{RELS}Relationship")}
        blips = [b.get(f"{R}embed") for b in part(data, xml_part).iter(f"{A}blip")]
        assert blips and all(f"word/{targets[b]}" in names for b in blips)
    assert len(document.sections[0].header.part.rels) == 1
    types = part(data, "[Content_Types].xml")
    assert [d.get("ContentType") for d in types if d.get("Extension") == "png"] == ["image/png"]


# --- document properties -----------------------------------------------------------------------

def test_properties_come_from_the_document_info_only(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("{{ 文本 }}")
    props = document.core_properties
    props.author, props.subject, props.keywords = "模板作者", "旧主题", "旧关键词"
    props.last_printed = dt.datetime(2001, 1, 1)
    document.save(tmp_path / "t.docx")
    data = render_docx(tmp_path / "t.docx", "t.docx", {"文本": "x"}, INFO)
    got = opened(data).core_properties
    assert (got.title, got.author, got.last_modified_by, got.revision) == ("标题", "办公室", "办公室", 1)
    assert got.created == got.modified == INFO.stamp.replace(tzinfo=dt.UTC)
    assert (got.subject, got.keywords, got.last_printed) == ("", "", None)


def test_a_template_without_properties_gets_them(tmp_path: Path):
    template = make_template(tmp_path / "full.docx", ["{{ 文本 }}"])
    bare = tmp_path / "bare.docx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(bare, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "docProps/core.xml":
                continue
            if name in ("_rels/.rels", "[Content_Types].xml"):
                root = etree.fromstring(data)
                for element in list(root):
                    if "core" in (element.get("Target", "") + element.get("PartName", "")):
                        root.remove(element)
                data = etree.tostring(root)
            dst.writestr(name, data)
    data = render_docx(bare, "bare.docx", {"文本": "x"}, INFO)
    assert opened(data).core_properties.title == "标题"
    assert any(r.get("Target") == "docProps/core.xml" for r in part(data, "_rels/.rels"))


# --- tables ------------------------------------------------------------------------------------

def test_merges_join_cells_of_a_column(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["{{ 标题 }}"], table=[
        ["类别", "事项"], ["{%tr for r in 行 %}", ""], ["{{ r.类别 }}", "{{ r.事项 }}"], ["{%tr endfor %}", ""]])
    rows = [{"类别": "甲", "事项": "一"}, {"类别": "", "事项": "二"}, {"类别": "", "事项": "三"}, {"类别": "乙", "事项": "四"}]
    renderer = Renderer(Source(template, "t.docx"))
    data = renderer.render({"标题": "表", "行": rows}, INFO, (CellMerge(0, 0, 1, 3),))
    table = opened(data).tables[0]
    assert table.cell(1, 0)._tc is table.cell(3, 0)._tc
    assert table.cell(1, 0).paragraphs[0].text == "甲"  # the empty texts below moved in after it, as python-docx merges
    assert [table.cell(r, 1).text for r in range(1, 5)] == ["一", "二", "三", "四"]
    assert table.cell(4, 0).text == "乙"
    plain = opened(renderer.render({"标题": "表", "行": rows}, INFO)).tables[0]
    assert plain.cell(1, 0)._tc is not plain.cell(2, 0)._tc  # merges apply to their document only


@pytest.mark.parametrize("count", [1, 2, 5])
def test_column_loops_fit_the_table_grid(tmp_path: Path, count: int):
    template = make_template(tmp_path / "t.docx", ["列"], table=[
        ["项目", "{%tc for c in 列 %}", "{{ c }}", "{%tc endfor %}"]])
    data = render_docx(template, "t.docx", {"列": [f"第{n}列" for n in range(count)]}, INFO)
    grid = part(data, "word/document.xml").find(f"{W}body/{W}tbl/{W}tblGrid")
    widths = [int(c.get(f"{W}w")) for c in grid]
    assert len(widths) == count + 1
    assert abs(sum(widths) - 4 * 2160) <= count + 1  # the table keeps its width
    assert [c.text for c in opened(data).tables[0].rows[0].cells] == ["项目"] + [f"第{n}列" for n in range(count)]


# --- batches in worker processes ---------------------------------------------------------------

def test_batch_in_workers_equals_in_process(example_ws: Path):
    source, jobs = rectification_jobs(example_ws)
    jobs = (jobs * 4)[:max(IN_PROCESS_BELOW + 2, len(jobs))]
    seen: list[str] = []

    def progress(items, label):
        seen.append(label)
        return items

    renderer = Renderer(source)
    in_workers = list(render_many(source, jobs, progress=progress, label="生成整改通知书", workers=2))
    assert in_workers == [renderer.render(job.context, job.info) for job in jobs]
    assert seen == ["生成整改通知书"]
    assert list(render_many(source, jobs[:3], workers=2)) == in_workers[:3]  # small batches in-process


def test_merges_and_filters_reach_the_workers(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["{{ 数 | 加一 }}"], table=[["{{ 数 }}"], [""], [""]])
    jobs = [Job({"数": n}, INFO, (CellMerge(0, 0, 0, 2),)) for n in range(IN_PROCESS_BELOW + 1)]
    source = Source(template, "t.docx")
    filters = {"加一": _plus_one}
    documents = list(render_many(source, jobs, filters, workers=2))
    assert documents == [Renderer(source, filters).render(j.context, j.info, j.merges) for j in jobs]
    table = opened(documents[3]).tables[0]
    assert opened(documents[3]).paragraphs[0].text == "4" and table.cell(0, 0)._tc is table.cell(2, 0)._tc


def _plus_one(value: int) -> str:
    return str(value + 1)


def test_a_template_fault_in_a_worker_names_the_template(tmp_path: Path):
    template = make_template(tmp_path / "t.docx", ["第{{ 轮次 | 确数 }}轮"])
    jobs = [Job({"轮次": n}, INFO) for n in range(IN_PROCESS_BELOW + 2)]
    jobs[-3] = Job({"轮次": "二"}, INFO)
    with pytest.raises(InputError) as caught:
        list(render_many(Source(template, "templates/docx/t.docx"), jobs, workers=2))
    assert caught.value.lines()[0].startswith("templates/docx/t.docx: 第1段“第{{ 轮次 | 确数 }}轮”: 模板中的值无法套用")
