"""Rendering .docx templates safely and reproducibly with docxtpl.

Templates run in a Jinja ``SandboxedEnvironment`` with ``StrictUndefined`` and autoescaping,
so a template cannot reach Python internals, a missing variable is an error instead of
empty text, and ``& < >`` in users' text reach the document intact. The Chinese formatting
filters of ``cnfmt`` are available under Chinese names (确数, 约数 …) and English ones.
Output bytes depend only on the template and the context: fixed zip timestamps and
document dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import traceback
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from reporter import cnfmt
from reporter.errors import InputError, Problem
from reporter.figures.traced import FigureView, missing_text
from reporter.model import CellMerge, ImageRef
from reporter.zipfiles import normalized_zip


def _figure_filter(fmt: Callable[..., str], takes_measure: bool) -> Callable[..., str]:
    """A filter that formats numbers, and records figures it formats."""

    def apply(value, *args, **kwargs):
        if isinstance(value, FigureView):
            if value.value is None:
                return value.shown(missing_text(value.figure))
            extra = (value.measure,) if takes_measure else ()
            return value.shown(fmt(value.value, *extra, *args, **kwargs))
        return fmt(value, *args, **kwargs)

    return apply


def _versus_target(value, target=None):
    if isinstance(value, FigureView):
        if value.value is None:
            return value.shown(missing_text(value.figure))
        goal = value.figure.indicator.target if target is None else target
        if goal is None:
            raise ValueError(f"指标“{value.figure.indicator.name}”没有配置 target（指标任务），无法对照")
        return value.shown(cnfmt.versus_target(value.value, goal, value.measure))
    return cnfmt.versus_target(value, target)


# (Chinese name, English name, function)
FILTERS: tuple[tuple[str, str, Callable[..., str]], ...] = (
    ("确数", "exact", _figure_filter(cnfmt.exact, True)),
    ("约数", "approx", _figure_filter(cnfmt.approx, True)),
    ("约", "about", _figure_filter(cnfmt.about, True)),
    ("万", "wan", _figure_filter(cnfmt.wan, True)),
    ("亿", "yi", _figure_filter(cnfmt.yi, True)),
    ("中文整数", "cn_round", _figure_filter(cnfmt.cn_round, True)),
    ("百分比", "percent", _figure_filter(cnfmt.percent, False)),
    ("分", "points", _figure_filter(cnfmt.points, False)),
    ("对照目标", "versus_target", _versus_target),
    ("中文数字", "cn_number", cnfmt.cn_number),
    ("序数", "ordinal", cnfmt.ordinal),
    ("标题序号", "heading", cnfmt.heading),
    ("日期", "cn_date", cnfmt.cn_date),
    ("文号", "doc_number", cnfmt.doc_number),
    ("连写", "join_items", cnfmt.join_items),
)


def filter_table() -> dict[str, Callable[..., str]]:
    """Every filter templates may use, by its Chinese and its English name."""
    table = {}
    for chinese, english, function in FILTERS:
        table[chinese] = table[english] = function
    return table


XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value):
    """Every value a template prints, with characters XML cannot hold removed; braces are
    written as character references so docxtpl's own tag clean-up ({_{ …) never touches
    users' text."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        text = str(escape(XML_INVALID.sub("", value)))
        return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))
    return value


def make_environment() -> SandboxedEnvironment:
    """The Jinja environment every template runs in."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=xml_safe)
    # No globals (range, cycler, joiner, lipsum …): templates see only what the context gives.
    env.globals.clear()
    env.filters.update(filter_table())
    return env


@dataclass(frozen=True)
class DocumentInfo:
    """Document properties written into every output: fixed, so output is reproducible."""

    title: str
    author: str
    stamp: dt.datetime


def render_docx(template: Path, display: str, context: dict, info: DocumentInfo,
                merges: list[CellMerge] | tuple[CellMerge, ...] = ()) -> bytes:
    """The template rendered with ``context`` as reproducible .docx bytes; ``merges`` are
    table cells to merge afterwards (computed by the caller, not by template tags).

    Jinja errors become an ``InputError`` naming the template and the text near the fault.
    """
    with template_errors(display):
        doc = DocxTemplate(template)
        doc.render(_with_images(doc, context), jinja_env=make_environment(), autoescape=True)
    for merge in merges:
        table = doc.docx.tables[merge.table]
        table.cell(merge.first, merge.column).merge(table.cell(merge.last, merge.column))
    props = doc.docx.core_properties
    props.title, props.author, props.last_modified_by = info.title, info.author, info.author
    props.created = props.modified = props.last_printed = info.stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


@contextmanager
def template_errors(display: str) -> Iterator[None]:
    """Turns what can go wrong while a template renders into an ``InputError`` about it."""
    try:
        yield
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as e:
        raise InputError([Problem(display, "不是有效的 Word 模板（.docx），请用 Word 或 WPS 另存为 .docx")]) from e
    except SecurityError as e:
        raise InputError([Problem(display, "模板试图访问不允许的内容（以下划线开头的属性或内部对象），已拒绝渲染")]) from e
    except jinja2.TemplateError as e:
        raise InputError([Problem(display, _explain(e), where=_near(e))]) from e
    except (ValueError, TypeError, ArithmeticError) as e:
        raise InputError([Problem(display, f"模板中的数字格式无法套用：{e}", where=_near(e))]) from e


def _with_images(doc: DocxTemplate, value):
    """The context with every ``ImageRef`` turned into a picture docxtpl can place."""
    if isinstance(value, ImageRef):
        source = value.path if value.path else io.BytesIO(value.data)
        return InlineImage(doc, source, width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {key: _with_images(doc, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_images(doc, item) for item in value]
    return value


def _explain(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"未定义的变量或属性：{_undefined_name(error.message or '')}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"模板语法错误：{error.message}"
    return f"模板错误：{error}"


def _undefined_name(message: str) -> str:
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
    return next((g for g in match.groups() if g), message) if match else message


def _near(error: Exception) -> str | None:
    """Where in the template an error happened: the text of the paragraph it was in."""
    lines = getattr(error, "docx_context", None)
    snippet = ""
    if lines:
        snippet = " ".join(line.strip() for line in lines if line.strip())
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
        if frames and frames[-1].line:
            snippet = re.sub(r"<[^>]+>", "", frames[-1].line)
    snippet = re.sub(r"\s+", " ", snippet).strip()
    return f"“{snippet[:40]}”附近" if snippet else None
