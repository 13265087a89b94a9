"""The 模板素材 (``reporter palette``, ``reporter init``): every tag of the palette is one run,
the palette renders entirely as a report template, each 效果 is what the tag beside it gives,
``reporter lint`` passes it, and it follows the configuration."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reporter.model import Source
from reporter.pipeline.palette import PALETTE_DISPLAY, PALETTE_NAME, render_palette
from reporter.render.templates.palette import palette_cells
from reporter.workspace import open_workspace
from tests.conftest import ROOT, copy_example, run
from tests.documents.villages import VILLAGES_CONFIG

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG_MARKS = ("{{", "{%", "}}", "%}")

NEW_INDICATORS = """
[[indicators]]
code = "绿化面积"
name = "新增绿化面积"
measure = "平方米"
report_by = ["全部"]

[[indicators]]
code = "宣传覆盖率"
name = "宣传覆盖率"
measure = "%"
aggregate = "比率"
numerator = "宣传活动"
denominator = "绿化面积"
target = 80
"""


def palette_of(ws: Path) -> Path:
    return ws / "templates" / "docx" / PALETTE_NAME


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example workspace with its palette made by ``reporter palette``."""
    ws = copy_example(tmp_path_factory.mktemp("palette") / "ws")
    result = run("palette", "-w", ws)
    assert result.exit_code == 0, result.output
    assert f"已生成：{palette_of(ws)}" in result.output
    return ws


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace just made by ``reporter init``."""
    ws = tmp_path_factory.mktemp("palette") / "新工作"
    result = run("init", ws)
    assert result.exit_code == 0, result.output
    return ws


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace of villages and a department, a section code with a quote in it, a ratio,
    an average percentage and a figure the office gives, its palette made by ``reporter palette``."""
    ws = tmp_path_factory.mktemp("palette") / "村"
    assert run("init", ws).exit_code == 0
    (ws / "inputs" / "配置.toml").write_text(VILLAGES_CONFIG, encoding="utf-8")
    result = run("palette", "-w", ws)
    assert result.exit_code == 0, result.output
    return ws


def shown(palette: Path) -> dict[str, str]:
    """Each tag of the palette with its 效果."""
    cells = palette_cells(palette.read_bytes())
    return dict(zip(cells.written, cells.effects))


def tagged_paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return [p for p in body.iter(f"{W}p") if any(mark in "".join(p.itertext()) for mark in TAG_MARKS)]


def test_init_writes_the_palette(fresh: Path):
    effects = shown(palette_of(fresh))
    assert effects["{{ 指标.宣传活动 | 确数 }}"] == "240场次"  # two units, 120 each
    assert effects["{{ 单位.数量 }}"] == "2个单位"
    assert effects["{{ 活动.名称 }}"] == "某项工作"
    assert effects["{{ 连写('主要做法') }}"] == "三是区某某局主要做法工作举措（试排用）。"


def test_the_palette_follows_a_change_of_the_configuration(tmp_path: Path):
    ws = tmp_path / "ws"
    result = run("init", ws)
    assert result.exit_code == 0, result.output
    config = ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8") + NEW_INDICATORS, encoding="utf-8")
    result = run("palette", "-w", ws)
    assert result.exit_code == 0, result.output
    effects = shown(palette_of(ws))
    assert effects["{{ 指标.绿化面积.名称 }}"] == "新增绿化面积"
    assert effects["{{ 指标.绿化面积 | 确数 }}"] == "240平方米"
    assert effects["{{ 累计.绿化面积 | 确数 }}"] == "240平方米"
    assert effects["{{ 指标.宣传覆盖率 | 百分比 }}"] == "100.00%"
    assert effects["{{ 指标.宣传覆盖率 | 对照目标 }}"] == "超额完成80%的指标任务"
    assert "{{ 指标.宣传覆盖率 | 约数 }}" not in effects  # a percentage is not written 约数


@pytest.mark.parametrize("which", ["example", "fresh", "villages"])
def test_every_tag_is_one_run(which: str, request: pytest.FixtureRequest):
    paragraphs = tagged_paragraphs(palette_of(request.getfixturevalue(which)))
    assert len(paragraphs) > 50
    for paragraph in paragraphs:
        runs = paragraph.findall(f"{W}r")
        assert len(runs) == 1, "".join(paragraph.itertext())
        assert "".join(runs[0].itertext()) == "".join(paragraph.itertext())


@pytest.mark.parametrize("which", ["example", "fresh", "villages"])
def test_the_palette_renders_entirely_and_each_effect_is_what_its_tag_gives(which: str, request: pytest.FixtureRequest,
                                                                          tmp_path: Path):
    ws = request.getfixturevalue(which)
    palette = palette_of(ws)
    rendered = render_palette(Source(palette, PALETTE_DISPLAY), open_workspace(ws).campaign)
    (tmp_path / "rendered.docx").write_bytes(rendered)
    assert tagged_paragraphs(tmp_path / "rendered.docx") == []  # no tag left: every one rendered
    cells = palette_cells(rendered)
    written = palette_cells(palette.read_bytes()).written
    assert len(cells.written) == len(written) > 30
    for tag, gives, effect in zip(written, cells.written, cells.effects):
        assert gives == effect, tag
    assert len(cells.table) >= 2 and cells.table == cells.table_effect


@pytest.mark.parametrize("which", ["example", "fresh", "villages"])
def test_lint_passes_the_palette(which: str, request: pytest.FixtureRequest):
    ws = request.getfixturevalue(which)
    result = run("lint", "-w", ws, palette_of(ws))
    assert result.exit_code == 0, result.output
    assert "模板检查通过。" in result.output


def test_the_example_palette_lists_its_indicators_as_they_suit(example: Path):
    effects = shown(palette_of(example))
    assert effects["{{ 指标.私搭乱建.名称 }}"] == "依法拆除私搭乱建"
    assert effects["{{ 指标.私搭乱建 | 确数 }}"] == "1200处"  # ten units, 120 each
    assert effects["{{ 指标.社区出动人员 | 约数 }}"] == "1000余人次"
    assert effects["{{ 指标.路面硬化 | 万 }}"] == "0.1万平方米"
    assert effects["{{ 指标.志愿者占比 | 百分比 }}"] == "100.00%"
    assert effects["{{ 累计.私搭乱建 | 确数 }}"] == "3600处"  # 2018-09 to 2018-11
    assert effects["{{ 指标.私搭乱建 | 环比 }}"] == "持平"
    assert effects["{{ 单位.街道.数量 }}"] == "9个街道"
    assert "{{ 指标.鼠药 | 万 }}" not in effects  # 21.5 吨: too small for 万
    assert "{{ 指标.保洁人员 | 万 }}" not in effects  # one unit's 120 人次 cannot be written in 万
    assert "{{ 指标.成员单位 | 环比 }}" not in effects  # the office's own figure does not change


def test_the_shipped_example_palette_is_what_the_command_makes(example: Path):
    """templates/docx/模板素材.docx of this repository is up to date (make palette remakes it)."""
    assert palette_of(example).read_bytes() == palette_of(ROOT).read_bytes()


def test_palette_refuses_a_folder_that_is_no_workspace(tmp_path: Path):
    result = run("palette", "-w", tmp_path)
    assert result.exit_code == 2
    assert "不是 reporter 工作目录" in result.output
    assert not palette_of(tmp_path).exists()
