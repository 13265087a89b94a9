"""Jinja's syntax errors told in Chinese, and the line of a block left open.

Jinja words its syntax errors for programmers ("unexpected '}'", "Encountered unknown tag
'endfor'. Jinja was looking for …"). ``explain`` recognises each kind by its wording
(``PATTERNS``) and says in Chinese what is wrong and how to write it instead; a message it does
not recognise gets a general explanation, never Jinja's English. ``unclosed_line`` finds where
a block that is never closed was opened, since Jinja only notices at the end of the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Jinja's names for what it expected or found, as template authors write them.
TOKENS = {
    "end of print statement": "}}", "begin of print statement": "{{",
    "end of statement block": "%}", "begin of statement block": "{%",
    "end of template": "模板结尾", "name": "名称", "integer": "数字", "float": "数字",
    "string": "加引号的文字", "template data / text": "普通文字",
}
BLOCKS = ("for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans")
UNBALANCED_QUOTE = "引号不成对：标签中的文字要用一对英文引号括起，如 举措('党建')"
GENERAL = "标签书写有误，请检查这一段的 {{ }} 和 {% %} 是否完整、成对，标签里的标点是否为英文标点"


def _token(name: str) -> str:
    """What Jinja expected or found, quoted as the author writes it; a Jinja keyword (in, else …) as code."""
    if name in TOKENS:
        return f"“{TOKENS[name]}”"
    return f"`{name}`" if name.isascii() and name.isalpha() else f"“{name}”"


def _closing(block: str) -> str:
    return "{% end" + block + " %}"


def _end_of_template(m: re.Match[str]) -> str:
    block = m.group("block")
    if block:
        return f"{{% {block} %}} 没有闭合，请在它应当结束的地方加上 {_closing(block)}"
    return "模板在标签中间结束了，请补全最后一个 {{ }} 或 {% %} 标签"


def _unknown_tag(m: re.Match[str]) -> str:
    tag, block = m.group("tag"), m.group("block")
    if tag.startswith("end") and tag[3:] in BLOCKS:
        if block:
            return (f"{{% {tag} %}} 的位置不对：此前的 {{% {block} %}} 还没有用 {_closing(block)} 闭合，"
                    f"请检查标签的先后顺序")
        return f"多余的 {{% {tag} %}}：前面没有与之配对的 {{% {tag[3:]} %}}"
    if tag in ("elif", "else") and not block:
        return f"{{% {tag} %}} 只能写在 {{% if %}} 与 {{% endif %}} 之间"
    if block:
        return f"不认识的标签 {{% {tag} %}}，或此前的 {{% {block} %}} 缺少 {_closing(block)}"
    return f"不认识的标签 {{% {tag} %}}（可用的有 {{% if %}}、{{% for %}}、{{% set %}} 等；要输出数值请写成 {{{{ … }}}}）"


def _unexpected(m: re.Match[str]) -> str:
    found, expected = m.group("found"), m.group("expected")
    if found in ("}", ")", "]"):
        if expected:
            return f"括号不成对：此处应为“{expected}”，却是“{found}”"
        return f"多了一个“{found}”：花括号或括号不成对（输出写成 {{{{ … }}}}，标签写成 {{% … %}}）"
    if found == "end of template":
        return "模板在标签中间结束了，请补全最后一个 {{ }} 或 {% %} 标签"
    return f"此处不应出现{_token(found)}，{GENERAL}"


def _bad_char(m: re.Match[str]) -> str:
    char = m.group("char")
    if char in "'\"":
        return UNBALANCED_QUOTE
    return f"标签中有不能使用的字符“{char}”，请改用英文标点，或把它放在引号内"


def _expected_token(m: re.Match[str]) -> str:
    return f"此处应为{_token(m.group('expected'))}，却是{_token(m.group('found'))}，{GENERAL}"


# Each kind of Jinja syntax error: a pattern matching its wording, and its Chinese explanation.
PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Unexpected end of template\.(?:.*innermost block that needs to be closed is '(?P<block>\w+)')?", re.DOTALL),
     _end_of_template),
    (re.compile(r"^Encountered unknown tag '(?P<tag>[^']+)'\.(?:.*innermost block that needs to be closed is "
                r"'(?P<block>\w+)')?", re.DOTALL), _unknown_tag),
    (re.compile(r"^unexpected '(?P<found>[^']*)'(?:, expected '(?P<expected>[^']*)')?\.?$"), _unexpected),
    (re.compile(r"^unexpected end of template, expected '(?P<expected>[^']*)'"),
     lambda m: f"模板在标签中间结束了：缺少{_token(m.group('expected'))}"),
    (re.compile(r"^unexpected char (?P<q>['\"])(?P<char>.)(?P=q) at \d+"), _bad_char),
    (re.compile(r"^expected token '(?P<expected>[^']*)', got '(?P<found>[^']*)'"), _expected_token),
    (re.compile(r"^Expected an expression, got '(?P<found>[^']*)'"),
     lambda m: "标签里缺少内容：要写出名称或算式，如 {{ 指标.代码 | 确数 }}、{% if 任务.总数 %}"),
    (re.compile(r"^tag name expected"), lambda m: "{% 之后缺少标签名，如 {% if … %}、{% for … %}"),
    (re.compile(r"^expected name or number"), lambda m: "点号之后缺少名称，如 指标.代码"),
    (re.compile(r"^expected subscript expression"), lambda m: "方括号中缺少内容"),
    (re.compile(r"^invalid syntax for function call expression"), lambda m: "函数的写法有误，如 举措('党建')"),
    (re.compile(r"^Invalid character in identifier"), lambda m: "名称中有不能使用的字符，请检查是否混入了标点或空格"),
    (re.compile(r"^missing end of comment tag", re.IGNORECASE), lambda m: "注释 {# 没有以 #} 结束"),
    (re.compile(r"^No filter named '(?P<name>[^']+)'"), lambda m: f"没有名为“{m.group('name')}”的过滤器"),
    (re.compile(r"^No test named '(?P<name>[^']+)'"), lambda m: f"没有名为“{m.group('name')}”的判断"),
    (re.compile(r"^block '(?P<name>[^']+)' defined twice"), lambda m: f"区块“{m.group('name')}”定义了两次"),
]


def explain(message: str) -> str:
    """Jinja's syntax error ``message`` in Chinese, without Jinja's English."""
    for pattern, chinese in PATTERNS:
        match = pattern.search(message)
        if match:
            return chinese(match)
    return GENERAL


OPENERS = re.compile(r"\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(end)?(" + "|".join(BLOCKS) + r")\b")


def unclosed_line(source: str, block: str) -> int | None:
    """The line (1-based) of ``source`` where the innermost ``block`` left open was opened."""
    stack: list[tuple[str, int]] = []
    for number, line in enumerate(source.splitlines(), start=1):
        for end, name in OPENERS.findall(line):
            if not end:
                stack.append((name, number))
            elif stack and stack[-1][0] == name:
                stack.pop()
    return next((number for name, number in reversed(stack) if name == block), None)


INNERMOST = re.compile(r"^Unexpected end of template\..*innermost block that needs to be closed is '(\w+)'", re.DOTALL)
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def locate(message: str, source: str, lineno: int) -> tuple[int, str]:
    """The line (1-based) a syntax error is about and its Chinese explanation. Jinja notices
    some errors only later in the template: a block never closed at the end (it is fixed where
    it was opened) and a quote left open at the next quote, paragraphs further on."""
    quote = unclosed_quote_line(source, lineno)
    if quote is not None:
        return quote, UNBALANCED_QUOTE
    match = INNERMOST.search(message)
    found = unclosed_line(source, match.group(1)) if match else None
    return found or lineno, explain(message)


def unclosed_quote_line(source: str, last: int) -> int | None:
    """The first of lines 1..``last`` of ``source`` with a tag whose quotes do not pair up."""
    for number, line in enumerate(source.splitlines()[:last], start=1):
        if any(_quote_left_open(tag.group(0)) for tag in TAG.finditer(line)):
            return number
    return None


def _quote_left_open(tag: str) -> bool:
    quote = None
    for char in tag:
        if quote is None and char in "'\"":
            quote = char
        elif char == quote:
            quote = None
    return quote is not None
