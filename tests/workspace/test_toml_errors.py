"""Syntax errors in 配置.toml are explained in Chinese with their line and column."""

from __future__ import annotations

import re
import tomllib

import pytest

from reporter.workspace.tomlerrors import toml_error_message

# (broken configuration, what the message must say)
CASES = [
    ("[campaign]\nname = 三城联创\n", "（第2行第8列）：值的写法有误"),
    ("[campaign]\nname \"x\"\n", "（第2行第6列）：名称后面缺少等号"),
    ("[campaign\nname = 1\n", "表名缺少右方括号"),
    ("[[units]\ncode = 1\n", "表名缺少右双方括号"),
    ("a = [1, 2\n", "列表缺少右方括号"),
    ("a = {x = 1\n", "花括号缺少右括号"),
    ("a = \"abc\n", "引号没有成对"),
    ("a = \"c:\\q\"\n", "反斜杠"),
    ("a = 2018-02-30\n", "日期写法有误"),
    ("a = 2018-13-45\n", "一行只能写一项"),
    ("[campaign]\n[campaign]\n", "表 campaign 重复出现"),
    ("a = 1\na = 2\n", "不能重复"),
    ("a = {x = 1, x = 2}\n", "花括号里的"),
    ("a = 1 b\n", "格式错误"),
    ("= 1\n", "这一行无法识别"),
    ("a.\"b = 1\n", "格式错误"),
    ("broken = ", "（文件末尾）"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_syntax_error_is_chinese_with_its_place(text: str, expected: str):
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    message = toml_error_message(caught.value)
    assert message.startswith("格式错误")
    assert expected in message, message
    # No English from tomllib: Latin words only where the message quotes the file's own names.
    own_words = set(re.findall(r"[A-Za-z]+", text))
    assert not [w for w in re.findall(r"[A-Za-z]{2,}", message) if w not in own_words], message


def test_an_unknown_message_still_gives_the_place():
    message = toml_error_message(tomllib.TOMLDecodeError("Something new (at line 3, column 4)"))
    assert message == "格式错误（第3行第4列）：请检查引号、等号和方括号"
