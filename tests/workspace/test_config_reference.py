"""Every key of 配置.toml is explained by name in the README (“全部配置项”) and shown in the
starter configuration ``reporter init`` writes, in its table: the declaration (``config``),
the documentation and the starter file are kept in step, as Datasette keeps its settings."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from reporter.workspace.config import ConfigFile
from reporter.workspace.reading import campaign_from
from reporter.workspace.schema import Sub, Table, TableList
from reporter.workspace.skeleton import config_text
from tests.conftest import ROOT

HEADER = re.compile(r"^#?\s*\[\[?([\w.]+)\]\]?")
KEY = re.compile(r"^#?\s*([a-z_]+)\s*=")


def declared(table: type[Table] = ConfigFile, path: str = "") -> dict[str, set[str]]:
    """The keys of every table of the configuration, by the table's TOML name (inspection.categories)."""
    found: dict[str, set[str]] = {}
    for key, field in table.fields.items():
        if isinstance(field, (Sub, TableList)):
            found.update(declared(field.table, f"{path}.{key}" if path else key))
        else:
            found.setdefault(path, set()).add(key)
    return found


def documented() -> dict[str, set[str]]:
    """The keys of the README's table of every key, by the table they are listed under."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### 全部配置项"):]
    section = section[:section.index("\n#", 1)]
    found: dict[str, set[str]] = {}
    table = ""
    for line in section.splitlines():
        if match := re.match(r"\| \*\*\[\[?([\w.]+)\]\]?\*\* \|", line):
            table = match.group(1)
            found[table] = set()
        elif match := re.match(r"\| `(\w+)` \|", line):
            found[table].add(match.group(1))
    return found


def shown_in_starter() -> dict[str, set[str]]:
    """The keys the starter configuration shows, written or in comments, by their table."""
    found: dict[str, set[str]] = {}
    table = ""
    for line in config_text(dt.date(2026, 11, 27)).splitlines():
        if match := HEADER.match(line):
            table = match.group(1)
            found.setdefault(table, set())
        elif match := KEY.match(line):
            found[table].add(match.group(1))
    return found


def test_every_key_is_explained_by_name_in_the_readme():
    assert documented() == declared()


def test_the_starter_configuration_shows_every_key_in_its_table():
    assert shown_in_starter() == declared()


def test_the_starter_configuration_is_valid_as_written():
    campaign = campaign_from(tomllib.loads(config_text(dt.date(2026, 11, 27))), "inputs/配置.toml")
    assert campaign.period.key == "2026-11" and campaign.inspection is None
