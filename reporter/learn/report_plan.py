"""What an existing report says about its workspace: title, author, date, office, the parts
(sections) its headings open, the units it names, and its figures with names and codes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reporter.learn.figures_found import FoundFigure, find_figures
from reporter.learn.naming import Naming, name_figures, proposed_code, unique

LEVEL_ONE = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL_TWO = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# The date line under the title; a date written without its day (2018年11月日) still gives the month.
DATE_LINE = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})?\s*日?\s*[）)]?$")
OFFICE_LINE = re.compile(r"^[^，。；：,;:]{2,40}(?:办公室|办|局|委员会|委|政府|小组|指挥部)$")
# A unit's name stands alone between punctuation marks (东城街道、西城街道和区城管局).
UNIT_NAME = re.compile(r"(?:^|(?<=[，。；、：（“\s]))(?![各全本该主])(?:[\u4e00-\u9fff]{2,4}(?:街道|镇|乡)"
                       r"|(?:区|县|市)[\u4e00-\u9fff]{1,4}(?:分局|局|办))(?=[，。；、）”\s和及等]|$)")
REGION = re.compile(r"^(.{1,8}?(?:自治州|市|区|县|旗|镇|乡|街道))")
REPORT_WORDS = ("工作情况汇报", "工作汇报", "情况汇报", "工作总结", "汇报")
TITLE_CHARS = 60
HEADING_CHARS = 60


@dataclass(frozen=True)
class LearntFigure:
    """A figure of the report: the paragraph it stands in (index in the document), where in
    it, its written form and value, what it counts, and the section (code) it belongs to."""

    paragraph: int
    figure: FoundFigure
    naming: Naming
    section: str

    @property
    def tag(self) -> str:
        """The template tag that writes the figure again: {{ 指标.私搭乱建 | 确数 }}."""
        return f"{{{{ 指标.{self.naming.code} | {self.figure.filter} }}}}"


@dataclass(frozen=True)
class LearntReport:
    """The workspace an existing report implies. ``title_at`` and ``date_at`` are the indexes of
    the title and date paragraphs (None when not found); ``sections`` are (code, title) pairs."""

    title: str
    author: str
    report_date: dt.date | None
    region: str
    name: str
    office: str
    office_found: bool
    sections: list[tuple[str, str]]
    units: list[str]
    figures: list[LearntFigure]
    title_at: int | None
    date_at: int | None
    month: tuple[int, int] | None = None


def heading_level(text: str, style: str) -> int:
    """1 for 一、 headings, 2 for （一）, 0 for other paragraphs."""
    short = len(text) <= HEADING_CHARS or "标题" in style or "Heading" in style
    if LEVEL_ONE.match(text) and short:
        return 1
    if LEVEL_TWO.match(text) and short:
        return 2
    return 0


def learn_report(paragraphs: Sequence[tuple[str, str]]) -> LearntReport:
    """The report's workspace from its ``paragraphs`` (each its text and its style's name)."""
    texts = [text.strip() for text, _style in paragraphs]
    filled = [i for i, text in enumerate(texts) if text]
    title_at = filled[0] if filled and len(texts[filled[0]]) <= TITLE_CHARS else None
    date_at, report_date, month = _date_line(texts, filled)
    title = texts[title_at] if title_at is not None else ""
    author = _author(texts, filled, title_at, date_at)
    skipped = {title_at, date_at}
    if author:
        skipped.add(filled[1])
    sections, section_of = _sections(paragraphs)
    found = [(i, find_figures(paragraphs[i][0])) for i in range(len(paragraphs)) if i not in skipped]
    found = [(i, figures) for i, figures in found if figures]
    namings = name_figures([(paragraphs[i][0], figures) for i, figures in found])
    flat = [(i, figure) for i, figures in found for figure in figures]
    learnt = [LearntFigure(i, figure, naming, section_of.get(i, sections[0][0] if sections else ""))
              for (i, figure), naming in zip(flat, namings)]
    region, name = _region_and_name(title)
    office = _office(texts, filled)
    return LearntReport(title=title, author=author, report_date=report_date, region=region, name=name,
                        office=office or f"{region}“{name}”工作领导小组办公室", office_found=bool(office),
                        sections=sections, units=_units("\n".join(texts), office), figures=learnt,
                        title_at=title_at, date_at=date_at if report_date else None, month=month)


def _date_line(texts: list[str], filled: list[int]) -> tuple[int | None, dt.date | None, tuple[int, int] | None]:
    """The paragraph giving the report's date near its start or end, the date (None when its
    day is not written) and its month."""
    for i in filled[1:4] + filled[-3:]:
        match = DATE_LINE.match(texts[i])
        if not match or not 1 <= int(match[2]) <= 12:
            continue
        month = (int(match[1]), int(match[2]))
        try:
            return i, dt.date(*month, int(match[3])) if match[3] else None, month
        except ValueError:
            return i, None, month
    return None, None, None


def _author(texts: list[str], filled: list[int], title_at: int | None, date_at: int | None) -> str:
    """The signature line right under the title (王 晓 峰), without its spacing."""
    if title_at is None or len(filled) < 2 or filled[1] == date_at:
        return ""
    line = texts[filled[1]]
    squeezed = re.sub(r"\s+", "", line)
    if 2 <= len(squeezed) <= 12 and not re.search(r"[，。；：,;:\d]", line):
        return squeezed
    return ""


def _sections(paragraphs: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], dict[int, str]]:
    """The parts of the report: each 一、 heading without （一） headings under it, and each
    （一） heading; and for each paragraph the code of the part it stands in."""
    levels = [heading_level(text.strip(), style) for text, style in paragraphs]
    titles: list[tuple[int, str]] = []
    for i, level in enumerate(levels):
        has_children = level == 1 and 2 in levels[i + 1:next((j for j in range(i + 1, len(levels))
                                                               if levels[j] == 1), len(levels))]
        if level == 2 or level == 1 and not has_children:
            titles.append((i, paragraphs[i][0].strip().split("。")[0]))
    codes = unique(_section_code(title) for _i, title in titles)
    section_of: dict[int, str] = {}
    current = ""
    starts = {i: code for (i, _t), code in zip(titles, codes)}
    for i in range(len(paragraphs)):
        current = starts.get(i, current)
        if current:
            section_of[i] = current
    return [(code, title) for (_i, title), code in zip(titles, codes)], section_of


def _section_code(title: str) -> str:
    """A short code for a part: its heading without numbering, up to the first comma."""
    bare = LEVEL_TWO.sub("", LEVEL_ONE.sub("", title)).strip()
    return proposed_code(re.split(r"[，,。；]", bare)[0])


def _region_and_name(title: str) -> tuple[str, str]:
    """The region (古塔区) and the campaign's name (三城联创) a report's title gives."""
    match = REGION.match(title)
    region = match[1] if match else ""
    quoted = re.search(r"“([^”]+)”", title)
    if quoted:
        return region, quoted[1]
    rest = title[len(region):]
    for word in REPORT_WORDS:
        if rest.endswith(word) and len(rest) > len(word):
            return region, rest[:-len(word)]
    return region, rest or title


def _office(texts: list[str], filled: list[int]) -> str:
    """The office signing at the report's end (a short line like 古塔区联创办), if any."""
    for i in reversed(filled[-4:]):
        line = re.sub(r"\s+", "", texts[i])
        if OFFICE_LINE.match(line):
            return line
    return ""


def _units(text: str, office: str) -> list[str]:
    """Units the text names (东城街道, 区城管局), in order of first mention."""
    seen: list[str] = []
    for match in UNIT_NAME.finditer(text):
        name = match.group(0)
        if name not in seen and name != office and not any(ch in name for ch in "各全该本"):
            seen.append(name)
    return seen
