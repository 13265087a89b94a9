"""Column tables: the columns of one sheet, in order, each named by a key.

A sheet's table is the one place its columns are written down; the letter and index of every
column come from its place in the table, so that the code writing a sheet and the code reading
it back cannot disagree about where a column is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its key, header, width in characters (0: left as it is) and whether
    it is hidden; ``index`` (1 for column A) is given by the table it is placed in."""

    key: str
    header: str = ""
    width: float = 0
    hidden: bool = False
    index: int = 0
    #: The column's letter in Excel (A, B, … Z, AA …), given with ``index`` by its table.
    letter: str = ""

    def cell(self, row: int) -> str:
        """The address of this column's cell in ``row``: ``D5``."""
        return f"{self.letter}{row}"

    def span(self, first: int, last: int) -> str:
        """The address of this column's cells from row ``first`` to ``last``: ``D3:D62``."""
        return f"{self.letter}{first}:{self.letter}{last}"


class Table:
    """The columns of one sheet from column A, in order; looked up by key."""

    def __init__(self, *columns: Column):
        self.columns = tuple(replace(col, index=index, letter=get_column_letter(index))
                             for index, col in enumerate(columns, start=1))
        self._by_key = {col.key: col for col in self.columns}
        if len(self._by_key) != len(self.columns):
            raise ValueError("two columns of a table share a key")

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, key: str) -> Column:
        return self._by_key[key]

    def letter(self, key: str) -> str:
        """The letter of the column ``key``."""
        return self._by_key[key].letter

    def cell(self, key: str, row: int) -> str:
        """The address of the cell of column ``key`` in ``row``."""
        return f"{self._by_key[key].letter}{row}"

    @property
    def first(self) -> Column:
        """Column A, where a row's problems that belong to no single cell are addressed."""
        return self.columns[0]

    @property
    def letters(self) -> dict[str, str]:
        """Each column's letter by key, in order."""
        return {col.key: col.letter for col in self.columns}

    @property
    def headers(self) -> list[tuple[str, float]]:
        """(header, width) of each column, in order: what ``xlsx.write_header`` writes."""
        return [(col.header, col.width) for col in self.columns]

    @property
    def hidden(self) -> tuple[str, ...]:
        """The letters of the hidden columns."""
        return tuple(col.letter for col in self.columns if col.hidden)

    @property
    def next_letter(self) -> str:
        """The letter of the first column right of the table."""
        return get_column_letter(len(self.columns) + 1)
