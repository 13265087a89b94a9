"""Tables of a rendered body laid out for the printed page: columns sized to what they hold and
to the section's type area, rows kept whole, header cells and lists broken between words.

Content is known only once a document is rendered, so this runs on the rendered body (after
``fit_grids`` and merging). Text is measured with ``measure``. Every top-level table gets:

- widths adding up to no more than the text width of its section (page width less margins;
  a table indented beyond its cell margin has that much less). A table the template marks
  for fitting (``w:tblW w:type="pct"``, as ``templates.blocks`` builds them) is sized from
  its content (``content_widths``): every column at least as wide as its longest word (a unit
  name, a header word; prose columns a few characters), the width left given where it
  shortens the table most. Any other table keeps the widths its author gave it, scaled down
  only if they are wider than the text area;
- every row marked ``w:cantSplit``, except a row estimated taller than the type area (Word
  would cut such a row off at the page foot rather than break it);
- in fitted tables, line breaks between the words of cells whose words all fit a line but
  whose text does not (headers, lists of unit names, dates), so that no line ends inside a
  word: "创建标准/｜工作任务", "西城街道、｜南湖街道", never "西｜城街道".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from reporter.render.measure import (
    LONGEST_WORD_EM,
    Styles,
    paragraph_lines,
    text_em,
    words,
    wrap_words,
)
from reporter.render.measure import line_count as count_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL, WIDTH, TYPE = f"{W}val", f"{W}w", f"{W}type"

#: Type area of GB/T 9704 portrait pages (156 × 225 mm), for a body without a w:sectPr.
PORTRAIT_AREA_TWIPS = (8845, 12756)
#: Cell margins of Word's default table style (0.19 cm each side) when a table names none.
DEFAULT_CELL_MARGIN = 108
#: Room per cell for borders and rounding, so that a word measured to fit does fit.
SLACK_TWIPS = 30
#: A prose column (one holding runs longer than a word) gets at least this many characters.
PROSE_EM = 6
#: Width handed out at a time while sizing columns, in ems of the column's text.
STEP_EM = 0.5
#: How many steps ahead sizing looks for a column whose lines shorten only further on.
LOOKAHEAD = 10
#: How much a line less in any cell counts against a line less in the table's height: short
#: texts (dates, names) broken over more lines than needed read badly even in a tall row.
CELL_LINES_WEIGHT = 0.3
#: Rows are estimated this much taller than their lines (cell margins, borders, rounding).
ROW_SAFETY = 1.1
#: Compatibility mode from which Word places a table's border, not its text, at the indent.
WORD_2013 = 15


# ── the grid of a table ─────────────────────────────────────────────────────────────────

@dataclass
class Paragraph:
    """A paragraph of a cell: its lines (between explicit breaks), em and line pitch."""

    element: etree._Element
    lines: list[str]
    em: int
    pitch: int


@dataclass
class Cell:
    """A cell of a table: where it sits in the grid, whether it heads the table, its text."""

    element: etree._Element
    column: int
    span: int
    header: bool
    paragraphs: list[Paragraph] = field(default_factory=list)
    _heights: dict[int, float] = field(default_factory=dict)

    def height(self, text_width: float) -> float:
        """The estimated height of the cell's text in twips when its text is ``text_width`` wide."""
        key = int(text_width)
        if key not in self._heights:
            self._heights[key] = sum(sum(count_lines(line, text_width / p.em) for line in p.lines) * p.pitch
                                     for p in self.paragraphs)
        return self._heights[key]


@dataclass
class Row:
    element: etree._Element
    cells: list[Cell]


def read_rows(table: etree._Element, styles: Styles) -> list[Row]:
    rows = []
    for tr in table.findall(f"{W}tr"):
        mark = tr.find(f"{W}trPr/{W}tblHeader")
        header = mark is not None and mark.get(VAL) not in ("0", "false", "off")
        column = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        cells = []
        for tc in tr.findall(f"{W}tc"):
            span = max(_int(tc.find(f"{W}tcPr/{W}gridSpan"), 1), 1)
            paragraphs = []
            for p in tc.findall(f"{W}p"):
                metrics = styles.metrics(p)
                paragraphs.append(Paragraph(p, paragraph_lines(p), metrics.em, metrics.line))
            cells.append(Cell(tc, column, span, header, paragraphs))
            column += span
        rows.append(Row(tr, cells))
    return rows


def _int(element: etree._Element | None, default: int) -> int:
    value = element.get(VAL, "") if element is not None else ""
    return int(value) if value.isdigit() else default


# ── column widths ───────────────────────────────────────────────────────────────────────

@dataclass
class ColumnNeeds:
    """What a column's text asks for, in twips of text (cell margins not included)."""

    header_word: float = 0.0  # the longest word of a header cell
    least: float = 0.0  # narrower, a word (a name, a date) or a line of prose would break badly
    line: float = 0.0  # the longest line, unbroken
    em: float = 240.0  # the size of its body text


def column_needs(rows: list[Row], columns: int) -> list[ColumnNeeds]:
    """The needs of each column (cells spanning several columns are left out)."""
    needs = [ColumnNeeds() for _ in range(columns)]
    prose = [False] * columns
    longest_word = [0.0] * columns
    for row in rows:
        for cell in row.cells:
            if cell.span != 1 or cell.column >= columns:
                continue
            need = needs[cell.column]
            for paragraph in cell.paragraphs:
                em = paragraph.em
                if not cell.header:
                    need.em = em
                longest_word[cell.column] = max(longest_word[cell.column], em)  # one character
                for line in paragraph.lines:
                    need.line = max(need.line, text_em(line) * em)
                    for word in words(line):
                        width = text_em(word.rstrip())
                        if cell.header:
                            need.header_word = max(need.header_word, width * em)
                        elif width > LONGEST_WORD_EM:
                            prose[cell.column] = True
                        else:
                            longest_word[cell.column] = max(longest_word[cell.column], width * em)
    for need, is_prose, longest in zip(needs, prose, longest_word):
        least = min(PROSE_EM * need.em, need.line) if is_prose else longest
        need.least = max(least, need.header_word)
        need.line = max(need.line, need.least)
    return needs


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
      The floor is each column's least width, or where those do not fit its header's
      longest word;
    - else (not even the header words fit) the header words scaled down.
    """
    lines = [n.line for n in needs]
    least = [n.least for n in needs]
    heads = [max(n.header_word, 1.0) for n in needs]
    if sum(lines) <= text_width:
        return _share(text_width, lines, lines)
    if sum(least) <= text_width:
        floors = least
    elif sum(heads) <= text_width:
        floors = heads
    else:
        return [h * text_width / sum(heads) for h in heads]
    widths = _shortest_table(rows, needs, floors, text_width)
    return _share(text_width, widths, [max(line - w, 0.0) for line, w in zip(lines, widths)])


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


def _whole(widths: list[float], total: int) -> list[int]:
    """``widths`` rounded down to whole twips, the remainder given to the widest column."""
    whole = [max(int(w), 1) for w in widths]
    whole[whole.index(max(whole))] += total - sum(whole)
    return whole


# ── writing widths, indents, row marks and breaks ───────────────────────────────────────

def _set_widths(table: etree._Element, rows: list[Row], widths: list[int]) -> None:
    """The grid, every cell's w:tcW and the table's w:tblW set to ``widths`` (fixed layout)."""
    grid = table.find(f"{W}tblGrid")
    if grid is None:
        return
    for column, width in zip(grid.findall(f"{W}gridCol"), widths):
        column.set(WIDTH, str(width))
    for row in rows:
        for cell in row.cells:
            tc_pr = cell.element.find(f"{W}tcPr")
            if tc_pr is None:
                tc_pr = etree.Element(f"{W}tcPr")
                cell.element.insert(0, tc_pr)
            tc_w = tc_pr.find(f"{W}tcW")
            if tc_w is None:
                tc_w = etree.Element(f"{W}tcW")
                tc_pr.insert(1 if tc_pr.find(f"{W}cnfStyle") is not None else 0, tc_w)
            tc_w.set(WIDTH, str(sum(widths[cell.column:cell.column + cell.span])))
            tc_w.set(TYPE, "dxa")
    tbl_pr = table.find(f"{W}tblPr")
    if tbl_pr is not None:
        tbl_w = tbl_pr.find(f"{W}tblW")
        if tbl_w is not None:
            tbl_w.set(WIDTH, str(sum(widths)))
            tbl_w.set(TYPE, "dxa")
        layout = tbl_pr.find(f"{W}tblLayout")
        if layout is not None:
            layout.set(TYPE, "fixed")


def _fitted(table: etree._Element) -> float | None:
    """The share of the text width a table built for fitting asks for (w:tblW in fiftieths
    of a percent, or "100%"), or None for a table of fixed widths."""
    tbl_w = table.find(f"{W}tblPr/{W}tblW")
    if tbl_w is None or tbl_w.get(TYPE) != "pct":
        return None
    value = tbl_w.get(WIDTH, "5000")
    try:
        share = float(value.rstrip("%")) / (100 if value.endswith("%") else 5000)
    except ValueError:
        return 1.0
    return min(max(share, 0.1), 1.0)


def _cell_margins(table: etree._Element) -> tuple[int, int]:
    margins = table.find(f"{W}tblPr/{W}tblCellMar")

    def side(*names: str) -> int:
        for name in names:
            element = margins.find(f"{W}{name}") if margins is not None else None
            if element is not None and element.get(WIDTH, "").isdigit() and element.get(TYPE, "dxa") == "dxa":
                return int(element.get(WIDTH, "0"))
        return DEFAULT_CELL_MARGIN

    return side("left", "start"), side("right", "end")


def _indent_beyond_margin(table: etree._Element, left_margin: int, compat: int) -> int:
    """How far the table's left border sits right of the text margin: its w:tblInd, less
    the cell margin before Word 2013 (which placed the first cell's text at the indent)."""
    indent = table.find(f"{W}tblPr/{W}tblInd")
    value = indent.get(WIDTH, "0") if indent is not None and indent.get(TYPE, "dxa") == "dxa" else "0"
    amount = int(value) if value.lstrip("-").isdigit() else 0
    return max(amount - (0 if compat >= WORD_2013 else left_margin), 0)


# Children of w:tblPr before w:tblInd, and of w:trPr before w:cantSplit, in schema order.
TBLPR_BEFORE_IND = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing")
TRPR_BEFORE_CANTSPLIT = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter")


def _insert_in_order(parent: etree._Element, child: etree._Element, before: tuple[str, ...]) -> None:
    position = 0
    for index, existing in enumerate(parent):
        if etree.QName(existing).localname in before:
            position = index + 1
    parent.insert(position, child)


def _border_on_margin(table: etree._Element, left_margin: int, compat: int) -> None:
    """A fitted table indented so that its left border is on the text margin."""
    tbl_pr = table.find(f"{W}tblPr")
    if tbl_pr is None:
        return
    indent = tbl_pr.find(f"{W}tblInd")
    if indent is None:
        indent = etree.Element(f"{W}tblInd")
        _insert_in_order(tbl_pr, indent, TBLPR_BEFORE_IND)
    indent.set(WIDTH, str(0 if compat >= WORD_2013 else left_margin))
    indent.set(TYPE, "dxa")


def keep_rows_whole(rows: list[Row], text_width: Callable[[Cell], float], page_height: int) -> None:
    """Every row marked w:cantSplit, except one estimated taller than ``page_height``, which
    loses the mark so that it breaks across pages instead of being cut off."""
    for row in rows:
        tallest = max((c.height(text_width(c)) for c in row.cells), default=0.0) * ROW_SAFETY
        tr_pr = row.element.find(f"{W}trPr")
        mark = tr_pr.find(f"{W}cantSplit") if tr_pr is not None else None
        if tallest > page_height:
            if mark is not None and tr_pr is not None:
                tr_pr.remove(mark)
            continue
        if mark is not None:
            mark.attrib.pop(VAL, None)
            continue
        if tr_pr is None:
            tr_pr = etree.Element(f"{W}trPr")
            exceptions = row.element.find(f"{W}tblPrEx")
            row.element.insert(0 if exceptions is None else row.element.index(exceptions) + 1, tr_pr)
        _insert_in_order(tr_pr, etree.Element(f"{W}cantSplit"), TRPR_BEFORE_CANTSPLIT)


def break_between_words(cell: Cell, text_width: float) -> None:
    """Line breaks put between the words of each one-run paragraph of ``cell`` whose words
    all fit a line but whose text does not: a header, a list of unit names, a date."""
    for paragraph in cell.paragraphs:
        runs = paragraph.element.findall(f"{W}r")
        if len(runs) != 1 or [c.tag for c in runs[0] if c.tag != f"{W}rPr"] != [f"{W}t"]:
            continue
        text_element = runs[0].find(f"{W}t")
        text = (text_element.text or "") if text_element is not None else ""
        capacity = text_width / paragraph.em
        if not text or text_em(text) <= capacity:
            continue
        lines = wrap_words(text, capacity)
        if not lines or len(lines) < 2:
            continue
        run = runs[0]
        for old in run.findall(f"{W}t"):
            run.remove(old)
        for index, line in enumerate(lines):
            if index:
                etree.SubElement(run, f"{W}br")
            piece = etree.SubElement(run, f"{W}t")
            piece.text = line
            piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        paragraph.lines = lines


# ── the pass ────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Area:
    """The type area of a section, in twips."""

    width: int
    height: int


def _area(sect_pr: etree._Element | None) -> Area:
    if sect_pr is None:
        return Area(*PORTRAIT_AREA_TWIPS)
    size, margins = sect_pr.find(f"{W}pgSz"), sect_pr.find(f"{W}pgMar")

    def number(element: etree._Element | None, name: str, default: int) -> int:
        value = element.get(f"{W}{name}", "") if element is not None else ""
        return abs(int(value)) if value.lstrip("-").isdigit() else default

    width = number(size, "w", 11906) - number(margins, "left", 1440) - number(margins, "right", 1440)
    height = number(size, "h", 16838) - number(margins, "top", 1440) - number(margins, "bottom", 1440)
    return Area(max(width, 1440), max(height, 1440))


def tables_with_areas(body: etree._Element) -> list[tuple[etree._Element, Area]]:
    """The body's top-level tables, each with the type area of its section (a section ends
    at the next paragraph carrying a w:sectPr, the last one at the body's own)."""
    found: list[tuple[etree._Element, Area]] = []
    pending: list[etree._Element] = []
    for child in body:
        if child.tag == f"{W}tbl":
            pending.append(child)
        elif child.tag == f"{W}p":
            sect_pr = child.find(f"{W}pPr/{W}sectPr")
            if sect_pr is not None:
                found.extend((table, _area(sect_pr)) for table in pending)
                pending = []
    area = _area(body.find(f"{W}sectPr"))
    found.extend((table, area) for table in pending)
    return found


def fit_tables(body: etree._Element, styles: Styles, compat: int = 12) -> None:
    """Every top-level table of ``body`` laid out for its section's type area (see the
    module docstring). ``styles`` measures the text; ``compat`` is the document's Word
    compatibility mode (from which a table's indent is measured)."""
    for table, area in tables_with_areas(body):
        grid = table.find(f"{W}tblGrid")
        columns = grid.findall(f"{W}gridCol") if grid is not None else []
        if not columns:
            continue
        rows = read_rows(table, styles)
        left, right = _cell_margins(table)
        padding = left + right + SLACK_TWIPS
        share = _fitted(table)
        if share is not None:
            _border_on_margin(table, left, compat)
            total = int(area.width * share)
            needs = column_needs(rows, len(columns))
            text_widths = content_widths(rows, needs, total - padding * len(columns))
            widths = _whole([w + padding for w in text_widths], total)
        else:
            current = [max(int(float(c.get(WIDTH) or 0)), 0) for c in columns]
            total = area.width - _indent_beyond_margin(table, left, compat)
            if sum(current) <= total or sum(current) == 0:
                widths = current
            else:
                widths = _whole([w * total / sum(current) for w in current], total)
        _set_widths(table, rows, widths)

        def text_width(cell: Cell) -> float:
            return sum(widths[cell.column:cell.column + cell.span]) - padding

        if share is not None:
            for row in rows:
                for cell in row.cells:
                    break_between_words(cell, text_width(cell))
        keep_rows_whole(rows, text_width, area.height)


def compatibility_mode(settings: etree._Element | None) -> int:
    """The Word compatibility mode a document's settings name (12, Word 2007, when none)."""
    if settings is not None:
        for setting in settings.iter(f"{W}compatSetting"):
            if setting.get(f"{W}name") == "compatibilityMode" and setting.get(VAL, "").isdigit():
                return int(setting.get(VAL, "12"))
    return 12
