"""``reporter remind``: the 催报通知 and its chat text name exactly the units that have not
reported or sent a workbook with problems, with the deadline; nothing is written when no unit
has to be chased, and the inputs are never changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporter.pipeline import build_reminder, check_inputs
from tests.conftest import docx_paragraphs, run, snapshot

MISSING = ("区城管局", "东城街道")
FAULTY = "区卫健局"


def _chase(ws: Path) -> None:
    """Two units' workbooks taken away and two figures of a third one spoilt."""
    for short in MISSING:
        (ws / "inputs" / "2018-11" / f"{short}.xlsx").unlink()
    path = ws / "inputs" / "2018-11" / f"{FAULTY}.xlsx"
    book = load_workbook(path)
    book["工作指标"]["D3"] = "两千"
    book["工作指标"]["D4"] = "约400"
    book.save(path)


@pytest.fixture
def chased_ws(example_ws: Path) -> Path:
    _chase(example_ws)
    return example_ws


def _in_config_order(ws: Path, shorts: tuple[str, ...]) -> list[str]:
    """The units named ``shorts`` in configuration order, each with its contact, as reminders name them."""
    units = check_inputs(ws).campaign.units
    order = [u.short for u in units]
    contacts = {u.short: u.contact for u in units}
    return [f"{short}（{contacts[short]}）" for short in sorted(shorts, key=order.index)]


FAULTY_CONTACT = "沈洋 0416-2120005"  # 区卫健局's contact in the example's configuration
LEAGUE_CONTACT = "秦朗 0416-2120009"  # 团区委's


def test_the_notice_names_missing_and_faulty_units_with_their_problem_counts(chased_ws: Path):
    problems = [p for p in check_inputs(chased_ws).problems if FAULTY in p.path]
    assert len(problems) == 2  # both spoilt cells, as reporter check lists them
    inputs = snapshot(chased_ws / "inputs")

    reminder = build_reminder(chased_ws, dt.date(2018, 11, 27))

    assert reminder.document == chased_ws / "outputs" / "催报通知.docx"
    paragraphs = [p for p in docx_paragraphs(reminder.document) if p]
    missing = "、".join(_in_config_order(chased_ws, MISSING))
    assert paragraphs[0].replace("\n", "") == "关于催报2018年11月“三城联创”工作情况的通知"
    assert "各有关单位：" in paragraphs
    assert ("报送截止时间为2018年11月20日，已逾期7天。截至2018年11月27日，应报单位19个，已报送17个，"
            "未报送2个，报送有误待修改1个。") in paragraphs[2]
    assert paragraphs[3:7] == ["一、未报送的单位（2个）", f"{missing}。",
                               "二、报送有误、待修改的单位（1个）", f"{FAULTY}（2处问题，{FAULTY_CONTACT}）。"]
    assert "联系人：陈晨，联系电话：0416-2120001。" in paragraphs
    assert paragraphs[-2:] == ["古塔区联创办", "2018年11月27日"]
    assert snapshot(chased_ws / "inputs") == inputs


def test_the_chat_text_says_the_same_in_plain_lines(chased_ws: Path):
    text = build_reminder(chased_ws, dt.date(2018, 11, 27)).text
    missing = "、".join(_in_config_order(chased_ws, MISSING))
    assert text.splitlines() == [
        "【催报】2018年11月“三城联创”工作情况",
        "报送截止时间为2018年11月20日，已逾期7天。截至2018年11月27日：",
        f"未报送（2个）：{missing}",
        f"报送有误、待修改（1个）：{FAULTY}（2处问题，{FAULTY_CONTACT}）",
        "请未报送的单位立即报送，报送有误的单位按填报表检查结果逐项修改后立即重新报送。联系人：陈晨，联系电话：0416-2120001。",
        "古塔区联创办",
    ]


def test_before_the_deadline_units_are_asked_to_report_by_it(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "团区委.xlsx").unlink()
    reminder = build_reminder(example_ws, dt.date(2018, 11, 18))
    assert "逾期" not in reminder.text
    assert "请未报送的单位于2018年11月20日前报送。" in reminder.text
    paragraphs = [p for p in docx_paragraphs(reminder.document) if p]
    # Only one section: no heading numbered 一、 without a 二、, and no count of none.
    assert f"未报送的单位（1个）：团区委（{LEAGUE_CONTACT}）。" in paragraphs
    assert not any(p.startswith(("一、", "二、")) for p in paragraphs)
    assert not any("有误" in p or "0个" in p for p in paragraphs)


def _spoil(ws: Path) -> None:
    path = ws / "inputs" / "2018-11" / f"{FAULTY}.xlsx"
    book = load_workbook(path)
    book["工作指标"]["D3"] = "两千"
    book.save(path)


def test_with_every_unit_reported_only_the_faulty_ones_are_named_without_a_lone_heading(example_ws: Path):
    _spoil(example_ws)
    reminder = build_reminder(example_ws, dt.date(2018, 11, 27))
    paragraphs = [p for p in docx_paragraphs(reminder.document) if p]
    assert paragraphs  # the notice was written
    assert "截至2018年11月27日，应报单位19个，已报送19个，报送有误待修改1个。" in paragraphs[2]
    assert f"报送有误、待修改的单位（1个）：{FAULTY}（1处问题，{FAULTY_CONTACT}）。" in paragraphs
    assert not any(p.startswith(("一、", "二、")) for p in paragraphs)
    assert not any("未报送" in p or "0个" in p for p in paragraphs)
    assert "请报送有误的单位按填报表检查结果逐项修改后立即重新报送。" in paragraphs


def _pdf_lines(ws: Path, document: Path) -> list[str]:
    """The lines of the PDF ``reporter pdf`` makes of ``document``, as pdftotext reads them."""
    import subprocess

    result = run("pdf", "-w", ws, document)
    assert result.exit_code == 0, result.output
    pdf = document.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    return [line.replace(" ", "") for line in text.decode("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", ["faulty only", "missing only", "both"])
def test_the_printed_notice_numbers_its_sections_only_when_there_are_two(example_ws: Path, soffice: str,
                                                                        case: str):
    if case != "missing only":
        _spoil(example_ws)
    if case != "faulty only":
        (example_ws / "inputs" / "2018-11" / "团区委.xlsx").unlink()
    reminder = build_reminder(example_ws, dt.date(2018, 11, 27))
    lines = _pdf_lines(example_ws, reminder.document)
    assert "应报单位19个" in "".join(lines)
    headings = [line for line in lines if line.startswith(("一、", "二、", "三、"))]
    assert not any("0个" in line for line in lines)
    if case == "both":
        assert headings == ["一、未报送的单位（1个）", "二、报送有误、待修改的单位（1个）"]
    else:
        assert headings == []
        assert any(line.startswith(("未报送的单位（1个）：", "报送有误、待修改的单位（1个）：")) for line in lines)


def test_nothing_is_written_when_every_unit_reported_cleanly(example_ws: Path):
    result = run("remind", "-w", example_ws, "--date", "2018-11-27")
    assert result.exit_code == 0, result.output
    assert "无需催报" in result.output
    assert not (example_ws / "outputs" / "催报通知.docx").exists()


def test_the_command_prints_the_chat_text_and_the_document(chased_ws: Path, ooxml_validator):
    result = run("remind", "-w", chased_ws, "--date", "2018-11-27")
    assert result.exit_code == 0, result.output
    assert "【催报】2018年11月“三城联创”工作情况" in result.output
    assert "已生成：" in result.output
    ooxml_validator(chased_ws / "outputs" / "催报通知.docx")


def test_a_wrong_date_is_a_chinese_usage_error(example_ws: Path):
    result = run("remind", "-w", example_ws, "--date", "27/11/2018")
    assert result.exit_code == 2
    assert "命令用法有误" in result.output


def test_an_earlier_period_is_chased_with_its_own_workbooks(example_ws: Path):
    (example_ws / "inputs" / "2018-10" / "团区委.xlsx").unlink()
    result = run("remind", "-w", example_ws, "--date", "2018-11-27", "--period", "2018-10")
    assert result.exit_code == 0, result.output
    assert "【催报】2018年10月“三城联创”工作情况" in result.output
    assert "未报送（1个）：团区委" in result.output
    assert "无需催报" in run("remind", "-w", example_ws, "--date", "2018-11-27").output  # November is complete
