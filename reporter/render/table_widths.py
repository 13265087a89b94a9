"""Column widths of a fitted table computed from its measured text (``table_grid``): what each
column asks for (``NeedsTally``) and widths adding up to the text width that shorten the
table most (``content_widths``). Pure computation: nothing here reads or writes XML."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reporter.render.measure import DATES_ONLY, Lexicon, is_word, text_em, words
from reporter.render.table_grid import Cell, Row

#: A prose column (one holding runs longer than a word) gets at least this many characters.
PROSE_EM = 6
#: Width handed out at a time while sizing columns, in ems of the column's text.
STEP_EM = 0.5
#: How many steps ahead sizing looks for a column whose lines shorten only further on.
LOOKAHEAD = 10
#: How much a line less in any cell counts against a line less in the table's height: short
#: texts (dates, names) broken over more lines than needed read badly even in a tall row.
CELL_LINES_WEIGHT = 0.3
#: A table of more rows sizes its columns by a sample of them (``sample_indices``).
SAMPLE_ROWS = 240
SAMPLE_HEAD = 8


@dataclass
class ColumnNeeds:
    """What a column's text asks for, in twips of text (cell margins not included)."""

    header_word: float = 0.0  # the longest word of a header cell
    must: float = 0.0  # narrower, a protected word (a unit name, a term, a date) would break
    least: float = 0.0  # narrower, a word (a place, a category) or a line of prose would break badly
    line: float = 0.0  # the longest line, unbroken
    em: float = 240.0  # the size of its body text
    prose: bool = False  # whether it holds runs longer than a word


class NeedsTally:
    """What each column's text asks for, tallied a row at a time (cells spanning several
    columns are left out): a long table's rows are read one by one and never held together."""

    def __init__(self, lexicon: Lexicon = DATES_ONLY) -> None:
        self.lexicon = lexicon
        self._needs: dict[int, ColumnNeeds] = {}
        self._prose: set[int] = set()
        self._longest_word: dict[int, float] = {}

    def add(self, row: Row) -> None:
        for cell in row.cells:
            if cell.span != 1:
                continue
            column = cell.column
            need = self._needs.setdefault(column, ColumnNeeds())
            for paragraph in cell.paragraphs:
                em = paragraph.em
                if not cell.header:
                    need.em = em
                self._longest_word[column] = max(self._longest_word.get(column, 0.0), em)  # one character
                for line in paragraph.lines:
                    need.line = max(need.line, text_em(line) * em)
                    for protected in self.lexicon.protected(line):
                        need.must = max(need.must, text_em(protected) * em)
                    for word in words(line, self.lexicon):
                        width = text_em(word.rstrip())
                        if cell.header:
                            need.header_word = max(need.header_word, width * em)
                        elif not is_word(word, self.lexicon):
                            self._prose.add(column)
                        else:
                            self._longest_word[column] = max(self._longest_word[column], width * em)

    def needs(self, columns: int) -> list[ColumnNeeds]:
        """The needs of the first ``columns`` columns."""
        result = []
        for column in range(columns):
            need = replace(self._needs.get(column, ColumnNeeds()))
            longest = self._longest_word.get(column, 0.0)
            need.prose = column in self._prose
            least = min(PROSE_EM * need.em, need.line) if need.prose else longest
            need.must = max(need.must, need.header_word)
            need.least = max(least, need.must)
            need.line = max(need.line, need.least)
            result.append(need)
        return result


def sample_indices(count: int) -> range | list[int]:
    """Which of a table's ``count`` rows steer the sizing of its columns: all of them up to
    ``SAMPLE_ROWS``; of a longer table its first ``SAMPLE_HEAD`` rows (headers, first
    entries) and rows evenly spread over the rest. Sizing looks at every row's height at
    every step it tries, so a table of thousands of rows would take minutes; its columns'
    floors (``NeedsTally``) still come from every row, so no word is broken for want of the
    rows left out."""
    if count <= SAMPLE_ROWS:
        return range(count)
    rest = SAMPLE_ROWS - SAMPLE_HEAD
    spread = {SAMPLE_HEAD + round(i * (count - 1 - SAMPLE_HEAD) / (rest - 1)) for i in range(rest)}
    return sorted(set(range(SAMPLE_HEAD)) | spread)


def _share(total: float, floors: list[float], weights: list[float]) -> list[float]:
    """``floors`` with ``total - sum(floors)`` shared in proportion to ``weights`` (in
    proportion to the floors when the weights are all zero)."""
    extra = total - sum(floors)
    weight = sum(weights)
    if weight <= 0:
        weights, weight = floors, sum(floors) or 1.0
    return [f + extra * w / weight for f, w in zip(floors, weights)]


def content_widths(rows: list[Row], needs: list[ColumnNeeds], text_width: float) -> list[float]:
    """Widths of text (twips) for the columns of ``rows``, adding up to ``text_width``:

    - every line unbroken, if they all fit: the width left shared by line length;
    - else every column from a floor, given half an em at a time where the table gets
      shortest for it (``_shortest_table``), the width left shared by what lines still ask.
      The floor is each column's least width; where those do not fit, its protected words
      (never broken) with as many columns' least widths as fit (``_words_kept``); where not
      even those fit, its header's longest word;
    - else (not even the header words fit) the header words scaled down.
    """
    lines = [n.line for n in needs]
    least = [n.least for n in needs]
    must = [max(n.must, 1.0) for n in needs]
    heads = [max(n.header_word, 1.0) for n in needs]
    if sum(lines) <= text_width:
        return _share(text_width, lines, lines)
    if sum(least) <= text_width:
        floors = least
    elif sum(must) <= text_width:
        floors = _words_kept(needs, must, text_width)
    elif sum(heads) <= text_width:
        floors = heads
    else:
        return [h * text_width / sum(heads) for h in heads]
    widths = _shortest_table(rows, needs, floors, text_width)
    return _share(text_width, widths, [max(line - w, 0.0) for line, w in zip(lines, widths)])


def _words_kept(needs: list[ColumnNeeds], must: list[float], text_width: float) -> list[float]:
    """Floors from ``must`` (protected words, header words) raised to each column's least
    width where the width allows, the columns that ask least extra first: as many columns as
    fit keep their short words (places, categories) whole, the others break them. Prose
    columns, which break anyway, keep their floor: ``_shortest_table`` widens them where
    that shortens the table."""
    floors = list(must)
    left = text_width - sum(floors)
    for column in sorted(range(len(needs)), key=lambda c: needs[c].least - must[c]):
        extra = needs[column].least - floors[column] if not needs[column].prose else 0.0
        if 0 < extra <= left:
            floors[column] += extra
            left -= extra
    return floors


def _shortest_table(rows: list[Row], needs: list[ColumnNeeds], floors: list[float],
                    text_width: float) -> list[float]:
    """Column widths from ``floors``, widened step by step where a step shortens the table
    most (its height, and less so the lines of all its cells), looking a few steps ahead;
    stops when no step shortens it. Cells spanning columns do not steer it."""
    widths = list(floors)
    by_column: list[list[list[Cell]]] = [[[] for _ in rows] for _ in widths]  # [column][row]
    for index, row in enumerate(rows):
        for cell in row.cells:
            if cell.span == 1 and cell.column < len(widths):
                by_column[cell.column][index].append(cell)

    def heights(column: int, width: float) -> list[float]:
        return [max((c.height(width) for c in cells), default=0.0) for cells in by_column[column]]

    current = [heights(c, w) for c, w in enumerate(widths)]  # [column][row]
    left = text_width - sum(widths)
    while left > 0:
        best: tuple[float, int, float, list[float]] | None = None
        for column, need in enumerate(needs):
            others = [max((current[c][r] for c in range(len(widths)) if c != column), default=0.0)
                      for r in range(len(rows))]
            before = sum(max(o, h) for o, h in zip(others, current[column])) \
                + CELL_LINES_WEIGHT * sum(current[column])
            step = STEP_EM * need.em
            for steps in range(1, LOOKAHEAD + 1):
                grow = step * steps
                if grow > left or widths[column] + grow > need.line + step:
                    break
                after_column = heights(column, widths[column] + grow)
                after = sum(max(o, h) for o, h in zip(others, after_column)) \
                    + CELL_LINES_WEIGHT * sum(after_column)
                gain = (before - after) / grow
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, column, grow, after_column)
        if best is None:
            break
        _gain, column, grow, after_column = best
        widths[column] += grow
        current[column] = after_column
        left -= grow
    return widths


def whole_twips(widths: list[float], total: int) -> list[int]:
    """``widths`` rounded down to whole twips, the remainder given to the widest column."""
    whole = [max(int(w), 1) for w in widths]
    whole[whole.index(max(whole))] += total - sum(whole)
    return whole

