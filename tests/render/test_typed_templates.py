"""Templates as people type them in Word and WPS, through the commands: every shipped template with
every tag cut into runs (each pattern of ``typed_templates`` in turn) lints clean and renders the
same documents; tags typed in Chinese punctuation mode render as their ASCII forms, lint saying
how it read them; a template whose tags were typed whole renders byte for byte as before."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import cli
from reporter.render import package
from tests.conftest import docx_text, make_template
from tests.render.typed_templates import (
    CHINESE_PUNCTUATION,
    PATTERNS,
    split_every_tag,
    tag_paragraph,
    with_body,
)

COMMANDS = {"report": ["工作情况汇报.docx"], "tasks": ["责任分解表.docx", "任务清单.docx"],
            "notice": ["督查通报.docx", "整改通知书.docx"]}


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _split_templates(ws: Path, patterns: list[str] | None) -> int:
    folder = ws / "templates" / "docx"
    return sum(split_every_tag(t, t, patterns, _text_parts(t)) for name in sum(COMMANDS.values(), [])
               for t in [folder / name])


def _text_parts(template: Path) -> tuple[str, ...]:
    with zipfile.ZipFile(template) as z:
        return tuple(n for n in z.namelist() if n == "word/document.xml" or n.startswith(("word/header", "word/footer")))


@pytest.mark.parametrize("editor, patterns", [("word", None), ("wps", ["wps"]), ("web-paste", ["one_character_runs"])])
def test_every_shipped_template_typed_in_an_editor_renders_the_same_documents(
        built_ws: Path, tmp_path: Path, editor: str, patterns: list[str] | None):
    ws = tmp_path / "ws"
    for name in ("inputs", "templates"):
        shutil.copytree(built_ws / name, ws / name)
    assert _split_templates(ws, patterns) > 150
    for command, templates in COMMANDS.items():
        for name in templates:
            linted = invoke("lint", "-w", ws, ws / "templates" / "docx" / name)
            assert linted.exit_code == 0, linted.output
        result = invoke(command, "-w", ws)
        assert result.exit_code == 0, result.output
    documents = sorted(p.relative_to(built_ws / "outputs") for p in (built_ws / "outputs").rglob("*.docx"))
    assert len(documents) >= 30
    for name in documents:
        assert docx_text(ws / "outputs" / name) == docx_text(built_ws / "outputs" / name), name


def test_the_cut_tags_are_really_cut(example_ws: Path, tmp_path: Path):
    """Before reading, no cut tag of the Word-shaped report is whole in one run (docxtpl alone
    would see none of them)."""
    template = example_ws / "templates" / "docx" / "工作情况汇报.docx"
    split_every_tag(template, tmp_path / "cut.docx")
    with zipfile.ZipFile(tmp_path / "cut.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "{{ 活动.标题 }}" not in xml and "{{ 指标.调度督查 | 约数(10) }}" not in xml


def _pattern_template(template: Path, target: Path, typed: list[tuple[str, str]]) -> Path:
    return with_body(template, target, [tag_paragraph("拆除", tag, "。", pattern) for pattern, tag in typed])


def test_each_pattern_alone_lints_and_renders(example_ws: Path, tmp_path: Path):
    template = example_ws / "templates" / "docx" / "工作情况汇报.docx"
    tag = "{{ 指标.私搭乱建 | 约数(100, 字='余') }}"
    cut = _pattern_template(template, tmp_path / "cut.docx", [(p, tag) for p in PATTERNS])
    whole = make_template(tmp_path / "whole.docx", [f"拆除{tag}。"] * len(PATTERNS))
    for candidate in (cut, whole):
        linted = invoke("lint", "-w", example_ws, candidate)
        assert linted.exit_code == 0, linted.output
    outputs = {}
    for candidate in (cut, whole):
        (example_ws / "templates" / "docx" / "工作情况汇报.docx").write_bytes(candidate.read_bytes())
        result = invoke("report", "-w", example_ws)
        assert result.exit_code == 0, result.output
        outputs[candidate.name] = docx_text(example_ws / "outputs" / "工作情况汇报.docx").splitlines()
    assert outputs["cut.docx"] == outputs["whole.docx"]
    assert outputs["cut.docx"] == ["拆除2700余处。"] * len(PATTERNS)


def test_visible_formatting_inside_tags_is_one_notice_never_a_failure(example_ws: Path, tmp_path: Path):
    template = example_ws / "templates" / "docx" / "工作情况汇报.docx"
    tag = "{{ 指标.私搭乱建 | 确数 }}"
    cut = _pattern_template(template, tmp_path / "bold.docx", [("visible_formatting", tag)] * 3)
    result = invoke("lint", "-w", example_ws, cut)
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if line.startswith("提示")]
    assert len(notices) == 1
    assert "3 个标签内部的格式" in notices[0] and "第1段、第2段、第3段" in notices[0]


def test_chinese_punctuation_renders_as_ascii_and_lint_says_how_it_read(example_ws: Path, tmp_path: Path):
    typed = make_template(tmp_path / "typed.docx", [f"甲{t}乙" for t, _ in CHINESE_PUNCTUATION])
    ascii_ = make_template(tmp_path / "ascii.docx", [f"甲{r}乙" for _, r in CHINESE_PUNCTUATION])
    linted = invoke("lint", "-w", example_ws, typed)
    assert linted.exit_code == 0, linted.output
    notices = [line for line in linted.output.splitlines() if line.startswith("提示")]
    assert len(notices) == len(CHINESE_PUNCTUATION) + 1  # one paragraph holds {% if %} and {% endif %}
    assert notices[0].endswith("第1段: 标签 {{ 指标.私搭乱建 ｜ 确数 }} 按 {{ 指标.私搭乱建 | 确数 }} 读取"
                               "（标签中的中文标点和全角字符按英文标点读）")
    texts = {}
    for candidate in (typed, ascii_):
        (example_ws / "templates" / "docx" / "工作情况汇报.docx").write_bytes(candidate.read_bytes())
        result = invoke("report", "-w", example_ws)
        assert result.exit_code == 0, result.output
        texts[candidate.name] = docx_text(example_ws / "outputs" / "工作情况汇报.docx")
    assert texts["typed.docx"] == texts["ascii.docx"]
    assert "甲2770处乙" in texts["typed.docx"] and "甲有拆违乙" in texts["typed.docx"]


def test_ascii_tags_give_no_notice(example_ws: Path):
    result = invoke("lint", "-w", example_ws, example_ws / "templates" / "docx" / "工作情况汇报.docx")
    assert result.exit_code == 0 and "提示" not in result.output


def test_template_typed_whole_renders_byte_for_byte_as_without_the_reading(
        built_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("inputs", "templates"):
        shutil.copytree(built_ws / name, tmp_path / "ws" / name)
    ws = tmp_path / "ws"
    result = invoke("report", "-w", ws)
    assert result.exit_code == 0, result.output
    with_reading = (ws / "outputs" / "工作情况汇报.docx").read_bytes()
    monkeypatch.setattr(package, "normalize_tags", lambda root: [])
    result = invoke("report", "-w", ws)
    assert result.exit_code == 0, result.output
    assert (ws / "outputs" / "工作情况汇报.docx").read_bytes() == with_reading


def test_the_guide_explains_every_pattern():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "模板写法.md").read_text(encoding="utf-8")
    for name, (_function, cause) in PATTERNS.items():
        assert f"| {cause} |" in guide, name
