"""The configuration as tests handle it: a workspace's 配置.toml edited in place and read for
the problems a user sees, and the keys the configuration's schema declares, table by table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reporter.errors import InputError
from reporter.workspace import CONFIG_NAME, read_campaign
from reporter.workspace.config import ConfigFile
from reporter.workspace.schema import Field, Sub, Table, TableList

PREFIX = f"inputs/{CONFIG_NAME}: "

# Defaults that only stand in for a value the key must be given (reading reports it missing).
STAND_INS = {("campaign", "period"), ("inspection.categories", "deduction")}


def config_path(ws: Path) -> Path:
    return ws / "inputs" / CONFIG_NAME


def replace_in_config(ws: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``ws``'s configuration, which must contain it."""
    text = config_path(ws).read_text(encoding="utf-8")
    assert old in text
    config_path(ws).write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(ws: Path) -> list[str]:
    """The lines the user sees for a configuration that does not load."""
    with pytest.raises(InputError) as caught:
        read_campaign(config_path(ws), f"inputs/{CONFIG_NAME}")
    return caught.value.lines()


def declared_fields(table: type[Table] = ConfigFile, path: str = "") -> Iterator[tuple[str, str, Field[Any]]]:
    """Every key the schema declares: (its table's TOML name, the key, its field), walking into
    nested tables ([inspection]) and arrays of tables ([[inspection.categories]])."""
    for key, field in table.fields.items():
        if isinstance(field, (Sub, TableList)):
            yield from declared_fields(field.table, f"{path}.{key}" if path else key)
        else:
            yield path, key, field


def declared(table: type[Table] = ConfigFile) -> dict[str, set[str]]:
    """The keys of every table of the configuration, by the table's TOML name (inspection.categories)."""
    found: dict[str, set[str]] = {}
    for path, key, _ in declared_fields(table):
        found.setdefault(path, set()).add(key)
    return found


def meaningful(path: str, key: str, field: Field[Any]) -> bool:
    """Whether ``field`` has a default worth stating: something other than nothing."""
    return (path, key) not in STAND_INS and field.default not in (None, "", ()) \
        and not isinstance(field, (Sub, TableList))
