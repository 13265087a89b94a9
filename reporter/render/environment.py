"""The Jinja environment templates run in, and how their faults are told to users.

Templates run in a ``SandboxedEnvironment`` with ``StrictUndefined`` and autoescaping, so a
template cannot reach Python internals, a missing variable is an error instead of empty
text, and ``& < >`` in users' text reach the document intact. The formatting filters of
``cnfmt`` are available under Chinese names (确数, 约数 …) and English ones; a document
type may add or replace filters (the report's figure-tracing ones).

``template_errors`` turns what is the template's fault into an ``InputError`` naming the
template and the paragraph; anything else (a bug in reporter) passes through untouched.
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup, escape

from reporter import cnfmt
from reporter.errors import InputError, Problem
from reporter.render import syntax_messages
from reporter.render.paragraphs import DOCUMENT, paragraph_at
from reporter.render.sandbox import DocumentSandbox, TemplateRefused, check_printable

Filters = Mapping[str, Callable[..., Any]]

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# Frames of a template's compiled code, and modules that run it (not code it calls).
TEMPLATE_FRAME = "<template>"
JINJA_MACHINERY = ("jinja2", "markupsafe", "reporter.render.sandbox")


def filter_table(extra: Filters | None = None) -> dict[str, Callable[..., Any]]:
    """Every filter templates may use, by its Chinese and its English name; ``extra``
    adds filters or replaces those of the same name."""
    table: dict[str, Callable[..., Any]] = {}
    for chinese, english, function in cnfmt.TEMPLATE_FILTERS:
        table[chinese] = table[english] = cnfmt.template_filter(chinese, function)
    table.update(extra or {})
    return table


def xml_safe(value: Any) -> Any:
    """Every value a template prints, with characters XML cannot hold removed; braces are
    written as character references so docxtpl's own tag clean-up ({_{ …) never touches
    users' text. Anything that is not a value (a method, a macro, ``self``) is refused."""
    check_printable(value)
    if isinstance(value, str) and not hasattr(value, "__html__"):
        text = str(escape(XML_INVALID.sub("", value)))
        return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))
    return value


def make_environment(filters: Filters | None = None) -> SandboxedEnvironment:
    """The Jinja environment every template runs in, with ``filters`` added to cnfmt's."""
    env = DocumentSandbox(undefined=jinja2.StrictUndefined, autoescape=True, finalize=xml_safe)
    # No globals (range, cycler, joiner, lipsum …): templates see only what the context gives.
    env.globals.clear()
    env.filters.update(filter_table(filters))
    return env


def not_a_docx(display: str) -> InputError:
    """The error for a template that is not a Word document."""
    return InputError([Problem(display, "不是有效的 Word 模板（.docx），请用 Word 或 WPS 另存为 .docx")])


@contextmanager
def template_errors(display: str, source: str | bytes = "", path: Path | None = None,
                    part: str = DOCUMENT) -> Iterator[None]:
    """Turns the template's faults while it compiles or renders into an ``InputError``
    naming the paragraph; ``source`` is the Jinja text of the template's ``part`` being
    compiled or rendered (one paragraph a line), ``path`` the template, to label the
    paragraph as its author sees it (第3段, 表格1第2行第2列).

    The template's faults: Jinja's errors (syntax, undefined names, the sandbox), values
    the formatting filters refuse (``FormatError``), arithmetic or calls written in the
    template that fail (``{{ a / 0 }}``), and tags that leave the document's XML broken.
    Errors raised inside reporter's own code are bugs and pass through unchanged.
    """
    try:
        yield
    except TemplateRefused as e:
        fault: BaseException = e
        message = str(e)
    except RecursionError as e:
        fault, message = e, "模板中的宏或循环嵌套过深（是否有宏调用了它自己？），已停止渲染，请检查模板"
    except SecurityError as e:
        fault = e
        message = "模板试图访问不允许的内容（以下划线开头的属性或内部对象），已拒绝渲染"
    except jinja2.TemplateError as e:
        fault, message = e, _explain(e)
    except cnfmt.FormatError as e:
        fault, message = e, f"模板中的值无法套用：{e}"
    except (ArithmeticError, TypeError, ValueError, LookupError) as e:
        if not raised_by_template(e):
            raise
        fault, message = e, f"模板中的计算无法进行：{_arithmetic(e)}"
    except etree.XMLSyntaxError as e:
        raise InputError([Problem(display, "模板的标签打乱了文档结构（如 {% if %} 与 {% endif %} 不在同一层段落或表格中），"
                                  "请检查成对的标签", where=_near_in_output(e, source))]) from e
    else:
        return
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    raise InputError([Problem(display, message, where=_near(fault, text, path, part))]) from fault


def _arithmetic(error: BaseException) -> str:
    """What went wrong in a calculation written in a template, in Chinese (Python's own
    message is English)."""
    if isinstance(error, ZeroDivisionError):
        return "除数为零，请检查除法的分母"
    if isinstance(error, OverflowError):
        return "结果过大，无法计算"
    if isinstance(error, KeyError):
        return f"找不到 {error}"
    if isinstance(error, IndexError):
        return "序号超出了列表的范围"
    if isinstance(error, TypeError):
        return "这两个值不能这样运算或调用（如文字与数字相加、参数个数不对），请检查写法"
    return "值的写法不能这样使用，请检查写法"


def raised_by_template(error: BaseException) -> bool:
    """Whether ``error`` came from an operation written in the template (``1/0``, ``a + 1``
    on a text, a function called with the wrong arguments) rather than from inside a filter
    or function the template called: those are reporter's code, and their errors its bugs
    unless they refuse a value on purpose (``FormatError``)."""
    owner = None
    for frame, _line in traceback.walk_tb(error.__traceback__):
        module = str(frame.f_globals.get("__name__", ""))
        if frame.f_code.co_filename == TEMPLATE_FRAME:
            owner = "template"
        elif owner is not None and not module.startswith(JINJA_MACHINERY):
            owner = "called code"
    return owner == "template"


def _explain(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.UndefinedError):
        element = re.search(r"has no element (.+)$", error.message or "")
        if element:
            return (f"列表中没有下标为 {element.group(1)} 的一项（下标从 0 开始数：第一项是 [0]）；"
                    "可用 |length 看列表有几项，或用 {% for %} 逐项列出")
        return f"未定义的变量或属性：{_undefined_name(error.message or '')}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"模板语法错误：{syntax_messages.explain(error.message or '')}"
    return f"模板错误：{error}"


def _undefined_name(message: str) -> str:
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
    return next((g for g in match.groups() if g), message) if match else message


def _near(error: BaseException, source: str, path: Path | None, part: str) -> str | None:
    """Where in the template an error happened: the paragraph (its label and text) of the
    line of the Jinja source it happened on, or the text near it when the paragraph cannot
    be told for certain."""
    lineno = getattr(error, "lineno", None)
    if not isinstance(lineno, int):
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == TEMPLATE_FRAME]
        lineno = frames[-1].lineno if frames else None
    lines = source.splitlines()
    if lineno is None or not 0 < lineno <= len(lines):
        return None
    paragraph = paragraph_at(path, part, source, lineno) if path else None
    if paragraph is not None:
        return f"{paragraph.label}“{paragraph.text.strip()[:40]}”"
    for line in lines[lineno - 1:lineno + 2]:  # a paragraph of tags only shows nothing: the next one
        if _text_of(line):
            return f"“{_text_of(line)[:40]}”附近"
    return None


def _near_in_output(error: etree.XMLSyntaxError, output: str | bytes) -> str | None:
    """The paragraph of the rendered XML ``output`` in which it stopped being well formed."""
    line, column = error.position  # the column counts UTF-8 bytes
    encoded = output.encode("utf-8") if isinstance(output, str) else output
    lines = encoded.splitlines()
    if not 0 < line <= len(lines):
        return None
    before = re.sub(r"<[^>]*$", "", lines[line - 1][:column].decode("utf-8", "ignore"))  # up to the last whole tag
    starts = [m.start() for m in re.finditer(r"<w:p[ >]", before)]
    text = _text_of(before[starts[-1]:] if starts else before)
    return f"“{text[-40:]}”附近" if text else None


def _text_of(xml: str) -> str:
    """The text of a piece of WordprocessingML, for messages: tags dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", xml))).strip()
