"""TOML syntax errors of 配置.toml in Chinese: tomllib's English message turned into what is
wrong and where (line and column), with a hint on how to fix it."""

from __future__ import annotations

import re

# tomllib's messages (Python 3.11-3.13), most specific first; {key} keeps a quoted name.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Cannot declare (?P<key>.+) twice", "表 {key} 重复出现，同名的表只能写一次"),
    (r"Cannot (?:mutate immutable namespace|redefine namespace) (?P<key>.+)", "{key} 已经定义过，不能再改写"),
    (r"Cannot overwrite a value", "这一项已经写过，不能重复"),
    (r"Duplicate inline table key (?P<key>.+)", "花括号里的 {key} 重复"),
    (r"Expected '=' after a key in a key/value pair", "名称后面缺少等号（=），应写成 名称 = 值"),
    (r"Expected '\]' at the end of a table declaration", "表名缺少右方括号 ]"),
    (r"Expected '\]\]' at the end of an array declaration", "表名缺少右双方括号 ]]"),
    (r"Unclosed array", "列表缺少右方括号 ]"),
    (r"Unclosed inline table", "花括号缺少右括号 }}"),
    (r"Unterminated string", "引号没有成对，字符串缺少结尾的引号"),
    (r"Unescaped '\\' in a string", "字符串中的反斜杠 \\ 要写成 \\\\（或改用单引号）"),
    (r"Illegal character '\\n'", "引号没有成对，字符串缺少结尾的引号"),
    (r"Illegal character (?P<key>.+)", "有不允许的字符 {key}"),
    (r"Found invalid character (?P<key>.+)", "有不允许的字符 {key}"),
    (r"Invalid date or datetime", "日期写法有误，应写成 2018-11-20（不加引号）"),
    (r"Invalid initial character for a key part", "名称的写法有误：名称只能由字母、数字、下划线和短横线组成，其他写法要加引号"),
    (r"Invalid value", "值的写法有误：文字要加英文双引号，日期写成 2018-11-20，数字直接写"),
    (r"Invalid statement", "这一行无法识别：每行应是 名称 = 值、[表名] 或 [[表名]]"),
    (r"Expected newline or end of document after a statement", "一行只能写一项，这里多了内容（文字要加英文双引号）"),
    (r"Expected .+", "此处缺少必要的符号"),
)
_WHERE = re.compile(r"\s*\(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)\s*$")


def toml_error_message(error: Exception) -> str:
    """The Chinese message for a ``tomllib.TOMLDecodeError``: place, what is wrong, how to fix it."""
    text = str(error).splitlines()[0] if str(error) else ""
    where = _WHERE.search(text)
    message = text[:where.start()] if where else text
    if where is None:
        place = ""
    elif where.group("line"):
        place = f"（第{where.group('line')}行第{where.group('column')}列）"
    else:
        place = "（文件末尾）"
    for pattern, chinese in _MESSAGES:
        found = re.fullmatch(pattern, message)
        if found:
            names = {k: _key(v) for k, v in found.groupdict().items()}
            return f"格式错误{place}：{chinese.format(**names)}"
    return f"格式错误{place}：请检查引号、等号和方括号"


def _key(shown: str) -> str:
    """A key as tomllib shows it (``('units', 'code')`` or ``'x'``) written as in the file."""
    parts = re.findall(r"'([^']*)'", shown)
    return ".".join(parts) if parts else shown
