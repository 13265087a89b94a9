"""Proofreading notices as users see them: the example's slips after ``reporter report``,
exactly, and none after ``tasks`` and ``notice``; a notice never changes the exit code."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run

QUOTE_TWICE = ("引号不成对：前引号“之后又出现前引号“，中间没有后引号”；请删去多余的一个，或补上后引号"
               "（引号里再用引号时用单引号‘’）。原文：")
NEVER_OPENED = "引号不成对：后引号”前面没有对应的前引号“；请补上前引号，或删去多余的后引号。原文："
JIEZHI = "“截止目前”应为“截至目前”：表示到某一时间为止用“截至”，“截止”指到期停止（如“报名截止”）。原文："
EXAMPLE_NOTICES = [
    f"校对：outputs/工作情况汇报.docx: 第4段: {QUOTE_TWICE}……全区上下始终坚持“以“同心圆·连心桥”……",
    f"校对：outputs/工作情况汇报.docx: 第17段: {JIEZHI}……供病媒消杀服务，截止目前，全区四害密度已……",
    f"校对：outputs/工作情况汇报.docx: 第18段: {JIEZHI}……污染事故的发生，截止目前，已完成2家燃煤……",
    f"校对：outputs/工作情况汇报.docx: 第21段: {JIEZHI}……贩1400余个，截止目前，已完成制作发放……",
    f"校对：outputs/工作情况汇报.docx: 第26段: {NEVER_OPENED}……宣讲推出三城联创”微讲堂主题宣讲活……",
]


def _notices(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("校对：")]


def test_report_shows_the_example_slips_and_nothing_else(example_ws: Path):
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert _notices(result.stderr) == EXAMPLE_NOTICES
    assert "已生成：" in result.stdout and (example_ws / "outputs" / "工作情况汇报.docx").is_file()


def test_tasks_and_notice_find_nothing_in_the_example(example_ws: Path):
    for command in ("tasks", "notice"):
        result = run(command, "-w", example_ws)
        assert result.exit_code == 0, result.output
        assert _notices(result.output) == [], command
