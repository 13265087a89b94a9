"""A small declarative schema for TOML configuration: tables of typed, validated keys.

A table is a ``Table`` subclass whose class attributes are fields (``code = Text()``). Reading
raw TOML into it checks every key once, refuses keys it does not declare (suggesting the nearest
known one) and records each problem with its key path (``units[3].type``) in a ``Report``, so
that all of them can be shown together. A field whose value is missing or wrong falls back to its
default, so reading always finishes and later cross-checks run on whatever was valid.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Generic, Optional, TypeVar, cast, overload

from reporter.errors import Problem

T = TypeVar("T")
N = TypeVar("N", bound=Optional[Decimal])
TableT = TypeVar("TableT", bound="Table")

MISSING = "缺少此项，请填写"
_BARE_KEY = re.compile(r"[\w-]{1,40}")
_SHOWN_CHARS = 60
_SHOWN_ITEMS = 8
_SHOWN_DEPTH = 3


class Report:
    """The problems found in one configuration file, each addressed by its key path."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.display, message, where=where))


class Invalid(Exception):
    """Raised by a field's check: the value is wrong, for the reason given (a Chinese message)."""


def key_path(parent: str, key: str) -> str:
    """The address of ``key`` in the table at ``parent`` (``campaign.period``); odd keys quoted."""
    name = key if _BARE_KEY.fullmatch(key) else json.dumps(key[:40], ensure_ascii=False)
    return f"{parent}.{name}" if parent else name


def item_path(parent: str, index: int) -> str:
    """The address of the item at ``index`` (from 0) of the array at ``parent``: ``units[1]``."""
    return f"{parent}[{index + 1}]"


def shown(value: object) -> str:
    """``value`` as users wrote it in TOML (a text without its quotes), cut short when long or deep."""
    text = value if isinstance(value, str) else _toml(value, _SHOWN_DEPTH)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


def _toml(value: object, depth: int) -> str:
    """A bounded TOML rendering of a parsed value: deep or long lists and tables end in “…”."""
    if isinstance(value, str):
        return json.dumps(value[:_SHOWN_CHARS], ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        if depth == 0:
            return "…"
        if isinstance(value, list):
            parts = [_toml(v, depth - 1) for v in value[:_SHOWN_ITEMS]]
        else:
            parts = [f"{key_path('', k)} = {_toml(v, depth - 1)}" for k, v in list(value.items())[:_SHOWN_ITEMS]]
        more = ", …" if len(value) > _SHOWN_ITEMS else ""
        return f"[{', '.join(parts)}{more}]" if isinstance(value, list) else f"{{{', '.join(parts)}{more}}}"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def unknown_key(key: str, known: list[str]) -> str:
    """The problem of a key the table does not declare, naming the nearest known key."""
    close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    if close:
        return f"未知的配置项，是否应为 {close[0]}？"
    return f"未知的配置项，此处可用的有：{'、'.join(known)}"


class Field(Generic[T]):
    """One key of a table: how its value is checked and converted, its default, and whether it
    must be given. ``rule`` is a further check of the converted value: it returns the problem
    (a whole message) or None, and a value that breaks it is reported but kept, so that
    cross-checks naming it do not report it again."""

    key = ""

    def __init__(self, default: T, *, required: bool = False, missing: str = MISSING,
                 rule: Callable[[T], str | None] | None = None) -> None:
        self.default = default
        self.required = required
        self.missing = missing
        self.rule = rule

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    @overload
    def __get__(self, table: None, owner: type) -> Field[T]: ...

    @overload
    def __get__(self, table: Table, owner: type) -> T: ...

    def __get__(self, table: Table | None, owner: type) -> Field[T] | T:
        if table is None:
            return self
        value: T = table.values[self.key]
        return value

    def read(self, raw: Mapping[str, Any], parent: str, report: Report) -> T:
        """This key's value in ``raw``, the table at ``parent``."""
        return self.value(raw.get(self.key), key_path(parent, self.key), report)

    def value(self, value: object, where: str, report: Report) -> T:
        """The checked ``value`` found at ``where`` (None: absent); the default when it is wrong."""
        if value is None:
            if self.required:
                report.fail(where, self.missing_message(where))
            return self.default
        try:
            checked = self.check(value, where, report)
        except Invalid as e:
            report.fail(where, str(e))
            return self.default
        if self.rule is not None and (problem := self.rule(checked)):
            report.fail(where, problem)
        return checked

    def missing_message(self, where: str) -> str:
        return self.missing

    def check(self, value: object, where: str, report: Report) -> T:
        """``value`` converted; raises ``Invalid``, or reports problems inside it itself."""
        raise NotImplementedError


class Text(Field[str]):
    """A text, stripped. A required one must not be blank; a blank optional one is the default."""

    def __init__(self, *, required: bool = True, default: str = "",
                 rule: Callable[[str], str | None] | None = None) -> None:
        super().__init__(default, required=required, rule=rule)

    def check(self, value: object, where: str, report: Report) -> str:
        if not isinstance(value, str) or (self.required and not value.strip()):
            raise Invalid(f"“{shown(value)}” 应为非空文字（用英文双引号括起）")
        return value.strip() or self.default


class Integer(Field[int]):
    """A whole number from ``low`` to ``high``; ``expect`` says so in the message."""

    def __init__(self, default: int, low: int, high: int, expect: str) -> None:
        super().__init__(default)
        self.low, self.high, self.expect = low, high, expect

    def check(self, value: object, where: str, report: Report) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not self.low <= value <= self.high:
            raise Invalid(f"“{shown(value)}” 应为 {self.expect}")
        return value


class Number(Field[N]):
    """A finite number, kept exact as a Decimal (written 1.5, 2 or "2"), at least ``minimum``;
    ``expect`` is the message for anything else."""

    @overload
    def __init__(self: Number[Decimal], default: Decimal, *, required: bool = False,
                 minimum: Decimal | None = None, expect: str = "不是数字") -> None: ...

    @overload
    def __init__(self: Number[Optional[Decimal]], default: None, *, required: bool = False,
                 minimum: Decimal | None = None, expect: str = "不是数字") -> None: ...

    def __init__(self, default: Any, *, required: bool = False, minimum: Decimal | None = None,
                 expect: str = "不是数字") -> None:
        super().__init__(default, required=required)
        self.minimum, self.expect = minimum, expect

    def check(self, value: object, where: str, report: Report) -> N:
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise InvalidOperation
            number = Decimal(str(value))
        except InvalidOperation:
            raise Invalid(f"“{shown(value)}” {self.expect}") from None
        if not number.is_finite() or (self.minimum is not None and number < self.minimum):
            raise Invalid(f"“{shown(value)}” {self.expect}")
        return cast(N, number)


class Date(Field[Optional[dt.date]]):
    """A TOML date (2018-11-26, without quotes); None when absent."""

    def __init__(self) -> None:
        super().__init__(None)

    def check(self, value: object, where: str, report: Report) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        raise Invalid(f"“{shown(value)}” 不是日期，请写成 2018-11-26 的形式（不加引号）")


class Flag(Field[bool]):
    """A TOML boolean: true or false."""

    def check(self, value: object, where: str, report: Report) -> bool:
        if isinstance(value, bool):
            return value
        raise Invalid(f"“{shown(value)}” 应为 true 或 false（不加引号）")


class Choice(Field[T]):
    """One of a table of names (Chinese or English) standing for values, e.g. 合计 or sum for
    Aggregation.SUM; ``expect`` names the choices in the message."""

    def __init__(self, names: Mapping[str, T], default: T, *, expect: str, required: bool = False) -> None:
        super().__init__(default, required=required)
        self.names, self.expect = names, expect

    def check(self, value: object, where: str, report: Report) -> T:
        if isinstance(value, str) and value.strip() in self.names:
            return self.names[value.strip()]
        raise Invalid(f"“{shown(value)}” {self.expect}")


class Strings(Field[tuple[str, ...]]):
    """A list of texts (with ``single``, a lone text stands for a list of one).

    The list as a whole is refused with ``expect`` when it is not a list of ``min_items`` to
    ``max_items`` texts (non-blank ones with ``nonblank``); ``item`` then checks each text at its
    own path (``order[2]``), and ``repeated`` is the problem of a list naming something twice.
    """

    def __init__(self, expect: str, *, default: tuple[str, ...] = (), required: bool = False,
                 min_items: int = 0, max_items: int | None = None, nonblank: bool = False,
                 single: bool = False, item: Field[str] | None = None, repeated: str = "") -> None:
        super().__init__(default, required=required)
        self.expect, self.min_items, self.max_items = expect, min_items, max_items
        self.nonblank, self.single, self.item, self.repeated = nonblank, single, item, repeated

    def check(self, value: object, where: str, report: Report) -> tuple[str, ...]:
        items = [value] if self.single and isinstance(value, str) else value
        if (not isinstance(items, list) or len(items) < self.min_items
                or (self.max_items is not None and len(items) > self.max_items)
                or not all(isinstance(i, str) and (i.strip() or not self.nonblank) for i in items)):
            raise Invalid(f"“{shown(value)}” {self.expect}")
        texts: list[str] = items
        if self.item is not None:
            texts = [self.item.value(text, item_path(where, i), report) for i, text in enumerate(texts)]
        if self.repeated and len(set(texts)) != len(texts):
            report.fail(where, self.repeated)
        return tuple(texts)


class Sub(Field[Optional[TableT]], Generic[TableT]):
    """A nested table such as [inspection]; None when absent."""

    def __init__(self, table: type[TableT], *, required: bool = False, missing: str = MISSING) -> None:
        super().__init__(None, required=required, missing=missing)
        self.table = table

    def check(self, value: object, where: str, report: Report) -> TableT:
        if not isinstance(value, dict):
            raise Invalid(f"应为 [{where}] 表")
        return self.table.read(value, where, report)


class TableList(Field[tuple[TableT, ...]], Generic[TableT]):
    """An array of tables such as [[units]], at least one; item i is read at ``units[i]``."""

    def __init__(self, table: type[TableT]) -> None:
        super().__init__((), required=True)
        self.table = table

    def missing_message(self, where: str) -> str:
        return f"缺少 [[{where}]] 条目，至少需要一条"

    def check(self, value: object, where: str, report: Report) -> tuple[TableT, ...]:
        if isinstance(value, dict):
            raise Invalid(f"应写成 [[{where}]]（两对方括号），每条一段")
        if not isinstance(value, list) or not value:
            raise Invalid(self.missing_message(where))
        tables = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                tables.append(self.table.read(item, item_path(where, i), report))
            else:
                report.fail(item_path(where, i), f"“{shown(item)}” 应写成 [[{where}]] 表（见配置文件中的示例）")
        return tuple(tables)


class Table:
    """A TOML table of known keys: subclasses declare one ``Field`` per key as class attributes.

    An instance is what was read: each field's value (by attribute, typed), the keys that were
    given, and ``where`` the table is (its key path, for cross-checks to address their problems).
    Field names must not clash with the attributes below.
    """

    fields: ClassVar[dict[str, Field[Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.fields = {name: field for klass in reversed(cls.__mro__)
                      for name, field in vars(klass).items() if isinstance(field, Field)}

    def __init__(self, values: dict[str, Any], given: frozenset[str], where: str) -> None:
        self.values = values
        self.given = given
        self.where = where

    @classmethod
    def read(cls: type[TableT], raw: Mapping[str, Any], where: str, report: Report) -> TableT:
        """The table ``raw`` found at ``where``; unknown keys and bad values go to ``report``,
        in the order of the file, then the keys that are missing."""
        values: dict[str, Any] = {}
        for key in raw:
            if key in cls.fields:
                values[key] = cls.fields[key].read(raw, where, report)
            else:
                report.fail(key_path(where, key), unknown_key(key, list(cls.fields)))
        for name, field in cls.fields.items():
            if name not in values:
                values[name] = field.read(raw, where, report)
        return cls(values, frozenset(raw) & cls.fields.keys(), where)

    @classmethod
    def defaults(cls: type[TableT], where: str) -> TableT:
        """The table as it stands when the file leaves it out: every field at its declared
        default, no key given."""
        return cls({name: field.default for name, field in cls.fields.items()}, frozenset(), where)

    def at(self, key: str) -> str:
        """The key path of ``key`` in this table."""
        return key_path(self.where, key)
