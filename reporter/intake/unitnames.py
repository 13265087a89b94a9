"""Finding units by the names people type: full name, short name or code, with suggestions."""

from __future__ import annotations

import difflib
import re

from reporter.model import Unit
from reporter.workspace.names import folded

SEPARATORS = re.compile(r"[、，,;；\n\r/]+")


def split_names(text: str) -> list[str]:
    """The unit names in a cell: separated by 、 ， , ; ； or new lines."""
    return [part.strip() for part in SEPARATORS.split(text or "") if part.strip()]


def normal(name: str) -> str:
    """A name as compared: NFKC-normalised (full-width letters, digits and brackets folded),
    case-folded, without invisible characters and surrounding blanks."""
    return folded(name)


class UnitDirectory:
    """The configured units, looked up by code, full name or short name as people type them."""

    def __init__(self, units: tuple[Unit, ...]):
        self.units = units
        self.by_name: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.code, unit.name, unit.short):
                self.by_name[normal(name)] = unit

    def find(self, name: str) -> Unit | None:
        """The unit called ``name`` (after normalising), or None."""
        return self.by_name.get(normal(name))

    def suggest(self, name: str) -> Unit | None:
        """The unit whose name is closest to ``name`` (characters in order count most);
        None when no name is near."""
        name = normal(name)
        best, best_score = None, 0.0
        for unit in self.units:
            for candidate in (normal(unit.name), normal(unit.short)):
                score = difflib.SequenceMatcher(None, name, candidate).ratio()
                if _in_order(name, candidate):
                    score += 0.5
                if score > best_score:
                    best, best_score = unit, score
        return best if best_score >= 0.5 else None


def _in_order(short: str, long: str) -> bool:
    """Whether every character of ``short`` appears in ``long`` in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)
