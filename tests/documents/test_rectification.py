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
    found = {p.stem: docx.Document(p) for p in sorted(folder.glob("*.docx"))}
    assert found, f"no rectification notice in {folder}"
    return found


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def number_of(document) -> str:
    """The 发文字号 of the 版头 (its paragraph in the style 版头发文字号)."""
    return next(p.text for p in document.paragraphs if p.style.name == "版头发文字号")


def sequence(number: str) -> int:
    match = re.fullmatch(r"古创办督改〔2018〕(\d+)号", number)
    assert match, number
    return int(match.group(1))


def test_each_notice_has_a_standard_number_in_the_order_of_the_units(noticed: Path):
    from reporter import pipeline
    from reporter.documents.rectification import units_with_open_problems
    from reporter.figures.scoring import score_round

    checked = pipeline.collect(noticed, forms=False)
    first_round = score_round(checked.campaign, checked.rounds, 1, checked.problem_records)
    earlier = len(units_with_open_problems(checked.campaign, first_round))
    assert earlier > 0
    result = score_round(checked.campaign, checked.rounds, 2, checked.problem_records)
    order = [checked.campaign.unit(c).short for c in units_with_open_problems(checked.campaign, result)]
    found = notices(noticed)
    assert sorted(found) == sorted(order) and order
    # One series through the year: round 2 goes on after the notices of round 1, 1..n in unit order.
    assert [sequence(number_of(found[unit])) for unit in order] == list(range(earlier + 1, earlier + len(order) + 1))


def test_the_number_pattern_and_first_number_are_configurable(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^notice_prefix = .*\n", 'notice_number = "古创督字〔{年}〕第{序号}号"\nnotice_first = 40\n', text)
    config.write_text(text, encoding="utf-8")
    assert run("notice", "-w", str(example_ws)).exit_code == 0
    numbers = sorted(number_of(d) for d in notices(example_ws).values())
    assert numbers and all(re.fullmatch(r"古创督字〔2018〕第(4\d|5\d)号", n) for n in numbers), numbers
    assert number_of(notices(example_ws)["东城街道"]) == "古创督字〔2018〕第48号"  # after round 1's 8 notices


def test_a_number_pattern_without_a_sequence_is_refused_at_its_key(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^notice_prefix = .*\n", 'notice_number = "{代字}〔{年}〕号"\n', text),
                      encoding="utf-8")
    result = run("notice", "-w", str(example_ws))
    assert result.exit_code == 1
    assert "notice_number" in result.output and "{序号}" in result.output, result.output


def test_without_a_prefix_of_its_own_the_notice_uses_the_bulletins(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^notice_prefix = .*\n", "", text), encoding="utf-8")
    assert run("notice", "-w", str(example_ws)).exit_code == 0
    assert re.fullmatch(r"古创办发〔2018〕\d+号", number_of(notices(example_ws)["东城街道"]))


def test_the_head_title_and_receipt_are_those_an_office_issues(noticed: Path):
    for unit, document in notices(noticed).items():
        styled = [(p.style.name, p.text) for p in document.paragraphs]
        assert styled[0] == ("发文机关标志", "古塔区“三城联创”工作领导小组办公室"), unit
        title = "".join(text for style, text in styled if style == "公文标题" and "通知" in text)
        assert title.replace("\n", "") == "关于“三城联创”第二轮督查发现问题限期整改的通知", unit
        assert ("附件说明", "附件：整改情况回执") in styled, unit
        receipt = document.tables[-1]
        labels = [c.text for row in receipt.rows for c in row.cells]
        for label in ("单位名称", "整改情况", "负 责 人", "报送日期", "单位盖章"):
            assert label in labels, (unit, label)


def test_photos_carry_a_caption_of_unit_place_and_day(noticed: Path):
    west = notices(noticed)["西城街道"]
    captions = [p.text for p in west.paragraphs if p.style.name == "图题"]
    assert captions and all(c.startswith("西城街道\u3000") and re.search(r"（2018年\d+月\d+日）$", c) for c in captions)
    assert "西城街道\u3000中央大街18号（2018年11月6日）" in captions
    photos = [paragraph for paragraph in west.paragraphs if paragraph._p.xpath(".//w:drawing")]
    assert photos and all(keeps(photo) for photo in photos)  # a photo stays with its caption


def test_the_receipt_can_be_left_out(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('phone = "0416-2120001"\n', 'phone = "0416-2120001"\nreceipt = false\n'),
                      encoding="utf-8")
    assert run("notice", "-w", str(example_ws)).exit_code == 0
    east = notices(example_ws)["东城街道"]
    assert not east.tables and "附件" not in "".join(texts(east))


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
    assert paragraphs[closing + 1:closing + 3] == ["", "附件：整改情况回执"]
    assert paragraphs[closing + 5:closing + 7] == ["古塔区“三城联创”工作领导小组办公室", "2018年11月26日"]


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
        assert "于2018年11月30日前将整改情况（附整改前后对比照片及回执）报送区联创办。" in text


def keeps(paragraph) -> bool:
    return paragraph._p.find(f"{W}pPr/{W}keepNext") is not None


def kept(paragraph) -> bool:
    """Kept with the next paragraph, by itself or by its style."""
    return keeps(paragraph) or bool(paragraph.style.paragraph_format.keep_with_next)


def test_the_signature_stays_with_the_text_but_not_the_last_problem(noticed: Path):
    for unit, document in notices(noticed).items():
        paragraphs = document.paragraphs
        closing = next(i for i, p in enumerate(paragraphs) if p.text.startswith("请你单位高度重视"))
        date = next(i for i, p in enumerate(paragraphs) if p.style.name == "成文日期")
        block = paragraphs[closing + 1:date + 1]  # the contact line, 附件说明, room for the seal, 落款
        assert [p.text for p in block][-2:] == ["古塔区“三城联创”工作领导小组办公室", "2018年11月26日"]
        assert all(kept(p) for p in block[:-1]) and not kept(block[-1]), unit
        # Nothing ties the last problem or its caption to the closing paragraph.
        assert not keeps(paragraphs[closing - 1]), unit


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
