"""Paragraph and character styles of the Chinese government document format (GB/T 9704-2012).

`STYLE_SPECS` describes the styles (公文标题, 公文正文, 一级标题 …); `apply_styles()` writes them,
and the document defaults they rest on, into a python-docx `Document`; `set_run_fonts()` sets
fonts, size and weight on a run or a style. Font sizes are in points, lengths in twips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from reporter.render.wordxml import PPR_ORDER, RPR_ORDER, set_child

if TYPE_CHECKING:
    from docx.oxml.text.font import CT_RPr

#: Exact line spacing giving 22 lines per page (28.95 pt).
LINE_PITCH_TWIPS = 579
#: Character spacing −0.25 pt in twentieths of a point, giving 28 characters per line.
CHAR_SPACING = -5
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 12  # 小四
TABLE_LINE_TWIPS = 360  # exact 18 pt line in table cells
ISSUER_PT = 24  # 小一: the 发文机关标志 (18 characters fit the 156 mm type area)
RED = "FF0000"  # 发文机关标志 and the red rule under the 版头
#: The 发文机关标志's top edge 35 mm below the type area's top (GB/T 9704-2012 7.2.3, a
#: 下行文), i.e. 72 mm from the paper's top: space before its paragraph, set by measuring
#: the PDF (the margin sits 2.5 mm higher than the type area, see page.py, and the 24 pt
#: line puts a little leading above its characters).
ISSUER_BEFORE_TWIPS = 2053
#: The red rule 4 mm below the 发文字号 (7.2.4): a bottom border of the 发文字号's paragraph,
#: drawn below its exact 28.95 pt line, whose characters end 2.3 mm above the line's foot
#: (measured); w:space is in points, the rule 1.5 pt thick (w:sz in eighths of a point).
RED_RULE_SPACE_PT = 5
RED_RULE_EIGHTHS = 12
#: Exact 22 pt lines in the 版记 (4号 text): a line of it fits its 8 mm row, text centred.
BACK_MATTER_LINE_TWIPS = 440

LATIN_FONT = "Times New Roman"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"


@dataclass(frozen=True)
class StyleSpec:
    """One style of the document format: fonts, size and paragraph layout.

    Indents are in hundredths of a character (200 = two characters), written as w:…Chars
    with a twips fallback computed from the style's own font size. `line` is the exact line
    spacing in twips, or None to inherit (Normal's 579) — 页码 uses 0 for single spacing.
    `char_spacing` is w:spacing in the run properties (twentieths of a point), None to inherit.
    `hanging_chars` indents every line but the first (w:hangingChars, with `left_chars` the
    lines after the first); `space_before` is space above the paragraph in twips; `color`
    the text colour (hex RGB); `keep_next` keeps the paragraph on the page of the next one;
    `bottom_border` is (width in eighths of a point, distance in points, colour) of a rule
    below the paragraph, as wide as the paragraph.
    """

    name: str
    east_asia: str | None  # None: no fonts or size, only weight (character style 强调)
    size_pt: float
    base: str | None = "Normal"
    align: str | None = None  # w:jc value: "both", "center", "left", "right"
    first_line_chars: int | None = None
    left_chars: int | None = None
    right_chars: int | None = None
    bold: bool = False
    outline_level: int | None = None
    line: int | None = None
    char_spacing: int | None = None
    latin: str = LATIN_FONT
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    hanging_chars: int | None = None
    space_before: int = 0
    color: str | None = None
    keep_next: bool = False
    bottom_border: tuple[int, int, str] | None = None


#: The styles set up by `new_document()`, in the order they are written to styles.xml.
STYLE_SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", FANGSONG, BODY_PT, base=None, align="both",
              line=LINE_PITCH_TWIPS, char_spacing=CHAR_SPACING),
    StyleSpec("公文标题", XIAOBIAOSONG, TITLE_PT, align="center", first_line_chars=0),
    StyleSpec("公文正文", FANGSONG, BODY_PT, first_line_chars=200),
    StyleSpec("一级标题", HEITI, BODY_PT, first_line_chars=200, outline_level=0),
    StyleSpec("二级标题", KAITI, BODY_PT, first_line_chars=200, outline_level=1),
    StyleSpec("三级标题", FANGSONG, BODY_PT, first_line_chars=200, bold=True, outline_level=2),
    StyleSpec("署名", KAITI, BODY_PT, align="center", first_line_chars=0),
    StyleSpec("发文字号", FANGSONG, BODY_PT, align="center", first_line_chars=0),
    StyleSpec("主送", FANGSONG, BODY_PT, first_line_chars=0),
    StyleSpec("落款", FANGSONG, BODY_PT, align="right", first_line_chars=0, right_chars=400),
    StyleSpec("附件标题", HEITI, BODY_PT, align="left", first_line_chars=0),
    StyleSpec("图片", FANGSONG, BODY_PT, align="center", first_line_chars=0, line=0),
    StyleSpec("附注", FANGSONG, PAGE_NUMBER_PT, first_line_chars=0, left_chars=100),
    StyleSpec("抄送", FANGSONG, PAGE_NUMBER_PT, first_line_chars=0, left_chars=100),
    StyleSpec("表格文字", FANGSONG, TABLE_PT, align="left", first_line_chars=0, line=TABLE_LINE_TWIPS,
              char_spacing=0),
    StyleSpec("表头文字", HEITI, TABLE_PT, base="表格文字", align="center"),
    StyleSpec("页码", SONGTI, PAGE_NUMBER_PT, first_line_chars=0, line=0, char_spacing=0,
              latin=SONGTI),
    StyleSpec("强调", None, BODY_PT, base=None, bold=True, kind=WD_STYLE_TYPE.CHARACTER),
    # The 版头, 附件说明, 落款 and 版记 of a document in full form (督查通报).
    StyleSpec("发文机关标志", XIAOBIAOSONG, ISSUER_PT, align="center", first_line_chars=0, line=0,
              char_spacing=0, color=RED, space_before=ISSUER_BEFORE_TWIPS),
    StyleSpec("版头发文字号", FANGSONG, BODY_PT, base="发文字号", align="center", first_line_chars=0,
              bottom_border=(RED_RULE_EIGHTHS, RED_RULE_SPACE_PT, RED)),
    StyleSpec("空行", FANGSONG, BODY_PT, first_line_chars=0, keep_next=True),
    StyleSpec("附件说明", FANGSONG, BODY_PT, first_line_chars=0, left_chars=500, hanging_chars=300,
              keep_next=True),
    StyleSpec("发文机关署名", FANGSONG, BODY_PT, align="right", first_line_chars=0, right_chars=400,
              keep_next=True),
    StyleSpec("成文日期", FANGSONG, BODY_PT, align="right", first_line_chars=0, right_chars=400),
    StyleSpec("版记", FANGSONG, PAGE_NUMBER_PT, align="left", first_line_chars=0, line=BACK_MATTER_LINE_TWIPS,
              char_spacing=0),
    # A photo's caption under it (unit, place, day): 4号 仿宋, centred, one line of the grid.
    StyleSpec("图题", FANGSONG, PAGE_NUMBER_PT, align="center", first_line_chars=0, char_spacing=0),
)


def _rpr_of(rpr_or_run: Run | CT_RPr) -> CT_RPr:
    """The w:rPr element of a python-docx run, or the argument itself if it is a w:rPr."""
    if isinstance(rpr_or_run, Run):
        return rpr_or_run._r.get_or_add_rPr()
    if getattr(rpr_or_run, "tag", None) == qn("w:rPr"):
        return rpr_or_run
    raise TypeError(f"expected a Run or a w:rPr element, got {type(rpr_or_run).__name__}")


def set_run_fonts(rpr_or_run: Run | CT_RPr, east_asia: str, size_pt: float, bold: bool | None = False,
                  latin: str = LATIN_FONT) -> CT_RPr:
    """Set fonts, size and weight on a run or on a w:rPr element (of a run or a style).

    Writes w:rFonts with w:ascii/w:hAnsi/w:cs = `latin` (digits and Latin letters) and
    w:eastAsia = `east_asia` (Chinese), replacing any theme fonts; w:sz/w:szCs in half-points;
    w:b/w:bCs on for bold=True, explicitly off for False, absent (inherited) for None.
    Returns the w:rPr element.
    """
    rpr = _rpr_of(rpr_or_run)
    set_child(rpr, "w:rFonts", RPR_ORDER, ascii=latin, hAnsi=latin, eastAsia=east_asia,
               cs=latin)
    for tag in ("w:b", "w:bCs"):
        if bold is None:
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        else:
            set_child(rpr, tag, RPR_ORDER, val=None if bold else "0")
    half_points = round(size_pt * 2)
    set_child(rpr, "w:sz", RPR_ORDER, val=half_points)
    set_child(rpr, "w:szCs", RPR_ORDER, val=half_points)
    return rpr


def _chars_to_twips(chars: int, size_pt: float) -> int:
    """Twips of `chars` hundredths of a character at `size_pt` (a character is 1 em wide)."""
    return round(chars * size_pt * 20 / 100)


def _apply_style_spec(doc: Document, spec: StyleSpec) -> None:
    """Create or override the style described by `spec`, rewriting its pPr and rPr."""
    styles = doc.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, spec.kind)
    style.base_style = styles[spec.base] if spec.base else None
    style.quick_style = True
    element = style.element

    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)

    if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
        ppr = element.get_or_add_pPr()
        if spec.line is None:
            line, rule = None, None
        elif spec.line == 0:
            line, rule = 240, "auto"
        else:
            line, rule = spec.line, "exact"
        set_child(ppr, "w:spacing", PPR_ORDER, before=0, beforeLines=0, after=0,
                   afterLines=0, line=line, lineRule=rule)
        if spec.space_before:
            ppr.find(qn("w:spacing")).set(qn("w:before"), str(spec.space_before))
        if spec.keep_next:
            set_child(ppr, "w:keepNext", PPR_ORDER)
        if spec.bottom_border is not None:
            eighths, space, color = spec.bottom_border
            rule = OxmlElement("w:bottom")
            for key, value in (("val", "single"), ("sz", eighths), ("space", space), ("color", color)):
                rule.set(qn(f"w:{key}"), str(value))
            set_child(ppr, "w:pBdr", PPR_ORDER).append(rule)
        indents = (spec.first_line_chars, spec.left_chars, spec.right_chars, spec.hanging_chars)
        if any(v is not None for v in indents):
            first, left, right, hanging = indents
            if hanging is not None:
                first = None
            set_child(
                ppr, "w:ind", PPR_ORDER,
                leftChars=left,
                left=None if left is None else _chars_to_twips(left, spec.size_pt),
                rightChars=right,
                right=None if right is None else _chars_to_twips(right, spec.size_pt),
                hangingChars=hanging,
                hanging=None if hanging is None else _chars_to_twips(hanging, spec.size_pt),
                firstLineChars=first,
                firstLine=None if first is None else _chars_to_twips(first, spec.size_pt),
            )
        if spec.align:
            set_child(ppr, "w:jc", PPR_ORDER, val=spec.align)
        if spec.outline_level is not None:
            # A heading stays on the page of the paragraph that follows it.
            set_child(ppr, "w:keepNext", PPR_ORDER)
            set_child(ppr, "w:outlineLvl", PPR_ORDER, val=spec.outline_level)

    rpr = element.get_or_add_rPr()
    if spec.east_asia is None:
        for tag in ("w:b", "w:bCs"):
            set_child(rpr, tag, RPR_ORDER, val=None if spec.bold else "0")
    else:
        set_run_fonts(rpr, spec.east_asia, spec.size_pt, bold=spec.bold, latin=spec.latin)
    if spec.char_spacing is not None:
        set_child(rpr, "w:spacing", RPR_ORDER, val=spec.char_spacing)
    if spec.color is not None:
        set_child(rpr, "w:color", RPR_ORDER, val=spec.color)


def _set_doc_defaults(doc: Document) -> None:
    """Point the document defaults at Times New Roman / 仿宋_GB2312 16 pt, zh-CN, no spacing.

    Replaces the template's theme fonts (Calibri/MS Mincho) and 10 pt after-spacing, so that
    text outside the named styles (e.g. in a table style) does not fall back to them.
    """
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_run_fonts(rpr, FANGSONG, BODY_PT, bold=None)
    set_child(rpr, "w:lang", RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    # Punctuation may overflow the line (Word's and WPS's 允许标点溢出边界, their usual
    # setting). Written explicitly for LibreOffice: its DOCX import reads w:overflowPunct
    # the other way round (on -> no hanging punctuation; off or absent -> hanging). With
    # hanging punctuation a mark after a justified line of exactly 28 characters is laid
    # out in the margin but never drawn in the PDF (LibreOffice 7.4); without it the mark
    # and the character before it go to the next line, as line-start rules require.
    set_child(ppr, "w:overflowPunct", PPR_ORDER)
    set_child(ppr, "w:spacing", PPR_ORDER, after=0, line=240, lineRule="auto")


def apply_styles(doc: Document) -> None:
    """Write the document defaults and every style of `STYLE_SPECS` into `doc`, in that order."""
    _set_doc_defaults(doc)
    for spec in STYLE_SPECS:
        _apply_style_spec(doc, spec)
