"""The one text-width model (``cnfmt.widths``) and the parameters its callers use: titles,
signatures and the 版记 (narrow ½), table cells (proportional, autospaced), Excel cells
(ambiguous characters narrow)."""

from __future__ import annotations

import pytest

from reporter.cnfmt import text_width as exported
from reporter.cnfmt.titles import char_width as title_char_width
from reporter.cnfmt.widths import AUTOSPACE_EM, autospaced, char_width, is_wide, text_width


@pytest.mark.parametrize(("ch", "plain", "proportional", "latin_font"), [
    ("中", 1.0, 1.0, 1.0),
    ("，", 1.0, 1.0, 1.0),  # full-width punctuation
    ("“", 1.0, 1.0, 0.5),  # ambiguous: wide in a Chinese font, narrow in Excel's Latin font
    ("—", 1.0, 1.0, 0.5),
    ("2", 0.5, 0.5, 0.5),
    ("a", 0.5, 0.5, 0.5),
    ("M", 0.5, 0.75, 0.5),
    ("%", 0.5, 0.75, 0.5),
    (" ", 0.5, 0.25, 0.5),
    ("\u3000", 1.0, 1.0, 1.0),  # an ideographic space is a full character
    ("\u2060", 0.0, 0.0, 0.0),  # a word joiner takes no room
    ("\u200b", 0.0, 0.0, 0.0),
])
def test_char_width_in_each_model(ch: str, plain: float, proportional: float, latin_font: float):
    assert char_width(ch) == plain
    assert char_width(ch, proportional=True) == proportional
    assert char_width(ch, ambiguous=False) == latin_font


@pytest.mark.parametrize(("text", "width", "spaced"), [
    ("2018年12月", 5.0, 5.0 + 3 * AUTOSPACE_EM),  # 8|年, 年|1, 2|月
    ("区委宣传部", 5.0, 5.0),
    ("城管局(2)", 4.5, 4.5),  # punctuation is not autospaced, only letters and digits
    ("A区", 1.5, 1.5 + AUTOSPACE_EM),
    ("", 0.0, 0.0),
])
def test_text_width_with_and_without_autospace(text: str, width: float, spaced: float):
    assert text_width(text) == width
    assert text_width(text, autospace=AUTOSPACE_EM) == spaced


def test_autospace_is_between_chinese_letters_and_latin_letters_or_digits():
    assert autospaced("年", "1") and autospaced("A", "区")
    assert not autospaced("（", "1") and not autospaced("1", "2") and not autospaced("区", "局")
    assert is_wide("“") and not is_wide("“", ambiguous=False)


def test_titles_and_the_package_use_the_one_model():
    assert exported is text_width
    assert title_char_width is char_width
