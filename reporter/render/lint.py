"""Checking a .docx template before anyone renders with it.

Finds Jinja syntax errors, variables and indicators the workspace does not provide (with the
nearest names as suggestions), unknown filters, unknown report sections, tags that Word split
across differently formatted runs, and tags typed with curly quotes; each is reported with
the paragraph or table cell it is in.
"""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.meta import find_undeclared_variables
from lxml import etree

from reporter.errors import Problem
from reporter.render import syntax_messages
from reporter.render.environment import Filters, make_environment
from reporter.render.paragraphs import (
    TAG,
    TemplateParagraph,
    as_jinja,
    template_paragraphs,
)
from reporter.render.sanitize import template_problems
from reporter.vocabulary import Vocabulary

__all__ = ["TemplateParagraph", "Vocabulary", "lint_template", "template_paragraphs"]

CURLY = "“”‘’"


def lint_template(path: Path, display: str, vocabulary: Vocabulary,
                  filters: Filters | None = None) -> list[Problem]:
    """Every problem found in the template at ``path``; empty when it is clean. ``filters``
    are the document type's own filters, as given to its ``Renderer``. A template with
    unsafe content (see ``sanitize``) is reported for that alone and not opened further."""
    unsafe = template_problems(path, display)
    if unsafe:
        return unsafe
    try:
        paragraphs = template_paragraphs(path)
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return [Problem(display, "不是有效的 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx")]
    problems = []
    for p in paragraphs:
        problems.extend(_run_problems(display, p))
    source = "\n".join(as_jinja(p.text) for p in paragraphs)
    env = make_environment(filters)
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as e:
        line, explained = syntax_messages.locate(e.message or "", source, e.lineno)
        label = paragraphs[min(max(line, 1), len(paragraphs)) - 1].label
        return problems + [Problem(display, f"模板语法错误：{explained}", where=label)]
    located = _tree_problems(tree, vocabulary, env)
    for lineno, message in sorted(located, key=lambda item: item[0]):
        problems.append(Problem(display, message, where=paragraphs[lineno - 1].label))
    return problems


def _run_problems(display: str, paragraph: TemplateParagraph) -> list[Problem]:
    problems = []
    bounds, offset = [], 0
    for run in paragraph.runs:
        offset += len(run)
        bounds.append(offset)
    for match in TAG.finditer(paragraph.text):
        tag = match.group(0)
        if any(q in tag for q in CURLY):
            problems.append(Problem(display, f"标签 {tag} 中有中文引号，请改为英文引号 \" 或 '（关闭 Word 的“自动套用格式-直引号替换为弯引号”）",
                                    where=paragraph.label))
        if any(match.start() < b < match.end() for b in bounds):
            problems.append(Problem(display, f"标签 {tag} 被 Word 拆成了几段不同格式的文字，请删掉整个标签后一次输入，或清除其格式",
                                    where=paragraph.label))
    return problems


def _suggest(name: str, choices: frozenset[str], aliases: dict[str, str] | None) -> str:
    if aliases and name in aliases:
        return f"，是不是“{aliases[name]}”？"
    close = difflib.get_close_matches(name, sorted(choices), n=3, cutoff=0.4)
    if not close and aliases:
        close = [aliases[a] for a in difflib.get_close_matches(name, sorted(aliases), n=3, cutoff=0.4)]
    return f"，是不是“{'”或“'.join(close)}”？" if close else ""


def _tree_problems(tree: nodes.Template, vocab: Vocabulary, env) -> list[tuple[int, str]]:
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
