"""Every syntax problem of a template's tags, found in one pass, in paragraph order.

Jinja stops at the first syntax error of a template. A template is checked here tag by tag
instead: each tag alone (a block opener with its end added, ``elif`` and ``else`` inside an
``if``), then the blocks' structure across paragraphs (an ``{% if %}`` never closed, an
``{% endfor %}`` with no ``{% for %}``), then, when all of that holds, the whole template as
Jinja compiles it. Each problem is given with the line (paragraph) it is on.

A tag that fails is stood in for by one that keeps the template's block structure
(``neutral_source``), so the rest of the template can still be checked for names and filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment, TemplateSyntaxError

from reporter.render import syntax_messages

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
OPENERS_LEFT = re.compile(r"\{\{|\{%")
CLOSERS_LEFT = re.compile(r"\}\}|%\}")
STATEMENT = re.compile(r"^\{%[-+]?\s*(\w*)(.*?)[-+]?%\}$", re.DOTALL)
# Blocks that need an end tag, and how an opener of each is written when it has to be stood in for.
BLOCKS = {
    "for": "{% for _ in () %}", "if": "{% if true %}", "macro": "{% macro _stand_in() %}",
    "call": "{% call _stand_in() %}", "filter": "{% filter string %}", "with": "{% with %}",
    "block": "{% block _stand_in %}", "autoescape": "{% autoescape true %}", "set": "{% set _stand_in %}",
}
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
UNCLOSED_TAG = "标签没有结束：{opener} 之后缺少 {closer}（标签要在同一段中写完）"
STRAY_CLOSER = "多了一个“{closer}”：前面没有与之配对的 {opener}"


@dataclass(frozen=True)
class SyntaxProblem:
    """A syntax problem of a template: the line (paragraph, from 1) and what is wrong, in Chinese."""

    line: int
    message: str


def syntax_problems(env: Environment, source: str) -> list[SyntaxProblem]:
    """Every syntax problem of the Jinja ``source`` (one paragraph a line), in line order."""
    found = _tag_problems(env, source)
    found += _structure_problems(source)
    if not found:
        try:
            env.parse(source)
        except TemplateSyntaxError as e:
            line, explained = syntax_messages.locate(e.message or "", source, e.lineno)
            found.append(SyntaxProblem(line, explained))
    return sorted(found, key=lambda p: p.line)


def neutral_source(env: Environment, source: str) -> str:
    """``source`` made to compile whatever its syntax problems, so that its names can still be
    checked: every tag that fails alone replaced by one of the same kind (an opener by a plain
    opener of its block, anything else by nothing), braces left over outside tags dropped,
    blocks closed where they were left open and end tags without an opener dropped."""
    open_blocks: list[str] = []
    lines = []
    for line in source.split("\n"):
        out, last = [], 0
        for match in TAG.finditer(line):
            out.append(_without_braces(line[last:match.start()]))
            tag = match.group(0)
            if _alone(env, tag) is not None:
                tag = _stand_in(tag)
            out.append(_balanced(tag, open_blocks))
            last = match.end()
        out.append(_without_braces(line[last:]))
        lines.append("".join(out))
    lines[-1] += "".join(f"{{% end{name} %}}" for name in reversed(open_blocks))
    return "\n".join(lines)


def _without_braces(text: str) -> str:
    return OPENERS_LEFT.sub("", CLOSERS_LEFT.sub("", text))


def _balanced(tag: str, open_blocks: list[str]) -> str:
    """``tag`` as it may stand given the blocks open before it (which it updates)."""
    name = _name(tag)
    if _opens(tag):
        open_blocks.append(name)
    elif name in MIDDLES:
        return tag if open_blocks and open_blocks[-1] in MIDDLES[name] else ""
    elif name.startswith("end") and name[3:] in BLOCKS:
        if name[3:] not in open_blocks:
            return ""
        closing = []
        while open_blocks[-1] != name[3:]:
            closing.append(f"{{% end{open_blocks.pop()} %}}")
        open_blocks.pop()
        return "".join(closing) + tag
    return tag


def _opens(tag: str) -> bool:
    """Whether ``tag`` opens a block that needs an end tag (``{% set x = 1 %}`` does not)."""
    name = _name(tag)
    return name in BLOCKS and not (name == "set" and "=" in tag)


def _stand_in(tag: str) -> str:
    name = _name(tag)
    if _opens(tag):
        return BLOCKS[name]
    if name in MIDDLES:
        return "{% else %}" if name == "else" else "{% elif true %}"
    if name.startswith("end") and name[3:] in BLOCKS:
        return f"{{% {name} %}}"
    return ""


def _name(tag: str) -> str:
    match = STATEMENT.match(tag)
    return match.group(1) if match else ""


def _tag_problems(env: Environment, source: str) -> list[SyntaxProblem]:
    found = []
    for number, line in enumerate(source.split("\n"), start=1):
        for match in TAG.finditer(line):
            message = _alone(env, match.group(0))
            if message is not None:
                found.append(SyntaxProblem(number, message))
        rest = TAG.sub("", line)
        for opener in OPENERS_LEFT.findall(rest):
            found.append(SyntaxProblem(number, UNCLOSED_TAG.format(opener=opener, closer="}}" if opener == "{{" else "%}")))
        for closer in CLOSERS_LEFT.findall(rest):
            found.append(SyntaxProblem(number, STRAY_CLOSER.format(closer=closer, opener="{{" if closer == "}}" else "{%")))
    return found


def _alone(env: Environment, tag: str) -> str | None:
    """What is wrong with ``tag`` taken by itself, or None when it is well written."""
    if tag.startswith("{#"):
        return None
    probe = tag
    statement = STATEMENT.match(tag)
    if statement:
        name, rest = statement.group(1), statement.group(2)
        if name in ("raw", "endraw"):
            return None
        if _opens(tag):
            probe = f"{tag}{{% end{name} %}}"
        elif name in MIDDLES:
            probe = f"{{% {MIDDLES[name][0]} true %}}{tag}{{% end{MIDDLES[name][0]} %}}"
        elif name.startswith("end") and name[3:] in BLOCKS:
            return None if not rest.strip() or name == "endblock" else (
                f"{{% {name} %}} 之后不应再写别的内容，请删去“{rest.strip()}”")
    try:
        env.parse(probe)
    except TemplateSyntaxError as e:
        return syntax_messages.locate(e.message or "", probe, e.lineno or 1)[1]
    return None


def _structure_problems(source: str) -> list[SyntaxProblem]:
    """Blocks opened and closed out of order across paragraphs; a tag found wrong alone counts
    by its kind (``{% if a ＝ %}`` still opens an ``if``)."""
    found: list[SyntaxProblem] = []
    open_blocks: list[tuple[str, int]] = []
    for number, line in enumerate(source.split("\n"), start=1):
        for match in TAG.finditer(line):
            name = _name(match.group(0))
            if name == "set" and not _opens(match.group(0)):
                continue
            if name in BLOCKS:
                open_blocks.append((name, number))
            elif name in MIDDLES:
                if not open_blocks or open_blocks[-1][0] not in MIDDLES[name]:
                    found.append(SyntaxProblem(number, syntax_messages.explain(f"Encountered unknown tag '{name}'.")))
            elif name.startswith("end") and name[3:] in BLOCKS:
                found.extend(_closed(open_blocks, name[3:], number))
    for name, number in open_blocks:
        found.append(SyntaxProblem(number, f"{{% {name} %}} 没有闭合，请在它应当结束的地方加上 {{% end{name} %}}"))
    return found


def _closed(open_blocks: list[tuple[str, int]], name: str, number: int) -> list[SyntaxProblem]:
    """Close the innermost open block called ``name``; the problems of doing so on ``number``."""
    if not any(block == name for block, _ in open_blocks):
        return [SyntaxProblem(number, f"多余的 {{% end{name} %}}：前面没有与之配对的 {{% {name} %}}")]
    found = []
    while open_blocks[-1][0] != name:
        inner, opened = open_blocks.pop()
        found.append(SyntaxProblem(opened, f"{{% {inner} %}} 没有闭合（其后先遇到了 {{% end{name} %}}），"
                                           f"请在它应当结束的地方加上 {{% end{inner} %}}"))
    open_blocks.pop()
    return found
