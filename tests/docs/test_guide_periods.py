"""The examples of the guide's sections on periods, office figures and 数据来源, end to end:
put together as the workspace's report template and rendered by ``reporter report``, so the
earlier months are read as the command reads them (history from 2018-09). The guide itself is
read by ``tests.guide`` (the same parser the guide test uses)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import docx_paragraphs, make_template, run
from tests.docs.guide import EXAMPLE, GUIDE, read_guide

SECTIONS = ("往期数字：累计、上期、同期", "环比、同比和增减", "办公室给定的数和指标任务", "数据来源表与文中写法")


def examples() -> list[tuple[str, str]]:
    found, _spaces = read_guide(GUIDE.read_text(encoding="utf-8"))
    return [(line, output) for e in found if e.heading in SECTIONS and not e.error and e.workspace == EXAMPLE
            for line, output in zip(e.template, e.expected, strict=True)]


def test_every_example_of_these_sections_prints_its_output(example_ws: Path):
    pairs = examples()
    assert len(pairs) >= 12
    make_template(example_ws / "templates" / "docx" / "工作情况汇报.docx", [source for source, _ in pairs])
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert docx_paragraphs(example_ws / "outputs" / "工作情况汇报.docx") == [output for _, output in pairs]
