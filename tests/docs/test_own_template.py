"""The README's worked example of a user's own report, built from a fresh ``reporter init``
workspace with no change to the package: configuration and template are taken from the README."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from openpyxl import load_workbook

from tests.conftest import ROOT, docx_paragraphs
from tests.conftest import run as run_cli

VALUES = {
    "东湖街道": {"投放点": 60, "宣传活动": 70},
    "西苑街道": {"投放点": 66, "宣传活动": 60},
    "区城管局": {"宣传活动": 53, "厨余垃圾": 312.5},
}
NOTE = ("区城管局", "主要做法", "建立长效机制", "制定《城东区生活垃圾分类考核办法》，每月通报各街道分类质量。")


def readme_block(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- example:{marker} -->\n```\w+\n(.*?)```", text, re.S)
    assert match, marker
    return match.group(1)


def run(*args: str):
    """``reporter ARGS``, which must succeed."""
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result


def write_template(path: Path, lines: list[str]) -> None:
    """What the secretary does in Word: replace the starter template's body, keeping its styles."""
    document = docx.Document(path)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    for number, line in enumerate(lines):
        style = "公文标题" if number == 0 else "署名" if number == 1 else "公文正文"
        document.add_paragraph(line, style=style)
    document.save(path)


def fill(form: Path, target: Path, unit: str) -> None:
    wb = load_workbook(form)
    info = wb["基本信息"]
    info["B6"].value, info["B7"].value, info["B8"].value = "王芳", "0000-1234567", dt.date(2019, 6, 24)
    sheet = wb["工作指标"]
    for row in range(3, sheet.max_row + 1):
        if sheet[f"F{row}"].value:  # not the sign lines below the table
            sheet[f"D{row}"].value = VALUES[unit][sheet[f"F{row}"].value]
    if unit == NOTE[0]:
        notes = wb["工作举措"]
        notes["B3"].value, notes["C3"].value, notes["D3"].value = NOTE[1:]
    wb.save(target)


def test_readme_example_builds_from_init(tmp_path: Path):
    ws = tmp_path / "垃圾分类"
    run("init", str(ws))
    (ws / "inputs" / "配置.toml").write_text(readme_block("config"), encoding="utf-8")
    template = ws / "templates" / "docx" / "工作情况汇报.docx"
    write_template(template, readme_block("template").strip().splitlines())
    run("lint", "-w", str(ws), str(template))
    run("forms", "-w", str(ws))
    (ws / "inputs" / "2019-06").mkdir(exist_ok=True)
    for unit in VALUES:
        fill(ws / "outputs" / "forms" / "2019-06" / f"{unit}.xlsx", ws / "inputs" / "2019-06" / f"{unit}.xlsx", unit)
    run("check", "-w", str(ws))
    run("report", "-w", str(ws))
    paragraphs = docx_paragraphs(ws / "outputs" / "工作情况汇报.docx")
    assert paragraphs == [
        "城东区垃圾分类工作情况汇报",
        "（2019年6月28日）",
        "2019年6月以来，我区垃圾分类工作按照全年计划稳步推进，现将有关情况汇报如下。",
        "一是设施建设全面铺开。全区新建分类投放点126个，做到小区全覆盖。",
        "二是宣传发动深入人心。各街道、各部门开展入户宣传活动180余场次。",
        "三是建立长效机制。制定《城东区生活垃圾分类考核办法》，每月通报各街道分类质量。",
        "四是分类实效逐步显现。累计分出厨余垃圾312.5吨。",
    ]


def test_starter_template_renders_every_section(tmp_path: Path):
    ws = tmp_path / "新工作"
    run("init", str(ws))
    run("forms", "-w", str(ws))
    result = run("report", "-w", str(ws), "--allow-missing")
    assert "已生成" in result.output
    paragraphs = docx_paragraphs(ws / "outputs" / "工作情况汇报（草稿）.docx")
    assert paragraphs[0] == "某某区某项工作情况汇报"
    assert paragraphs[3:] == ["一、主要做法", "二、下步打算"]


def test_init_refuses_an_existing_workspace(example_ws: Path):
    result = run_cli("init", example_ws)
    assert result.exit_code == 2 and "已存在" in result.output
