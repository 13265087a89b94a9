"""Names and codes for figures, taken from the clause each one counts: "依法拆除各种私搭乱建 2770 处"
gives the name 依法拆除各种私搭乱建 and the code 私搭乱建.

The clause is the text between the previous punctuation mark (or the previous figure) and the
figure; when it says too little (设立21块禁止售卖警示牌) the words after the figure are added.
The code drops the leading verbs and fillers a report puts before what it counts, keeps the first
item of a list, and the first few characters of a long noun phrase; codes are made unique.

No segmentation library: measured on the example's 55 figures, jieba 0.42 (the usual choice,
last released in 2020) cut 私搭乱建 into 私/搭/乱/建 and tagged 清理 as an adjective and 清运 as a
noun, and loading its dictionary took 0.9 s; the short word lists below do better on this register.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reporter.learn.figures_found import FoundFigure

CLAUSE_MARKS = "，。；：！？,;:!?（）()【】"
SENTENCE_MARKS = "。；！？;!?"
# Words before what is counted that say nothing about it, removed from names' ends and codes' starts.
FILLERS = (
    "截至目前", "截止目前", "目前", "累计", "共计", "合计", "总计", "共有", "全区", "全市", "全县", "全镇", "全街",
    "已经", "已", "现有", "现", "共", "达到", "已达", "达", "约", "为", "计", "有", "其中", "同时", "并", "还",
    "各种", "各类", "各", "依法", "统一", "全面", "累计完成", "完成", "先后", "分别", "对", "在", "将",
)
# Verbs that open a clause; the code is what follows them.
VERBS = (
    "拆除", "清理", "清除", "清运", "运送", "出动", "投放", "安装", "发放", "制作", "印发", "设立", "设置", "建设", "新建",
    "建成", "开展", "组织", "召开", "举办", "淘汰", "关停", "取缔", "整治", "治理", "查处", "检查", "督查", "培训",
    "改造", "修补", "翻修", "硬化", "粉饰", "聘请", "签订", "规范", "发现", "处理", "办理", "受理", "走访", "慰问",
    "排查", "收集", "处置", "补植", "种植", "栽植", "铺设", "划定", "制", "完成", "实现", "落实", "推进", "斥资",
    "投入", "投资", "筹措", "下达", "拨付", "发动", "招募", "注册", "配备", "更换", "维修", "整改", "劝导", "宣传",
)
# Words that end a clause without saying what is counted (拆除私搭乱建、铁艺围栏等).
TRAILING = FILLERS + ("等", "及", "和", "与", "的", "之")
CONJUNCTIONS = "及和与、"
NAME_CHARS = 16
CODE_CHARS = 8


@dataclass(frozen=True)
class Naming:
    """What a figure counts: the ``sentence`` it stands in, the ``clause`` before it, the
    proposed ``name`` and the unique ``code``."""

    sentence: str
    clause: str
    name: str
    code: str


def clause_before(text: str, figures: Sequence[FoundFigure], index: int) -> str:
    """The words before figure ``index`` back to a punctuation mark or the previous figure."""
    figure = figures[index]
    floor = figures[index - 1].end if index else 0
    start = figure.start
    while start > floor and text[start - 1] not in CLAUSE_MARKS:
        start -= 1
    return _tidy(text[start:figure.start])


def words_after(text: str, figure: FoundFigure, figures: Sequence[FoundFigure]) -> str:
    """The words after ``figure`` up to a punctuation mark or the next figure."""
    ceiling = min([f.start for f in figures if f.start >= figure.end] + [len(text)])
    end = figure.end
    while end < ceiling and text[end] not in CLAUSE_MARKS:
        end += 1
    return _tidy(text[figure.end:end])


def sentence_of(text: str, figure: FoundFigure) -> str:
    """The sentence (between 。；！？) that ``figure`` stands in."""
    start = figure.start
    while start and text[start - 1] not in SENTENCE_MARKS:
        start -= 1
    end = figure.end
    while end < len(text) and text[end] not in SENTENCE_MARKS:
        end += 1
    return text[start:end + 1].strip()


def _tidy(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("、“”\"‘’《》")


def _strip_fillers(text: str, at_start: bool) -> str:
    """``text`` without filler words at its start (or end), repeatedly."""
    changed = True
    while changed and text:
        changed = False
        for word in sorted(FILLERS if at_start else TRAILING, key=len, reverse=True):
            if at_start and text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
            elif not at_start and text.endswith(word) and len(text) > len(word):
                text, changed = text[:-len(word)], True
    return text


def proposed_name(clause: str, after: str) -> str:
    """A short name of what a figure counts, from its clause and, when that says too little, the
    words after it."""
    name = _strip_fillers(_strip_fillers(clause, at_start=False), at_start=True)
    if after and (not clause or clause[-1] in CONJUNCTIONS):
        name = after  # 10个加油站及1个油库: the second counts what follows it
    elif after and (len(name) < 3 or name in VERBS):
        name = _strip_fillers(clause + after, at_start=True)
    name = _strip_fillers(name, at_start=False)
    return name[:NAME_CHARS].rstrip("、") or "指标"


def proposed_code(name: str) -> str:
    """A short code from a figure's name: the first item of a list, without leading verbs and
    fillers, its first ``CODE_CHARS`` characters, and only characters a template name may use."""
    core = re.split(r"[、和及与]", name)[0] or name
    changed = True
    while changed:
        changed = False
        for word in sorted(VERBS + FILLERS, key=len, reverse=True):
            if core.startswith(word) and len(core) - len(word) >= 2:
                core, changed = core[len(word):], True
    if len(core) > CODE_CHARS:
        # What the last verb acts on: 围绕创建工作召开各类调度会 → 各类调度会.
        cut = max((core.rfind(v) + len(v) for v in VERBS if 0 <= core.rfind(v) < len(core) - len(v) - 2), default=0)
        core = _strip_fillers(core[cut:], at_start=True)
    core = "".join(ch for ch in core if ch.isidentifier() or ch.isdigit())
    core = core.lstrip("的之0123456789")[:CODE_CHARS]
    return core or "指标"


def unique(proposals: Iterable[str]) -> list[str]:
    """The proposals, each repeated one given a number (出动人员, 出动人员2)."""
    seen: dict[str, int] = {}
    result: list[str] = []
    taken = set()
    for proposal in proposals:
        count = seen.get(proposal, 0) + 1
        seen[proposal] = count
        candidate = proposal if count == 1 else f"{proposal}{count}"
        while candidate in taken:
            count += 1
            candidate = f"{proposal}{count}"
        taken.add(candidate)
        result.append(candidate)
    return result


def name_figures(paragraphs: Sequence[tuple[str, Sequence[FoundFigure]]]) -> list[Naming]:
    """The naming of every figure of ``paragraphs`` (each its text and its figures), in order;
    names and codes unique across the whole report."""
    rows: list[tuple[str, str, str]] = []
    for text, figures in paragraphs:
        for index, figure in enumerate(figures):
            clause = clause_before(text, figures, index)
            name = proposed_name(clause, words_after(text, figure, figures))
            rows.append((sentence_of(text, figure), clause, name))
    names = unique(name for _s, _c, name in rows)
    codes = unique(proposed_code(name) for name in names)
    return [Naming(sentence, clause, name, code)
            for (sentence, clause, _n), name, code in zip(rows, names, codes)]
