"""Hostile templates generated at random: Jinja within the sandbox's grammar reaching for
internals, huge values, recursion and other templates, and external relationships of every
kind pointing at a local web server. Each is linted and rendered in a worker within tight
limits: it renders, or it is refused with an ``InputError`` (a Chinese message naming the
template); never another error, never a request to the server, and a rendered document
keeps no outside reference but a web or mail link."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.errors import InputError
from reporter.model import Source
from reporter.render.bounded import Limits, bounded, run_bounded
from reporter.render.lint import lint_template
from reporter.render.renderer import DocumentInfo, Renderer
from reporter.vocabulary import Vocabulary
from tests.conftest import examples
from tests.render.hostile_docx import (
    alt_chunk,
    attached_template,
    complex_field,
    hostile_template,
    hyperlink,
    linked_image,
    recording_server,
    simple_field,
)

INFO = DocumentInfo("标题", "办公室", dt.datetime(2018, 11, 26))
CONTEXT = {"活动": {"标题": "创建工作", "单位": ["东城街道", "西城街道"]}, "数": 12}
LIMITS = Limits(memory_mb=256, seconds=20)
CHINESE = re.compile(r"[\u4e00-\u9fff]")

ATTRIBUTES = ["__class__", "__init__", "__globals__", "mro", "__subclasses__", "_x", "items", "keys",
              "format", "format_map", "upper", "join", "标题", "单位", "gi_frame", "func_globals"]
NAMES = ["活动", "数", "self", "loop", "range", "cycler", "lipsum", "namespace", "config", "request"]
LITERALS = ["1", "0", "-1", "10", "99999", "9", "2.5", "'a'", "'{}'", "'{0.__class__}'", "'%s'", "'ab'",
            "[1, 2]", "[活动]", "()", "{}", "none", "true"]
FILTERS = ["确数", "连写", "list", "length", "first", "map(attribute='__class__')", "attr('__globals__')",
           "join", "string", "center(10)", "safe", "e", "format", "sum", "sort", "unique", "reverse"]
OPERATORS = ["*", "**", "+", "-", "~", "%", "//", "/", "and", "or", "==", "in"]


def expressions() -> st.SearchStrategy[str]:
    atoms = st.sampled_from(NAMES + LITERALS)

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(ATTRIBUTES)).map(lambda t: f"{t[0]}.{t[1]}"),
            st.tuples(inner, st.sampled_from(ATTRIBUTES)).map(lambda t: f"{t[0]}['{t[1]}']"),
            st.tuples(inner, st.sampled_from(FILTERS)).map(lambda t: f"({t[0]} | {t[1]})"),
            st.tuples(inner, st.sampled_from(OPERATORS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, st.lists(inner, max_size=2)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        )
    return st.recursive(atoms, grow, max_leaves=6)


def statements() -> st.SearchStrategy[str]:
    e = expressions()
    return st.one_of(
        e.map(lambda x: f"{{{{ {x} }}}}"),
        e.map(lambda x: f"{{% for i in {x} %}}{{{{ i }}}}{{% endfor %}}"),
        st.tuples(e, e).map(lambda t: f"{{% for i in {t[0]} %}}{{% for j in {t[1]} %}}{{{{ i ~ j }}}}{{% endfor %}}{{% endfor %}}"),
        e.map(lambda x: f"{{% set y = {x} %}}{{{{ y }}}}"),
        e.map(lambda x: f"{{% macro m(n) %}}{{{{ m({x}) }}}}{{% endmacro %}}{{{{ m(1) }}}}"),
        e.map(lambda x: f"{{% include {x} %}}"),
        st.just("{{ self }}"),
    )


def externals(base: str) -> st.SearchStrategy:
    url = st.sampled_from([f"{base}/a.png", f"{base.replace('http', 'https')}/b", "file:///etc/hostname",
                           "javascript:alert(1)", "mailto:a@b.cn", "\\\\127.0.0.1\\share\\c.png",
                           f"ftp://{base[7:]}/d"])
    return st.lists(st.one_of(
        url.map(linked_image), url.map(hyperlink), url.map(attached_template), url.map(alt_chunk),
        url.map(lambda u: simple_field(f'INCLUDEPICTURE "{u}" \\d')),
        url.map(lambda u: complex_field(" INCLUDETEXT ", f'"{u}"')),
        url.map(lambda u: simple_field(f'LINK Word.Document.12 "{u}" ""')),
    ), max_size=2)


def _outside_references(document: bytes) -> list[str]:
    """Every external relationship in a rendered document that is not a web or mail link."""
    found = []
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                for rel in re.findall(r"<Relationship [^>]*>", archive.read(name).decode()):
                    if 'TargetMode="External"' in rel and not re.search(r'Target="(https?|mailto):', rel):
                        found.append(rel)
    return found


def _refused_in_chinese(error: InputError) -> bool:
    return bool(error.problems) and all(p.path == "t.docx" and CHINESE.search(p.message) for p in error.problems)


@pytest.fixture(scope="module")
def server():
    with recording_server() as recorded:
        yield recorded


@given(data=st.data())
@settings(max_examples=examples(200), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_hostile_templates_render_or_are_refused(server, data):
    base, requests = server
    paragraphs = data.draw(st.lists(statements(), min_size=1, max_size=3))
    edits = data.draw(externals(base))
    with tempfile.TemporaryDirectory() as folder:
        path = hostile_template(Path(folder) / "t.docx", *edits, paragraphs=paragraphs)
        vocabulary = Vocabulary.of(CONTEXT)
        try:
            problems = run_bounded("t.docx", LIMITS, lambda: lint_template(path, "t.docx", vocabulary))
        except InputError as e:
            problems = e.problems
        assert all(p.path == "t.docx" and CHINESE.search(p.message) for p in problems)
        try:
            document = next(iter(bounded("t.docx", LIMITS,
                                         lambda: [Renderer(Source(path, "t.docx")).render(CONTEXT, INFO)])))
        except InputError as e:
            assert _refused_in_chinese(e), e.lines()
        else:
            assert _outside_references(document) == []
    assert requests == []
