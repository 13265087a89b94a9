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
  word: "创建标准/｜工作任务", "西城街道、｜南湖街道", never "西｜城街道";
- in every table, line breaks in prose too long for one line, put where a CJK typesetter
  would break it but never inside the words of the ``Lexicon`` (unit names, the campaign's
  terms, dates), and never leaving one character alone on the last line: never "明厨｜亮灶",
  never "志愿服务常态｜化" (a protected word is also never wider than its column, see
  ``table_widths``). Breaks are written, not left to Word or LibreOffice: LibreOffice's
  Chinese line breaking ignores U+2060 WORD JOINER (measured), and explicit breaks print
  the same in Word, WPS and LibreOffice.

The grid is read by ``table_grid`` and the widths of fitted tables computed by
``table_widths``; this module is the pass over the body that writes them, with the row marks
and word breaks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from lxml import etree

from reporter.render.measure import DATES_ONLY, Lexicon, Styles, break_lines, text_em, wrap_words
from reporter.render.table_grid import TYPE, VAL, WIDTH, Cell, Paragraph, Row, W, read_rows
from reporter.render.table_widths import NeedsTally, content_widths, sample_indices, whole_twips
from reporter.render.tables import fit_grid, row_span
from reporter.render.wordxml import TBLPR_ORDER, TCPR_ORDER, TRPR_ORDER, insert_at_place

#: Type area of GB/T 9704 portrait pages (156 × 225 mm), for a body without a w:sectPr.
PORTRAIT_AREA_TWIPS = (8845, 12756)
#: Cell margins of Word's default table style (0.19 cm each side) when a table names none.
DEFAULT_CELL_MARGIN = 108
#: Room per cell for borders and rounding, so that a word measured to fit does fit.
SLACK_TWIPS = 30
#: Rows are estimated this much taller than their lines (cell margins, borders, rounding).
ROW_SAFETY = 1.1
#: Compatibility mode from which Word places a table's border, not its text, at the indent.
WORD_2013 = 15


# ── writing widths, indents, row marks and breaks ───────────────────────────────────────

def _set_grid_widths(table: etree._Element, widths: list[int]) -> None:
    """The grid and the table's w:tblW set to ``widths`` (fixed layout)."""
    grid = table.find(f"{W}tblGrid")
    if grid is None:
        return
    for column, width in zip(grid.findall(f"{W}gridCol"), widths):
        column.set(WIDTH, str(width))
    tbl_pr = table.find(f"{W}tblPr")
    if tbl_pr is not None:
        tbl_w = tbl_pr.find(f"{W}tblW")
        if tbl_w is not None:
            tbl_w.set(WIDTH, str(sum(widths)))
            tbl_w.set(TYPE, "dxa")
        layout = tbl_pr.find(f"{W}tblLayout")
        if layout is not None:
            layout.set(TYPE, "fixed")


def _set_cell_widths(row: Row, widths: list[int]) -> None:
    """Every cell's w:tcW set to the columns it spans of ``widths``."""
    for cell in row.cells:
        tc_pr = cell.element.find(f"{W}tcPr")
        if tc_pr is None:
            tc_pr = etree.Element(f"{W}tcPr")
            cell.element.insert(0, tc_pr)
        tc_w = tc_pr.find(f"{W}tcW")
        if tc_w is None:
            tc_w = insert_at_place(tc_pr, etree.Element(f"{W}tcW"), TCPR_ORDER)
        tc_w.set(WIDTH, str(sum(widths[cell.column:cell.column + cell.span])))
        tc_w.set(TYPE, "dxa")


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


def _border_on_margin(table: etree._Element, left_margin: int, compat: int) -> None:
    """A fitted table indented so that its left border is on the text margin."""
    tbl_pr = table.find(f"{W}tblPr")
    if tbl_pr is None:
        return
    indent = tbl_pr.find(f"{W}tblInd")
    if indent is None:
        indent = insert_at_place(tbl_pr, etree.Element(f"{W}tblInd"), TBLPR_ORDER)
    indent.set(WIDTH, str(0 if compat >= WORD_2013 else left_margin))
    indent.set(TYPE, "dxa")


def keep_row_whole(row: Row, text_width: Callable[[Cell], float], page_height: int) -> None:
    """The row marked w:cantSplit, unless estimated taller than ``page_height``: such a row
    loses the mark so that it breaks across pages instead of being cut off."""
    tallest = max((c.height(text_width(c)) for c in row.cells), default=0.0) * ROW_SAFETY
    tr_pr = row.element.find(f"{W}trPr")
    mark = tr_pr.find(f"{W}cantSplit") if tr_pr is not None else None
    if tallest > page_height:
        if mark is not None and tr_pr is not None:
            tr_pr.remove(mark)
        return
    if mark is not None:
        mark.attrib.pop(VAL, None)
        return
    if tr_pr is None:
        tr_pr = etree.Element(f"{W}trPr")
        exceptions = row.element.find(f"{W}tblPrEx")
        row.element.insert(0 if exceptions is None else row.element.index(exceptions) + 1, tr_pr)
    insert_at_place(tr_pr, etree.Element(f"{W}cantSplit"), TRPR_ORDER)


#: Room kept at the end of each line broken here, in ems: the typesetter must never need to
#: break such a line again (digits and Latin letters are measured a little wide anyway).
BREAK_SLACK_EM = 0.2


def break_prose(cell: Cell, text_width: float, lexicon: Lexicon) -> None:
    """Line breaks put into each one-run paragraph of ``cell`` too wide for one line whose
    words do not all fit a line (prose): where ``break_lines`` breaks it, never inside a
    unit name, a term or a date, never leaving one character alone on the last line."""
    for paragraph in cell.paragraphs:
        text_element = _single_text(paragraph.element)
        text = (text_element.text or "") if text_element is not None else ""
        capacity = text_width / paragraph.em - BREAK_SLACK_EM
        if not text or text_em(text) <= capacity + BREAK_SLACK_EM:
            continue
        _write_lines(paragraph, break_lines(text, capacity, lexicon))


def _single_text(paragraph: etree._Element) -> etree._Element | None:
    """The one w:t of a paragraph of one run holding only text, or None."""
    runs = paragraph.findall(f"{W}r")
    if len(runs) != 1 or [c.tag for c in runs[0] if c.tag != f"{W}rPr"] != [f"{W}t"]:
        return None
    return runs[0].find(f"{W}t")


def _write_lines(paragraph: Paragraph, lines: list[str]) -> None:
    """The paragraph's one run written as ``lines`` with line breaks between them."""
    if len(lines) < 2:
        return
    run = paragraph.element.find(f"{W}r")
    if run is None:
        return
    for old in run.findall(f"{W}t"):
        run.remove(old)
    for index, line in enumerate(lines):
        if index:
            etree.SubElement(run, f"{W}br")
        piece = etree.SubElement(run, f"{W}t")
        piece.text = line
        piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    paragraph.lines = lines


def break_between_words(cell: Cell, text_width: float, lexicon: Lexicon = DATES_ONLY) -> None:
    """Line breaks put between the words of each one-run paragraph of ``cell`` whose words
    all fit a line but whose text does not: a header, a list of unit names, a date."""
    for paragraph in cell.paragraphs:
        text_element = _single_text(paragraph.element)
        text = (text_element.text or "") if text_element is not None else ""
        capacity = text_width / paragraph.em
        if not text or text_em(text) <= capacity:
            continue
        lines = wrap_words(text, capacity, lexicon)
        if lines:
            _write_lines(paragraph, lines)


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


class TableRows(Protocol):
    """A table's rows as fitting reads them: measured one after another, then finished one
    after another (a long table's rows are never all held at once, ``long_tables``)."""

    def count(self) -> int: ...

    def measured(self) -> Iterator[Row]: ...

    def finish(self, work: Callable[[Row], None]) -> None: ...


class TreeRows:
    """The rows of a table in the parsed body."""

    def __init__(self, table: etree._Element, styles: Styles):
        self.table, self.styles = table, styles

    def count(self) -> int:
        return len(self.table.findall(f"{W}tr"))

    def measured(self) -> Iterator[Row]:
        return iter(read_rows(self.table, self.styles))

    def finish(self, work: Callable[[Row], None]) -> None:
        # Read afresh: heights measured while sizing were for other widths and unbroken lines.
        for row in read_rows(self.table, self.styles):
            work(row)


def fit_tables(body: etree._Element, styles: Styles, compat: int = 12,
               streamed: Mapping[etree._Element, TableRows] | None = None,
               lexicon: Lexicon = DATES_ONLY) -> None:
    """Every top-level table of ``body`` laid out for its section's type area (see the
    module docstring). ``styles`` measures the text; ``compat`` is the document's Word
    compatibility mode (from which a table's indent is measured); ``streamed`` gives the
    rows of long tables whose rows are not in the tree (``long_tables``); ``lexicon`` names
    the words no cell breaks (unit names, the campaign's terms; dates always)."""
    for table, area in tables_with_areas(body):
        rows = (streamed or {}).get(table) or TreeRows(table, styles)
        fit_table(table, area, rows, compat, lexicon)


def fit_table(table: etree._Element, area: Area, rows: TableRows, compat: int = 12,
              lexicon: Lexicon = DATES_ONLY) -> None:
    """One table laid out for the type area ``area``: its grid fitted to its rows, its widths
    computed, and every row finished (cell widths, breaks between words, protected words
    and last characters joined, kept whole)."""
    tally, sample, most_cells, spanned = NeedsTally(lexicon), [], 0, 0
    chosen = set(sample_indices(rows.count()))
    for index, row in enumerate(rows.measured()):
        tally.add(row)
        most_cells = max(most_cells, len(row.cells))
        spanned = max(spanned, row_span(row.element))
        if index in chosen:
            sample.append(row)
    # A long table's rows were outside the tree when ``fit_grids`` ran: its grid is fitted here.
    # Any other table's grid was fitted then, and this leaves it as it is.
    fit_grid(table, most_cells, spanned)
    grid = table.find(f"{W}tblGrid")
    columns = grid.findall(f"{W}gridCol") if grid is not None else []
    if not columns:
        rows.finish(lambda row: None)
        return
    left, right = _cell_margins(table)
    padding = left + right + SLACK_TWIPS
    share = _fitted(table)
    if share is not None:
        _border_on_margin(table, left, compat)
        total = int(area.width * share)
        text_widths = content_widths(sample, tally.needs(len(columns)), total - padding * len(columns))
        widths = whole_twips([w + padding for w in text_widths], total)
    else:
        current = [max(int(float(c.get(WIDTH) or 0)), 0) for c in columns]
        total = area.width - _indent_beyond_margin(table, left, compat)
        if sum(current) <= total or sum(current) == 0:
            widths = current
        else:
            widths = whole_twips([w * total / sum(current) for w in current], total)
    _set_grid_widths(table, widths)

    def text_width(cell: Cell) -> float:
        return sum(widths[cell.column:cell.column + cell.span]) - padding

    def finish(row: Row) -> None:
        _set_cell_widths(row, widths)
        for cell in row.cells:
            if share is not None:
                break_between_words(cell, text_width(cell), lexicon)
            break_prose(cell, text_width(cell), lexicon)
        keep_row_whole(row, text_width, area.height)

    rows.finish(finish)


def compatibility_mode(settings: etree._Element | None) -> int:
    """The Word compatibility mode a document's settings name (12, Word 2007, when none)."""
    if settings is not None:
        for setting in settings.iter(f"{W}compatSetting"):
            if setting.get(f"{W}name") == "compatibilityMode" and setting.get(VAL, "").isdigit():
                return int(setting.get(VAL, "12"))
    return 12
