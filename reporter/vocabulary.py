"""What a template may use: the contract between a document's context and the template lint."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """What a workspace provides to a template.

    ``names`` are the top-level variables; ``attributes`` lists, for some of them, the only
    attributes allowed (指标 → indicator codes); ``section_functions`` take a section code as
    their first argument; ``aliases`` maps a wrong attribute (an indicator's full name) to
    the right one.
    """

    names: frozenset[str]
    attributes: dict[str, frozenset[str]]
    section_functions: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    aliases: dict[str, str] | None = None

    @classmethod
    def of(cls, names: Iterable[str]) -> Vocabulary:
        """A vocabulary of top-level names only, with any attributes."""
        return cls(frozenset(names), {})
