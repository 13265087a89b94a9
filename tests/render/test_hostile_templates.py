"""Hostile templates, each built by the test: refused with a Chinese message naming the place,
exit 1, no traceback, ``outputs/`` unchanged; or, where harmless, rendered."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import run, snapshot
from tests.render.hostile_docx import (
    alt_chunk,
    attached_template,
    complex_field,
    doctype,
    edit_docx,
    hostile_template,
    huge_picture,
    hyperlink,
    linked_image,
    ole_object,
    simple_field,
)

REPORT_TEMPLATE = Path("templates/docx/工作情况汇报.docx")
URL = "http://127.0.0.1:9/x.png"

UNSAFE = [
    ("linked-image", [linked_image(URL)], "word/_rels/document.xml.rels 关系 rIdHostileImage", "外部资源"),
    ("local-file-image", [linked_image("file:///etc/hostname")], "关系 rIdHostileImage", "file:///etc/hostname"),
    ("includepicture", [simple_field(f'INCLUDEPICTURE "{URL}" \\d')], "word/document.xml 第2段", "INCLUDEPICTURE"),
    ("includetext", [simple_field('INCLUDETEXT "C:\\\\secret.docx"')], "word/document.xml 第2段", "INCLUDETEXT"),
    ("complex-field", [complex_field(" INCLUDE", "PICTURE ", f'"{URL}"')], "第2段“图：旧图”", "INCLUDEPICTURE"),
    ("link-field", [complex_field(' LINK Excel.Sheet.12 "C:\\\\a.xlsx" "" \\a ')], "第2段", "LINK"),
    ("dde-field", [simple_field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"')], "第2段", "DDEAUTO"),
    ("attached-template", [attached_template("http://127.0.0.1:9/t.dotx")], "word/_rels/settings.xml.rels", "附加模板"),
    ("altchunk", [alt_chunk(URL)], "关系 rIdHostileChunk", "altChunk"),
    ("javascript-link", [hyperlink("javascript:alert(1)")], "关系 rIdHostileLink", "外部资源"),
    ("file-link", [hyperlink("file:///etc/passwd")], "关系 rIdHostileLink", "外部资源"),
    ("doctype", [doctype], "word/document.xml", "DOCTYPE"),
    ("ole-object", [ole_object], "word/embeddings/oleObject1.bin", "嵌入的对象"),
    ("huge-picture", [huge_picture], "word/media/image9.png", "30000×30000"),
]

JINJA = [
    ("format-map", "{{ '{0.__class__}'.format_map([活动]) }}", "format"),
    ("format", "{{ '{}'.format() }}", "format"),
    ("recursive-macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "嵌套过深"),
    ("huge-power", "{{ 9**99999 }}", "乘方"),
    ("huge-repeat", "{{ 'a'*10**9 }}", "重复"),
    ("join-arguments", "{{ 活动 | 连写(1, 1) }}", "结尾和分隔符号应为文字"),
    ("map-class", "{{ [活动]|map(attribute='__class__')|list }}", "不允许的内容"),
    ("self", "{{ self }}", "不是一个值"),
    ("method", "{{ 活动.标题.upper }}", "不是一个值"),
    ("include", "{% include '其他.docx' %}", "include"),
    ("percent-format", "{{ '%s' % 活动 }}", "格式化文字"),
]


def _replace_template(ws: Path, template: Path) -> None:
    (ws / REPORT_TEMPLATE).write_bytes(template.read_bytes())


def _refused(ws: Path, command: tuple[str, ...], *expected: str) -> str:
    before = snapshot(ws / "outputs")
    result = run(*command, "-w", str(ws))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert expected
    for text in expected:
        assert text in result.output
    assert snapshot(ws / "outputs") == before
    return result.output


@pytest.mark.parametrize("name, edits, place, message", UNSAFE, ids=[case[0] for case in UNSAFE])
def test_unsafe_templates_are_refused_by_lint_and_report(example_ws: Path, tmp_path: Path,
                                                         name, edits, place, message):
    template = hostile_template(tmp_path / f"{name}.docx", *edits)
    _refused(example_ws, ("lint", str(template)), place, message)
    _replace_template(example_ws, template)
    _refused(example_ws, ("report",), "工作情况汇报.docx", place, message)


def test_unsafe_templates_are_refused_by_every_document_command(example_ws: Path, tmp_path: Path):
    template = hostile_template(tmp_path / "t.docx", linked_image(URL))
    for name in ("督查通报.docx", "整改通知书.docx", "任务清单.docx"):
        (example_ws / "templates" / "docx" / name).write_bytes(template.read_bytes())
    _refused(example_ws, ("notice",), "督查通报.docx", "外部资源")
    _refused(example_ws, ("tasks",), "任务清单.docx", "外部资源")


def test_web_and_mail_links_are_kept(example_ws: Path, tmp_path: Path):
    template = hostile_template(tmp_path / "t.docx", hyperlink("https://www.gov.cn/"), hyperlink("mailto:a@b.cn"),
                                paragraphs=["{{ 活动.标题 }}"])
    assert run("lint", str(template), "-w", str(example_ws)).exit_code == 0
    _replace_template(example_ws, template)
    assert run("report", "-w", str(example_ws)).exit_code == 0
    with zipfile.ZipFile(example_ws / "outputs" / "工作情况汇报.docx") as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "https://www.gov.cn/" in rels and "mailto:a@b.cn" in rels


@pytest.mark.parametrize("name, tag, message", JINJA, ids=[case[0] for case in JINJA])
def test_hostile_jinja_is_refused_naming_the_paragraph(example_ws: Path, tmp_path: Path, name, tag, message):
    template = hostile_template(tmp_path / f"{name}.docx", paragraphs=["第一段", tag])
    lint = run("lint", str(template), "-w", str(example_ws))
    assert "Traceback" not in lint.output and lint.exit_code in (0, 1)
    _replace_template(example_ws, template)
    _refused(example_ws, ("report",), "工作情况汇报.docx: 第2段", message)


def test_zip_bomb_is_refused_before_it_is_unpacked(example_ws: Path, tmp_path: Path):
    template = hostile_template(tmp_path / "bomb.docx")
    with zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bomb.jpeg", b"\0" * (120 * 1024 * 1024))
    _refused(example_ws, ("lint", str(template)), "部件解压后有 120 MB")
    _replace_template(example_ws, template)
    _refused(example_ws, ("report",), "超过单个部件上限")


def test_too_many_parts_are_refused(example_ws: Path, tmp_path: Path):
    template = hostile_template(tmp_path / "parts.docx")

    def many(parts: dict[str, bytes]) -> None:
        parts.update({f"customXml/item{i}.xml": b"<a/>" for i in range(1200)})
    edit_docx(template, many)
    _refused(example_ws, ("lint", str(template)), "个部件组成，超过上限")


def _limit(ws: Path, setting: str) -> None:
    config = ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[limits]\n{setting}\n", encoding="utf-8")


def test_memory_limit_stops_a_render(example_ws: Path, tmp_path: Path):
    _limit(example_ws, "render_memory_mb = 64")
    # 200 copies of an 80 000-character text: within the sandbox's rules, beyond 64 MB.
    template = hostile_template(tmp_path / "big.docx", paragraphs=[
        "{% set x = '好' * 80000 %}{% for i in x %}{{ x ~ x ~ x }}{% endfor %}"])
    _replace_template(example_ws, template)
    output = _refused(example_ws, ("report",), "工作情况汇报.docx", "内存", "render_memory_mb")
    assert "未写入任何文件" in output


def test_time_limit_stops_a_render(example_ws: Path, tmp_path: Path):
    _limit(example_ws, "render_seconds = 2")
    template = hostile_template(tmp_path / "slow.docx", paragraphs=[
        "{% set x = 'a' * 30000 %}{% for i in x %}{% for j in x %}{% endfor %}{% endfor %}"])
    _replace_template(example_ws, template)
    _refused(example_ws, ("report",), "工作情况汇报.docx", "渲染超过 2 秒", "render_seconds")


def test_limits_are_checked_in_the_configuration(example_ws: Path):
    _limit(example_ws, "render_seconds = 0")
    _refused(example_ws, ("report",), "limits.render_seconds", "1 到 3600")
