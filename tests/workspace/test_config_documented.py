"""Every key the configuration's schema declares, in every table, is explained by name in the
README's “全部配置项” (under its own table), and every default a row states is the one its field
declares: a key added to the schema without documentation, or a default changed in one place
only, fails here."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from reporter.workspace.schema import Choice, Field
from tests.conftest import ROOT
from tests.workspace.configs import declared, declared_fields, meaningful


def readme_rows() -> dict[str, dict[str, str]]:
    """The rows of the README's table of every key: each key's row text, by the table it is listed under."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### 全部配置项"):]
    section = section[:section.index("\n#", 1)]
    found: dict[str, dict[str, str]] = {}
    table = ""
    for line in section.splitlines():
        if match := re.match(r"\| \*\*\[\[?([\w.]+)\]\]?\*\* \|", line):
            table = match.group(1)
            found[table] = {}
        elif match := re.match(r"\| `(\w+)` \|", line):
            found[table][match.group(1)] = line
    return found


def shown_default(field: Field[Any]) -> list[str]:
    """How the README writes ``field``'s default: each of the texts it must contain."""
    value = field.default
    if isinstance(field, Choice):
        value = next(name for name, meant in field.names.items() if meant == value)
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Decimal):
        return [format(value, "f")]
    return [str(value)]


def test_the_walk_reaches_every_table_and_key():
    keys = list(declared_fields())
    tables = {path for path, _, _ in keys}
    assert len(keys) > 50
    assert {"campaign", "units", "indicators", "inspection", "inspection.categories", "limits", "intake"} <= tables


@pytest.mark.parametrize(("path", "key"), [(path, key) for path, key, _ in declared_fields()])
def test_every_declared_key_is_explained_by_name_under_its_table(path: str, key: str):
    rows = readme_rows()
    assert path in rows, f"README 的“全部配置项”缺少 [{path}] 表"
    assert key in rows[path], f"README 的“全部配置项”中 [{path}] 缺少 {key} 的说明"


def test_the_readme_explains_no_key_the_schema_does_not_declare():
    documented = {table: set(rows) for table, rows in readme_rows().items()}
    assert documented == declared()


@pytest.mark.parametrize(("path", "key", "field"),
                         [entry for entry in declared_fields() if meaningful(*entry)],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_every_stated_default_is_the_declared_one(path: str, key: str, field: Field[Any]):
    row = readme_rows()[path][key]
    assert "默认" in row, f"[{path}] {key} 的说明没有写明默认值"
    stated = row[row.index("默认"):]
    texts = shown_default(field)
    assert texts, f"[{path}] {key}: no text to look for"
    for text in texts:
        assert text in stated, f"[{path}] {key}：README 写的默认值与声明的 {text} 不一致"


def test_defaults_worth_stating_were_checked():
    assert len([entry for entry in declared_fields() if meaningful(*entry)]) > 20
