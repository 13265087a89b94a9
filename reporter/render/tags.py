"""Tags read as their author sees them, however Word or WPS stored them.

Word and WPS keep a typed ``{{ 指标.私搭乱建 | 确数 }}`` in several runs whenever something
invisible changes inside it: a revision id, a spell-check mark, the language or font hint of
the input method switching between Latin and Chinese characters, a bookmark, a tracked change.
A Chinese input method in Chinese punctuation mode types ｛ ｜ （ ， 。 “ for { | ( , . ".

``normalize_tags`` rewrites a part's XML before anything compiles or checks it: every
``{{ … }}``, ``{% … %}`` and ``{# … #}`` (``{%p``, ``{%tr``, ``{%tc``, ``{%r`` included) whose
characters span several runs becomes one run carrying the run properties of the tag's first
character, and inside a tag Chinese punctuation and full-width characters are read as their
ASCII forms (text inside a string literal keeps its characters). What lies between the runs
of a tag goes: spell-check marks, soft hyphens, tracked deletions; tracked insertions the tag
touches are accepted. Runs outside tags are not touched, so a template whose tags were typed
whole stays byte for byte the same. Lint and render both read templates through this pass, so
they never disagree about what a tag says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Full-width ASCII (U+FF01–U+FF5E) and what a Chinese input method types for ASCII punctuation.
FOLD = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
FOLD.update({"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "。": ".", "【": "[", "】": "]",
             "《": "<", "》": ">", "﹛": "{", "﹜": "}"})
# Characters nobody sees, dropped inside a tag: soft hyphen, zero-width spaces and joiners, BOM.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
DOUBLE_QUOTES = frozenset('"“”„‟〝〞')
SINGLE_QUOTES = frozenset("'‘’‚‛")
# A tag's braces, ASCII or as typed in Chinese punctuation mode, folded to find where tags are.
BRACES = str.maketrans({"｛": "{", "｝": "}", "﹛": "{", "﹜": "}", "％": "%", "＃": "#"})
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)

# Containers of runs inside a paragraph that may be left empty once a tag's runs are joined.
RUN_HOLDERS = frozenset(f"{W}{name}" for name in ("ins", "moveTo", "smartTag", "customXml", "hyperlink"))
INSERTIONS = frozenset((f"{W}ins", f"{W}moveTo"))
DELETIONS = frozenset((f"{W}del", f"{W}moveFrom"))
# Marks between a tag's runs that carry nothing once the tag is one run.
MARKS_IN_TAGS = frozenset((f"{W}proofErr", f"{W}softHyphen", f"{W}lastRenderedPageBreak"))
# Run properties that change nothing a reader sees: language, East-Asian font hints,
# proofing, complex-script variants (Chinese text is not complex script).
INVISIBLE_PROPERTIES = frozenset(f"{W}{name}" for name in (
    "lang", "noProof", "szCs", "bCs", "iCs", "cs", "rtl", "webHidden", "specVanish", "rPrChange"))
RSID = re.compile(r"^rsid")


@dataclass(frozen=True)
class TagReading:
    """A tag that ``normalize_tags`` rewrote: the paragraph it is in (its place among the part's
    paragraphs, counted from 1 in document order), its characters as stored, the tag as read,
    and whether visible formatting (bold, size, font …) differed inside it."""

    paragraph: int
    written: str
    read: str
    runs: int
    formatting_differs: bool


def read_tag(written: str) -> str:
    """A tag's characters as reporter reads them: full-width forms and Chinese punctuation made
    ASCII, invisible characters dropped, curly quotes made straight; a string literal's own
    characters kept as typed."""
    out: list[str] = []
    closing: frozenset[str] | None = None
    for char in written:
        if closing is not None:
            if char in closing or FOLD.get(char) in closing:
                out.append('"' if closing is DOUBLE_QUOTES else "'")
                closing = None
            else:
                out.append(char)
            continue
        char = FOLD.get(char, char)
        if char in INVISIBLE:
            continue
        if char in DOUBLE_QUOTES:
            closing = DOUBLE_QUOTES
            out.append('"')
        elif char in SINGLE_QUOTES:
            closing = SINGLE_QUOTES
            out.append("'")
        else:
            out.append(char)
    return "".join(out)


def tag_spans(text: str) -> list[tuple[int, int]]:
    """Where the tags of a paragraph's text are (start, end), braces typed in either width."""
    return [match.span() for match in TAG.finditer(text.translate(BRACES))]


def normalize_tags(root: etree._Element) -> list[TagReading]:
    """Rewrite, in place, every tag of the part ``root`` that spans runs or is not read as
    typed; the tags rewritten, in document order."""
    readings: list[TagReading] = []
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        texts = _texts_of(paragraph)
        if not texts:
            continue
        joined = "".join(t.text or "" for t in texts)
        if "{" not in joined and "｛" not in joined and "﹛" not in joined:
            continue
        spans = tag_spans(joined)
        if spans:
            readings.extend(_ParagraphTags(paragraph, number, texts).rewrite(spans))
    return readings


def _texts_of(paragraph: etree._Element) -> list[etree._Element]:
    """The ``w:t`` of a paragraph's own runs in document order: not those of paragraphs nested in
    it (text boxes), nor deleted text."""
    found = []
    for t in paragraph.iter(f"{W}t"):
        owner = next(t.iterancestors(f"{W}p", f"{W}del", f"{W}moveFrom"), None)
        if owner is paragraph:
            found.append(t)
    return found


class _ParagraphTags:
    """The tags of one paragraph being joined into single runs."""

    def __init__(self, paragraph: etree._Element, number: int, texts: list[etree._Element]):
        self.paragraph = paragraph
        self.number = number
        self.texts = texts
        self.starts: list[int] = []
        offset = 0
        for t in texts:
            self.starts.append(offset)
            offset += len(t.text or "")
        self.original = [t.text or "" for t in texts]

    def rewrite(self, spans: list[tuple[int, int]]) -> list[TagReading]:
        joined = "".join(self.original)
        work: list[tuple[int, int, str, str, list[int]]] = []
        for start, end in spans:
            written = joined[start:end]
            read = read_tag(written)
            touched = self._touched(start, end)
            if len(touched) > 1 or read != written:
                work.append((start, end, written, read, touched))
        if not work:
            return []
        order = list(self.paragraph.iter())
        position = {element: index for index, element in enumerate(order)}
        doomed: set[etree._Element] = set()
        holders: set[etree._Element] = set()
        emptied: set[int] = set()
        readings = []
        for start, end, written, read, touched in reversed(work):
            runs = [self._run(i) for i in touched]
            differs = len({_visible_properties(r) for r in runs if r is not None}) > 1
            readings.append(TagReading(self.number, written, read, len(dict.fromkeys(runs)), differs))
            self._join(start, end, read, touched)
            first, last = runs[0], runs[-1]
            if first is not None and last is not None and first is not last:
                between = order[position[first]:position[last] + len(list(last.iter()))]
                doomed.update(e for e in between if e.tag in DELETIONS or e.tag in MARKS_IN_TAGS)
                doomed.update(_adjacent_marks(first, "getprevious") + _adjacent_marks(last, "getnext"))
            holders.update(self._holders(touched))
            emptied.update(i for i in touched if not self.texts[i].text)
        self._tidy(doomed, emptied, holders)
        return list(reversed(readings))

    def _touched(self, start: int, end: int) -> list[int]:
        """The indexes of the ``w:t`` holding characters of [start, end)."""
        return [i for i, (offset, text) in enumerate(zip(self.starts, self.original))
                if text and offset < end and offset + len(text) > start]

    def _run(self, index: int) -> etree._Element | None:
        parent = self.texts[index].getparent()
        return parent if parent is not None and parent.tag == f"{W}r" else None

    def _join(self, start: int, end: int, read: str, touched: list[int]) -> None:
        """The tag's characters taken out of every ``w:t`` it spans and written, as read, into the
        first; text before and after the tag stays where it was."""
        first, last = touched[0], touched[-1]
        for i in reversed(touched):
            t, offset = self.texts[i], self.starts[i]
            text = t.text or ""
            if i == first:
                before = text[:start - offset]
                after = text[end - offset:] if i == last else ""
                t.text = before + read + after
            elif i == last:
                t.text = text[end - offset:]
            else:
                t.text = ""
            t.set(XML_SPACE, "preserve")

    def _holders(self, touched: list[int]) -> set[etree._Element]:
        """The insertions, smart tags, hyperlinks … that hold the runs of a tag."""
        found = set()
        for i in touched:
            for ancestor in self.texts[i].iterancestors():
                if ancestor is self.paragraph:
                    break
                if ancestor.tag in RUN_HOLDERS:
                    found.add(ancestor)
        return found

    def _tidy(self, doomed: set[etree._Element], emptied: set[int], holders: set[etree._Element]) -> None:
        """Remove what joined tags left behind: marks and deletions between their runs, the
        ``w:t`` they emptied and runs left with nothing to show, holders left without runs; the
        insertions they touched are accepted."""
        for element in doomed:
            _remove(element)
        for i in emptied:
            t = self.texts[i]
            run = t.getparent()
            if run is None:
                continue
            _remove(t)
            if run.tag == f"{W}r" and all(child.tag in (f"{W}rPr", *MARKS_IN_TAGS) for child in run):
                _remove(run)
        # Innermost holders first, so that an emptied smart tag inside an insertion goes before it.
        for holder in sorted(holders, key=lambda e: -len(list(e.iterancestors()))):
            if holder.getparent() is None:
                continue
            if next(holder.iter(f"{W}r"), None) is None:
                _remove(holder)
            elif holder.tag in INSERTIONS:
                _unwrap(holder)


def _adjacent_marks(run: etree._Element, step: str) -> list[etree._Element]:
    """The spell-check marks right before (``getprevious``) or after (``getnext``) a tag's run,
    whose other half went with the runs joined."""
    found = []
    sibling = getattr(run, step)()
    while sibling is not None and sibling.tag == f"{W}proofErr":
        found.append(sibling)
        sibling = getattr(sibling, step)()
    return found


def _remove(element: etree._Element) -> None:
    """Take ``element`` out of its parent, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _unwrap(element: etree._Element) -> None:
    """Put ``element``'s children in its place (a tracked insertion accepted)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    _remove(element)


def _visible_properties(run: etree._Element) -> tuple:
    """What of a run's properties a reader sees, comparable between runs: revision ids,
    language, font hints, proofing and complex-script variants left out; an empty ``w:rPr``
    the same as none."""
    properties = run.find(f"{W}rPr")
    if properties is None:
        return ()
    seen = []
    for child in properties:
        if child.tag in INVISIBLE_PROPERTIES or not isinstance(child.tag, str):
            continue
        attributes = tuple(sorted((k, v) for k, v in child.attrib.items()
                                  if not RSID.match(k.rsplit("}", 1)[-1]) and not k.endswith("}hint")))
        if child.tag == f"{W}rFonts" and not attributes:
            continue
        seen.append((child.tag, attributes))
    return tuple(sorted(seen))
