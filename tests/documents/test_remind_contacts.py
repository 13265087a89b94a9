"""The 催报 chat text and the 催报通知 name each chased unit's contact (``contact``, and
``phone`` when it is written apart), and the chat text holds no file paths."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl import load_workbook

from reporter.pipeline import build_reminder
from tests.conftest import docx_paragraphs

CONFIG_UNIT = 'short = "团区委"\ntype = "部门"\ncontact = "秦朗 0416-2120009"'


def _chase(ws: Path) -> None:
    """团区委 has not reported; 区卫健局's workbook has one problem."""
    (ws / "inputs" / "2018-11" / "团区委.xlsx").unlink()
    path = ws / "inputs" / "2018-11" / "区卫健局.xlsx"
    book = load_workbook(path)
    book["工作指标"]["D3"] = "两千"
    book.save(path)


def test_the_chat_text_names_each_units_contact_and_no_file(example_ws: Path):
    _chase(example_ws)
    text = build_reminder(example_ws, dt.date(2018, 11, 27)).text
    lines = text.splitlines()
    assert "未报送（1个）：团区委（秦朗 0416-2120009）" in lines
    assert "报送有误、待修改（1个）：区卫健局（1处问题，沈洋 0416-2120005）" in lines
    assert not re.search(r"inputs/|outputs/|\.xlsx|\.docx|[A-Z]\d+!", text)


def test_the_notice_names_them_too(example_ws: Path):
    _chase(example_ws)
    reminder = build_reminder(example_ws, dt.date(2018, 11, 27))
    assert reminder.document is not None
    paragraphs = [p for p in docx_paragraphs(reminder.document) if p]
    assert "团区委（秦朗 0416-2120009）。" in paragraphs
    assert "区卫健局（1处问题，沈洋 0416-2120005）。" in paragraphs


def test_a_phone_written_apart_follows_the_contact(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    assert CONFIG_UNIT in text
    config.write_text(text.replace(CONFIG_UNIT, 'short = "团区委"\ntype = "部门"\ncontact = "秦朗"\nphone = "13900000000"'),
                      encoding="utf-8")
    (example_ws / "inputs" / "2018-11" / "团区委.xlsx").unlink()
    text = build_reminder(example_ws, dt.date(2018, 11, 27)).text
    assert "未报送（1个）：团区委（秦朗 13900000000）" in text.splitlines()


def test_a_unit_without_a_contact_is_named_alone(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(CONFIG_UNIT, 'short = "团区委"\ntype = "部门"'), encoding="utf-8")
    (example_ws / "inputs" / "2018-11" / "团区委.xlsx").unlink()
    text = build_reminder(example_ws, dt.date(2018, 11, 27)).text
    assert "未报送（1个）：团区委" in text.splitlines()
