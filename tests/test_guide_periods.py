"""The examples of the guide's sections on periods, office figures and 数据来源 render as printed.

Each ```jinja block with its 输出： ```text block is one paragraph of a report template rendered
against the example workspace (period 2018-11, history from 2018-09)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, docx_paragraphs, make_template, run

GUIDE = ROOT / "docs" / "模板写法.md"
SECTIONS = ("往期数字：累计、上期、同期", "环比、同比和增减", "办公室给定的数和指标任务", "数据来源表与文中写法")
EXAMPLE = re.compile(r"```jinja\n(.*?)\n```\n输出：\n```text\n(.*?)\n```", re.DOTALL)


def examples() -> list[tuple[str, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for part in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        title = part.split("\n", 1)[0].strip()
        if title in SECTIONS:
            found.extend(EXAMPLE.findall(part))
    return found


def test_every_example_of_these_sections_prints_its_output(example_ws: Path):
    pairs = examples()
    assert len(pairs) >= 12
    make_template(example_ws / "templates" / "docx" / "工作情况汇报.docx", [source for source, _ in pairs])
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert docx_paragraphs(example_ws / "outputs" / "工作情况汇报.docx") == [output for _, output in pairs]
