"""reporter pdf and reporter booklet on the example workspace: configured order, bookmarks, labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from reporter.errors import InputError
from reporter.workspace import load_campaign, open_workspace
from tests.conftest import private_copy, run


def set_order(ws: Path, order: str) -> None:
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    old = 'order = ["工作情况汇报", "责任分解表", "督查通报", "任务清单", "整改通知"]'
    assert old in text
    config.write_text(text.replace(old, f"order = {order}"), encoding="utf-8")


def test_unknown_booklet_part_names_its_key(example_ws: Path):
    set_order(example_ws, '["工作情况汇报", "通报"]')
    with pytest.raises(InputError) as caught:
        load_campaign(open_workspace(example_ws))
    assert any("booklet.order[2]: “通报” 不是可合订的文件" in line for line in caught.value.lines())


@pytest.mark.libreoffice
def test_booklet_follows_the_configured_order(pdf_ws: Path, tmp_path: Path, soffice: str):
    ws = private_copy(pdf_ws, tmp_path / "ws")  # report and notice converted by reporter pdf
    set_order(ws, '["督查通报", "整改通知", "工作情况汇报"]')
    result = run("booklet", "-w", str(ws))
    assert result.exit_code == 0, result.output
    reader = PdfReader(ws / "outputs" / "汇编.pdf")
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == ["督查通报", "整改通知书", "工作情况汇报"]
    group = reader.outline[2]
    assert isinstance(group, list) and len(group) == 8
    assert reader.metadata.title == "古塔区“三城联创”2018年11月材料汇编"
    assert reader.metadata.author == "古塔区联创办"
    parts = [PdfReader(ws / "outputs" / f"{name}.pdf") for name in ("督查通报", "工作情况汇报")]
    assert len(reader.pages) > sum(len(p.pages) for p in parts)
    assert reader.page_labels[0] == "1-1"


def test_booklet_needs_fresh_pdfs(example_ws: Path):
    assert run("report", "-w", str(example_ws)).exit_code == 0
    result = run("booklet", "-w", str(example_ws))
    assert result.exit_code == 1
    assert "outputs/工作情况汇报.docx: 还没有转换为 PDF" in result.output and "请先运行 reporter pdf" in result.output
