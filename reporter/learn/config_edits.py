"""The secretary's choices from 指标核对.xlsx written into a learnt 配置.toml: each indicator's
name, its office value, or the units that report it instead. Edits are made line by line in the
indicator's own entry, so that every comment and every hand-made change elsewhere stays."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

ENTRY_HEADER = re.compile(r"^\s*\[")
KEY_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*=")


class Choice(Protocol):
    """One row of the review sheet as read back."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def report_by(self) -> tuple[str, ...]: ...


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def applied_config(text: str, choices: Sequence[Choice]) -> tuple[str, list[str]]:
    """``text`` with ``choices`` applied, and the codes of choices no indicator entry has."""
    lines = text.splitlines()
    entries = _indicator_entries(lines)
    unknown = [c.code for c in choices if c.code not in entries]
    # From the last entry up, so that inserted and removed lines do not move the ones to come.
    for choice in sorted((c for c in choices if c.code in entries), key=lambda c: entries[c.code][0], reverse=True):
        start, end = entries[choice.code]
        lines[start:end] = _edited(lines[start:end], choice)
    return "\n".join(lines) + "\n", unknown


def _indicator_entries(lines: list[str]) -> dict[str, tuple[int, int]]:
    """For each indicator code, the lines of its [[indicators]] entry (start, end)."""
    entries: dict[str, tuple[int, int]] = {}
    headers = [i for i, line in enumerate(lines) if ENTRY_HEADER.match(line)] + [len(lines)]
    for start, end in zip(headers, headers[1:]):
        if lines[start].strip() != "[[indicators]]":
            continue
        for line in lines[start:end]:
            match = re.match(r'^\s*code\s*=\s*"(?P<code>[^"]*)"', line)
            if match:
                entries[match["code"]] = (start, end)
    return entries


def _edited(entry: list[str], choice: Choice) -> list[str]:
    """The lines of one entry with the choice made: the name replaced, and the value, or the
    units reporting instead of it, written after the entry's last key."""
    replacing = bool(choice.report_by) or choice.value is not None
    out: list[str] = []
    for line in entry:
        match = KEY_LINE.match(line)
        key = match["key"] if match else None
        if key == "name":
            out.append(f"name = {_quoted(choice.name)}")
        elif key not in ("value", "report_by") or not replacing:
            out.append(line)
    last_key = max(i for i, line in enumerate(out) if KEY_LINE.match(line))
    if choice.report_by:
        out.insert(last_key + 1, "report_by = [" + ", ".join(_quoted(u) for u in choice.report_by) + "]")
    elif choice.value is not None:
        out.insert(last_key + 1, f"value = {format(choice.value, 'f')}")
    return out
