"""The figures of a report's text: each number with its measure word (2770处, 6700余处, 73.15万元,
两台, 15.58%), its written form, the value it stands for and the template filter that writes it
again exactly as it stands.

Not figures: numbers inside book titles and short quotations (《致市民一封信》, “大干50天”),
dates (2018年11月26日), document numbers (〔2018〕12号), telephone numbers, ranges (7-8次),
ordinals (第3名) and enumerations (一是, （一）, 1.), which carry no measure word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from reporter.cnfmt.filters import MEASURED, TEMPLATE_FILTERS, template_call
from reporter.cnfmt.values import FormatError
from reporter.learn.numbers import NUMERAL_CHARS, chinese_number

# Measure words after a number, longest first so that 人次 wins over 人 and 平方米 over 米.
MEASURE_WORDS = sorted((
    "平方公里", "平方米", "立方米", "延长米", "公里", "千米", "公顷", "亩", "米", "元", "吨", "公斤", "千克",
    "人次", "车次", "辆次", "台次", "户次", "家次", "场次", "批次", "架次", "个百分点", "小时",
    "人", "处", "个", "台", "辆", "家", "户", "所", "张", "块", "组", "面", "支", "名", "项", "条", "件",
    "份", "场", "次", "期", "篇", "根", "座", "棵", "株", "套", "只", "盒", "箱", "袋", "本", "册", "间",
    "栋", "幢", "天", "周", "批", "起", "宗", "例", "种", "类", "段", "片", "部", "封", "幅", "把", "顶",
    "艘", "趟", "轮", "队", "层", "户", "副", "棵",
), key=len, reverse=True)
_MEASURE = "|".join(MEASURE_WORDS)
_GAP = r"[ \u00a0\u3000]*"
ARABIC = re.compile(
    rf"(?:(?P<about>约){_GAP})?(?P<num>\d+(?:\.\d+)?){_GAP}(?P<more>[余多])?{_GAP}(?P<big>[万亿])?{_GAP}"
    rf"(?P<more_after>[余多])?{_GAP}(?P<measure>%|％|{_MEASURE})"
)
CHINESE = re.compile(rf"(?P<num>[{NUMERAL_CHARS}]+)(?P<measure>{_MEASURE})")
# Where numbers are names, not figures: book titles and short quotations.
SHELTERED = re.compile(r"《[^《》]{0,60}》|“[^“”]{0,30}”|\"[^\"]{0,30}\"")
# A number glued to these is part of a code, a range, a telephone or a document number.
_GLUED_BEFORE = set("0123456789.-－—~～〔[第") | {chr(c) for c in range(ord("A"), ord("z") + 1)}
_GLUED_AFTER = set("0123456789-－~～") | {chr(c) for c in range(ord("A"), ord("z") + 1)}
BIG = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
FILTERS = {chinese: function for chinese, _english, function in TEMPLATE_FILTERS}


@dataclass(frozen=True)
class FoundFigure:
    """A figure in a paragraph's text: where it stands (``start``..``end``), what it says, and how
    a template writes it again.

    ``value`` is the number it stands for in its measure (73.15万元 → 731500 元); for 余, 多 and
    约 the exact number is not written, and ``estimated`` says the value is the middle of the
    range the words allow. ``form`` names the written form for the review sheet (确数, 余, 多,
    约, 万, 亿, 中文数字, 百分比); ``filter`` is the template filter that reproduces ``text``.
    """

    start: int
    end: int
    text: str
    value: Decimal
    measure: str
    decimals: int
    form: str
    filter: str
    estimated: bool = False


@dataclass(frozen=True)
class _Call:
    """A filter with its arguments, as a template writes it: 约数(10, 字='多')."""

    name: str
    args: tuple[object, ...] = ()
    kwargs: tuple[tuple[str, object], ...] = ()

    def written(self, value: Decimal, measure: str) -> str | None:
        function = FILTERS[self.name]
        given = (measure,) if function in MEASURED else ()
        try:
            return template_call(self.name, function, value, *self.args, given=given, **dict(self.kwargs))
        except FormatError:
            return None

    def __str__(self) -> str:
        parts = [_literal(a) for a in self.args] + [f"{k}={_literal(v)}" for k, v in self.kwargs]
        return f"{self.name}({', '.join(parts)})" if parts else self.name


def _literal(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def find_figures(text: str) -> list[FoundFigure]:
    """The figures of one paragraph's ``text``, in order; a number whose written form no template
    filter reproduces exactly is left as text (not returned)."""
    sheltered = [m.span() for m in SHELTERED.finditer(text)]
    found: list[FoundFigure] = []
    for candidate in sorted(_candidates(text), key=lambda f: f.start):
        inside = any(s < candidate.end and candidate.start < e for s, e in sheltered)
        overlaps = found and candidate.start < found[-1].end
        if not inside and not overlaps:
            found.append(candidate)
    return found


def _candidates(text: str) -> Iterator[FoundFigure]:
    for match in ARABIC.finditer(text):
        start, end = match.span()
        if start and text[start - 1] in _GLUED_BEFORE or end < len(text) and text[end] in _GLUED_AFTER:
            continue
        figure = _arabic(match)
        if figure is not None:
            yield figure
    for match in CHINESE.finditer(text):
        start = match.start()
        number = match["num"]
        if number in ("一", "万", "亿") or start and text[start - 1] in "第星周":
            continue  # 一 alone is an article (一封信), not a count
        figure = _chinese(match)
        if figure is not None:
            yield figure


def _arabic(match: re.Match[str]) -> FoundFigure | None:
    written = match["num"]
    number = Decimal(written)
    places = -int(number.as_tuple().exponent) if "." in written else 0
    measure = match["measure"].replace("％", "%")
    more = match["more"] or match["more_after"]
    scale = BIG.get(match["big"] or "", Decimal(1))
    if measure == "%":
        if match["about"] or more or match["big"]:
            return None
        return _settled(match, number, "%", "百分比", [_Call("百分比", () if places == 2 else (places,))])
    if match["about"] or more:
        if places:
            return None
        step = Decimal(10) ** (len(written) - len(written.rstrip("0"))) * scale
        if more:
            word = (("字", "多"),) if more == "多" else ()
            value = number * scale + step / 2
            calls = [_Call("约数", args, word + form) for form in ((), (("写法", "万余"),), (("写法", "余万"),))
                     for args in ((), (_plain(step),))]
            return _settled(match, value, measure, more, calls, estimated=True)
        value = number * scale + step / 10
        return _settled(match, value, measure, "约", [_Call("约", args) for args in ((), (_plain(step),))],
                        estimated=True)
    if match["big"]:
        name = match["big"]
        default = 1 if name == "万" else 2
        return _settled(match, number * scale, measure, name, [_Call(name, () if places == default else (places,))])
    return _settled(match, number, measure, "确数", [_Call("确数")])


def _chinese(match: re.Match[str]) -> FoundFigure | None:
    number = chinese_number(match["num"])
    if number is None:
        return None
    return _settled(match, Decimal(number), match["measure"], "中文数字", [_Call("中文整数")])


def _settled(match: re.Match[str], value: Decimal, measure: str, form: str, calls: list[_Call],
             estimated: bool = False) -> FoundFigure | None:
    """The figure written by the first of ``calls`` that gives the matched text again; None when
    none does."""
    text = match.group(0)
    wanted = re.sub(_GAP, "", text).replace("％", "%")
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    for call in calls:
        if call.written(value, "" if measure == "%" else measure) == wanted:
            decimals = max(0, -int(value.as_tuple().exponent))
            return FoundFigure(match.start(), match.end(), text, value, measure, decimals, form,
                               str(call), estimated)
    return None


def _plain(number: Decimal) -> int | Decimal:
    return int(number) if number == number.to_integral_value() else number.normalize()
