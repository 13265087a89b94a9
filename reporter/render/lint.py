"""Checking a .docx template before anyone renders with it.

Finds every syntax error of its tags (not just Jinja's first), variables and indicators the
workspace does not provide (with the nearest names as suggestions), unknown filters and
unknown report sections; each is reported with the paragraph or table cell it is in. Tags are
read as the renderer reads them (``tags.normalize_tags``): split across runs by Word or WPS, or
typed in Chinese punctuation mode, they are not errors; ``tag_notices`` tells the author how
such tags were read.
"""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.meta import find_undeclared_variables
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from reporter.errors import Problem
from reporter.render.environment import Filters, make_environment
from reporter.render.paragraphs import (
    TemplateParagraph,
    as_jinja,
    template_paragraphs,
    template_text,
)
from reporter.render.sanitize import template_problems
from reporter.render.syntax_check import neutral_source, syntax_problems
from reporter.vocabulary import Vocabulary

__all__ = ["TemplateParagraph", "Vocabulary", "lint_template", "tag_notices", "template_paragraphs"]

NOT_A_DOCX = "不是有效的 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx"
UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError)


def lint_template(path: Path, display: str, vocabulary: Vocabulary,
                  filters: Filters | None = None) -> list[Problem]:
    """Every problem found in the template at ``path``, in paragraph order; empty when it is
    clean. ``filters`` are the document type's own filters, as given to its ``Renderer``. A
    template with unsafe content (see ``sanitize``) is reported for that alone and not opened
    further."""
    unsafe = template_problems(path, display)
    if unsafe:
        return unsafe
    try:
        paragraphs = template_paragraphs(path)
    except UNREADABLE:
        return [Problem(display, NOT_A_DOCX)]
    source = "\n".join(as_jinja(p.text) for p in paragraphs)
    env = make_environment(filters)
    located = [(p.line, f"模板语法错误：{p.message}") for p in syntax_problems(env, source)]
    try:
        # With syntax errors, the names are checked in the template with the faulty tags stood in for.
        tree = env.parse(neutral_source(env, source) if located else source)
    except TemplateSyntaxError:
        tree = None
    if tree is not None:
        located += [(line, message) for line, message in _tree_problems(tree, vocabulary, env)
                    if "_stand_in" not in message]
    return [Problem(display, message, where=paragraphs[min(max(line, 1), len(paragraphs)) - 1].label)
            for line, message in sorted(located, key=lambda item: item[0])]


def tag_notices(path: Path, display: str) -> list[Problem]:
    """What the author of the template at ``path`` should know about how its tags were read:
    each tag typed with Chinese punctuation or full-width characters, as read; and, once, the
    tags whose visible formatting differs inside them. Never errors: the template works."""
    try:
        readings = template_text(path).readings
    except UNREADABLE:
        return []
    notices = [Problem(display, f"标签 {r.written} 按 {r.read} 读取（标签中的中文标点和全角字符按英文标点读）", where=label)
               for label, r in readings if r.read != r.written]
    mixed = [label for label, r in readings if r.formatting_differs]
    if mixed:
        places = "、".join(dict.fromkeys(mixed))
        notices.append(Problem(display, f"有 {len(mixed)} 个标签内部的格式（字体、字号、加粗等）不一致（{places}），"
                                        "生成时每个标签的结果都用它第一个字的格式"))
    return notices


def _suggest(name: str, choices: frozenset[str], aliases: dict[str, str] | None) -> str:
    if aliases and name in aliases:
        return f"，是不是“{aliases[name]}”？"
    close = difflib.get_close_matches(name, sorted(choices), n=3, cutoff=0.4)
    if not close and aliases:
        close = [aliases[a] for a in difflib.get_close_matches(name, sorted(aliases), n=3, cutoff=0.4)]
    return f"，是不是“{'”或“'.join(close)}”？" if close else ""


def _tree_problems(tree: nodes.Template, vocab: Vocabulary, env: SandboxedEnvironment) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    filters = dict(env.filters)
    for node in tree.find_all(nodes.Filter):
        if node.name not in filters:
            found.append((node.lineno, f"未知的过滤器 {node.name}" + _suggest(node.name, frozenset(filters), None)))
            env.filters[node.name] = str  # a stand-in, so the variable analysis below can run
    for other in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        found.append((other.lineno, ("模板中不能用 include、import 或 extends 引用其他模板：每份模板只能是一个 Word 文件，"
                                    "请把要引用的内容直接写进模板")))
    undeclared = find_undeclared_variables(tree)
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name in undeclared and name.name not in vocab.names:
            found.append((name.lineno, f"未定义的变量 {name.name}" + _suggest(name.name, vocab.names, None)))
    for access in tree.find_all((nodes.Getattr, nodes.Getitem)):
        target = getattr(access, "node", None)
        if not (isinstance(target, nodes.Name) and target.name in vocab.attributes):
            continue
        attr = access.attr if isinstance(access, nodes.Getattr) else getattr(getattr(access, "arg", None), "value", None)
        allowed = vocab.attributes[target.name]
        if isinstance(attr, str) and attr not in allowed:
            found.append((access.lineno, f"未定义的变量 {target.name}.{attr}" + _suggest(attr, allowed, vocab.aliases)))
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in vocab.section_functions and call.args:
            first = call.args[0]
            if isinstance(first, nodes.Const) and first.value not in vocab.sections:
                found.append((call.lineno, f"“{first.value}”不是配置中的汇报部分代码"
                              + _suggest(str(first.value), vocab.sections, None)))
    return found
