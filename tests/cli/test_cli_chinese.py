"""Everything the command line says is Chinese: every help page, every usage error, every
translated message of click, by the rule of tests/chinese_rule.py (``english_words``).
"""

from __future__ import annotations

import ast
import errno
import re
from pathlib import Path

import click
import pytest

from reporter.clitext import CATALOGUE
from reporter.errors import OS_REASONS, os_reason
from tests.chinese_rule import COMMANDS, english_words
from tests.conftest import run


def test_the_rule_finds_english_and_spares_names():
    assert english_words("Usage: reporter [OPTIONS]") == ["Usage", "OPTIONS"]
    assert english_words("是不是 '--force'？") == []
    assert english_words("把 outputs/ 中的 Word 文档转换为 PDF（需要 LibreOffice），见 `check`") == []
    assert english_words("缺少 {% endfor %}") == []
    assert english_words("网址（如 http://192.168.1.10:8000）") == []
    assert english_words("Did you mean '--force'?") == ["Did", "you", "mean"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_page_is_chinese(command: str | None):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert english_words(result.output) == [], result.output
    assert "用法：" in result.output and "选项：" in result.output


USAGE_ERRORS = [
    ["没有这个命令"],
    ["chek"],                                   # a near miss: a suggestion follows
    ["check", "--forc"],                        # no such option
    ["pdf", "--forc"],                          # no such option, with a suggestion
    ["check", "多余"],                           # an unexpected extra argument
    ["check", "多余", "参数"],
    ["check", "-w"],                            # an option without its value
    ["-w"],
    ["lint"],                                   # a missing argument
    ["notice", "--round", "第三轮"],             # not a number
    ["remind", "--date", "11月27日"],            # not a date
    ["report", "--allow-missing=是"],           # a flag given a value
    ["init", "一", "二"],
    [],                                          # no command at all is help, not an error
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=[" ".join(a) or "nothing" for a in USAGE_ERRORS])
def test_every_usage_error_is_chinese(args: list[str]):
    result = run(*args)
    if args:
        assert result.exit_code == 2, result.output
        assert result.output.startswith("命令用法有误："), result.output
        assert "reporter --help" in result.output
    echoed = result.output
    for arg in args:  # what the user typed may come back quoted: it is theirs, not ours
        if arg not in COMMANDS:
            echoed = echoed.replace(arg, "")
    assert english_words(echoed) == [], result.output


def test_a_near_miss_is_suggested():
    assert "是不是 'check'" in run("chek").output
    assert "是不是 '--force'" in run("pdf", "--forc").output


def test_a_missing_argument_is_named():
    assert "缺少参数“模板”" in run("lint").output


def test_init_without_a_directory_says_how():
    result = run("init")
    assert result.exit_code == 2 and "请写出要新建的工作目录" in result.output


def test_every_translation_is_chinese():
    assert len(CATALOGUE) > 20
    for english, chinese in CATALOGUE.items():
        assert english_words(re.sub(r"\{\w+\}|%\(\w+\)s", "", chinese)) == [], (english, chinese)


# Click's texts that no user of reporter can meet: faults in how a program declares its options,
# deprecation notices for options reporter does not have, shell colours, Windows consoles.
DEVELOPER_ONLY = re.compile(
    r"defined twice|Could not determine name|No options defined|exactly one parameter declaration"
    r"|cannot use the same flag|DeprecationWarning|Choice\(|Unknown color|Invalid start character")


def click_texts() -> set[str]:
    """Every text click passes through gettext or ngettext in the modules reporter translates."""
    texts = set()
    for module in ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui"):
        source = (Path(click.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                texts.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return texts


def test_every_text_of_click_a_user_can_meet_is_translated():
    missing = sorted(t for t in click_texts() if t not in CATALOGUE and not DEVELOPER_ONLY.search(t))
    assert missing == []


def test_every_reason_a_file_could_not_be_written_is_chinese():
    assert all(english_words(reason) == [] for reason in OS_REASONS.values())
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert os_reason(OSError(errno.ENOLINK, "Link has been severed")) == f"系统错误代码 {errno.ENOLINK}"
