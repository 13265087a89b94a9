"""Marks around figures: read back as printed, removed from the document, never confused with users' text."""

from __future__ import annotations

from reporter.printed import CLOSE, MIDDLE, OPEN, Marks, unmarked


def test_marked_text_is_read_back_after_template_changes():
    heard: list[tuple[int, str]] = []
    marks = Marks(lambda number, text: heard.append((number, text)))
    xml = "<w:t>清理" + marks.mark(0, "6700余处").replace("余", "多") + "，" + marks.mark(1, "R&amp;D") + "</w:t>"
    assert marks.settle(xml) == "<w:t>清理6700多处，R&amp;D</w:t>"
    assert heard == [(0, "6700多处"), (1, "R&D")]


def test_users_private_use_characters_stay():
    text = f"{OPEN}12{MIDDLE}x{CLOSE}\uf3b4"
    assert Marks(lambda n, t: None).settle(text) == text
    assert unmarked(text) == text


def test_a_mark_cut_apart_is_removed_and_any_renderings_marks_go_without_being_told():
    marks = Marks(lambda n, t: None)
    whole = marks.mark(7, "2770处")
    opening = whole[:whole.index(MIDDLE) + 1]
    assert marks.settle(opening + "2770") == "2770"  # the template sliced off the closing mark
    assert unmarked("共" + whole) == "共2770处"
