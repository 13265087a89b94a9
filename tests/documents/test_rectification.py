"""整改通知书: a 文号 for each unit, the office's contact, deadlines that follow one another and
read well, a closing block that stays together; the inspection workbook checked for deadlines
the notices could not ask for."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reporter.cli import cli
from tests.conftest import snapshot

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def noticed(example_ws: Path) -> Path:
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 0, result.output
    return example_ws


def notices(ws: Path) -> dict[str, docx.document.Document]:
    folder = ws / "outputs" / "整改通知"
    return {p.stem: docx.Document(p) for p in sorted(folder.glob("*.docx"))}


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_each_notice_has_its_own_number(noticed: Path):
    numbers = {unit: texts(d)[1] for unit, d in notices(noticed).items()}
    assert all(re.fullmatch(r"古创办督改〔2018〕12-\d+号", n) for n in numbers.values()), numbers
    # Numbered in the configured unit order: 东城 and 西城 come first, the departments last.
    assert numbers["东城街道"] == "古创办督改〔2018〕12-1号" and numbers["西城街道"] == "古创办督改〔2018〕12-2号"
    assert sorted(int(n.split("-")[1][:-1]) for n in numbers.values()) == list(range(1, len(numbers) + 1))


def test_without_a_prefix_of_its_own_the_notice_uses_the_bulletins(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^notice_prefix = .*\n", "", text), encoding="utf-8")
    assert run("notice", "-w", str(example_ws)).exit_code == 0
    assert texts(notices(example_ws)["东城街道"])[1] == "古创办发〔2018〕12-1号"


def test_the_offices_contact_is_given(noticed: Path):
    for unit, document in notices(noticed).items():
        assert "联系人：陈晨，联系电话：0416-2120001。" in texts(document), unit


def test_no_contact_configured_leaves_no_empty_line(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(contact|phone) = .*\n", "", text), encoding="utf-8")
    assert run("notice", "-w", str(example_ws)).exit_code == 0
    paragraphs = texts(notices(example_ws)["东城街道"])
    assert not [p for p in paragraphs if "联系" in p]
    closing = next(i for i, p in enumerate(paragraphs) if p.startswith("请你单位高度重视"))
    assert paragraphs[closing + 1:] == ["", "古塔区联创办", "2018年11月26日"]


def test_each_deadline_says_what_it_asks(noticed: Path):
    west = "\n".join(texts(notices(noticed)["西城街道"]))
    # Found in round 1 and still open when re-checked: past its deadline.
    assert "1. 中央大街18号墙体小广告未清理（乱贴乱画）。原定整改时限为2018年11月9日，已逾期，请立即整改。" in west
    # Due on the day the notice is issued.
    assert "2. 西城农贸市场早市占道（占道经营）。整改时限为2018年11月26日，已到期，请立即整改。" in west
    market = "\n".join(texts(notices(noticed)["区市场监管局"]))
    assert "解放路餐饮街后厨未做到明厨亮灶（食品经营不规范）。请于2018年11月30日前整改到位。" in market
    for unit, document in notices(noticed).items():
        text = "\n".join(texts(document))
        assert "）（" not in text and "。。" not in text, unit
        assert "于2018年11月30日前将整改情况（附整改前后对比照片）报送区联创办。" in text


def keeps(paragraph) -> bool:
    return paragraph._p.find(f"{W}pPr/{W}keepNext") is not None


def test_the_closing_block_stays_together_with_the_last_problem(noticed: Path):
    for unit, document in notices(noticed).items():
        paragraphs = document.paragraphs
        closing = next(i for i, p in enumerate(paragraphs) if p.text.startswith("请你单位高度重视"))
        block = paragraphs[closing:]
        assert [p.text for p in block][-2:] == ["古塔区联创办", "2018年11月26日"]
        assert all(keeps(p) for p in block[:-1]) and not keeps(block[-1]), unit
        # The last problem (its text, or its last photo) is kept with the closing paragraph.
        assert keeps(paragraphs[closing - 1]), unit
        pictures = [p for p in paragraphs[:closing] if p._p.xpath(".//w:drawing")]
        assert all(not keeps(p) for p in pictures[:-1] if p._p is not paragraphs[closing - 1]._p)


# --- deadlines the inputs must allow -----------------------------------------------------------

def edit(ws: Path, sheet: str, cells: dict) -> None:
    path = ws / "inputs" / "督查" / "第2轮督查.xlsx"
    wb = load_workbook(path)
    for address, value in cells.items():
        wb[sheet][address].value = value
    wb.save(path)


@pytest.mark.parametrize("sheet, cells, address, words", [
    # An open problem due after the day to report back by: the notice would ask for a report
    # on work not yet due.
    ("督查记录", {"I20": dt.datetime(2018, 12, 5)}, "I20", "晚于本轮整改报送期限 2018-11-30"),
    # The day to report back by before the bulletin is issued.
    ("督查轮次", {"B9": dt.datetime(2018, 11, 25)}, "B9", "早于通报日期 2018-11-26"),
])
def test_deadlines_out_of_order_are_refused_at_their_cell(example_ws: Path, sheet, cells, address, words):
    edit(example_ws, sheet, cells)
    before = snapshot(example_ws / "outputs")
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 1
    prefix = f"inputs/督查/第2轮督查.xlsx:{sheet}!{address}: "
    assert any(line.startswith(prefix) and words in line for line in result.output.splitlines()), result.output
    assert snapshot(example_ws / "outputs") == before
    assert run("check", "-w", str(example_ws)).exit_code == 1


def test_a_problem_already_fixed_may_have_had_a_later_deadline(example_ws: Path):
    edit(example_ws, "督查记录", {"I15": dt.datetime(2018, 12, 5)})  # 2-03, fixed on the spot
    assert run("notice", "-w", str(example_ws)).exit_code == 0
