"""Every key of 配置.toml is shown in the starter configuration ``reporter init`` writes, in its
table (the README's explanation of each is checked in ``test_config_documented``): the
declaration (``config``), the documentation and the starter file are kept in step, as Datasette
keeps its settings."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from reporter.workspace.reading import campaign_from
from reporter.workspace.schema import Report
from reporter.workspace.skeleton import config_text
from tests.workspace.configs import declared, declared_fields, meaningful

HEADER = re.compile(r"^#?\s*\[\[?([\w.]+)\]\]?")
KEY = re.compile(r"^#?\s*([a-z_]+)\s*=")


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


def test_the_starter_configuration_shows_every_key_in_its_table():
    assert shown_in_starter() == declared()


def test_the_starter_configuration_is_valid_as_written():
    campaign = campaign_from(tomllib.loads(config_text(dt.date(2026, 11, 27))), "inputs/配置.toml")
    assert campaign.period.key == "2026-11" and campaign.inspection is None


# Commented keys whose starter value is an example of writing one's own, not the default.
EXAMPLES = {("campaign", "sample"), ("campaign", "unit_types"), ("layout", "terms")}


def commented_values() -> list[tuple[str, str, object]]:
    """The optional keys the starter shows in comments (“# 键 = 值”), with the value each shows
    first (later ones belong to examples of whole entries, such as a ratio indicator)."""
    found: dict[tuple[str, str], object] = {}
    table = ""
    for line in config_text(dt.date(2026, 11, 27)).splitlines():
        if match := HEADER.match(line):
            table = match.group(1)
        elif line.startswith("# ") and KEY.match(line):
            (key, value), = tomllib.loads(line[2:]).items()
            found.setdefault((table, key), value)
    return [(table, key, value) for (table, key), value in found.items()]


def test_the_starter_shows_each_default_as_declared():
    fields = {(path, key): field for path, key, field in declared_fields()}
    checked = 0
    for table, key, value in commented_values():
        field = fields[(table, key)]
        if (table, key) in EXAMPLES or not meaningful(table, key, field):
            continue
        report = Report("配置.toml")
        assert field.value(value, key, report) == field.default, f"[{table}] {key}"
        assert report.problems == []
        checked += 1
    assert checked > 15
