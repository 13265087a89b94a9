"""Templates as Word and WPS store what an author types: each pattern of ``PATTERNS`` cuts a tag
into runs the way one of those editors does (docs/模板写法.md lists what the author did to cause
each), and ``CHINESE_PUNCTUATION`` rewrites a tag as a Chinese input method types it.

``split_every_tag`` turns a clean template (every tag in one run) into a Word-shaped one, each
tag cut by the next pattern in turn, so a whole real template can be rendered both ways.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from tests.render.hostile_docx import edit_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")

HINT = '<w:rFonts w:hint="eastAsia"/>'
LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'


def pieces(tag: str) -> list[str]:
    """A tag cut where editors cut it: after the opening brace, around a dot, before a bar or
    a bracket, at a switch between Chinese and Latin characters, before the closing brace."""
    cuts = {1, 2, len(tag) - 2}
    for i in range(1, len(tag)):
        before, after = tag[i - 1], tag[i]
        if after in ".|(" or before in ".|(" or (before.isascii() != after.isascii()):
            cuts.add(i)
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(tag)), len(tag)]
    return [tag[a:b] for a, b in zip(bounds, bounds[1:]) if tag[a:b]]


def _t(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:t xml:space="preserve">{escaped}</w:t>'


def _run(text: str, properties: str = "", attributes: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r{attributes}>{rpr}{_t(text)}</w:r>"


def _chinese(text: str) -> bool:
    return any(ord(c) > 0x2e80 for c in text)


# Each pattern: the runs of a tag's pieces, given the tag's own run properties (XML of w:rPr children).
Pattern = Callable[[list[str], str], str]


def revision_ids(parts: list[str], rpr: str) -> str:
    return "".join(_run(p, rpr, f' w:rsidR="00A1{i:02d}B2" w:rsidRPr="00C3{i:02d}D4"') for i, p in enumerate(parts))


def spelling_marks(parts: list[str], rpr: str) -> str:
    out = []
    for p in parts:
        if _chinese(p):
            out.append(f'<w:proofErr w:type="spellStart"/>{_run(p, rpr)}<w:proofErr w:type="spellEnd"/>')
        else:
            out.append(f'<w:proofErr w:type="gramStart"/>{_run(p, rpr)}<w:proofErr w:type="gramEnd"/>')
    return "".join(out)


def bookmarks(parts: list[str], rpr: str) -> str:
    middle = len(parts) // 2
    return "".join(
        ('<w:bookmarkStart w:id="7" w:name="_GoBack"/><w:bookmarkEnd w:id="7"/>' if i == middle else "") + _run(p, rpr)
        for i, p in enumerate(parts))


def input_method_language(parts: list[str], rpr: str) -> str:
    return "".join(_run(p, rpr + (HINT + LANG if _chinese(p) else "")) for p in parts)


def east_asian_hints(parts: list[str], rpr: str) -> str:
    return "".join(_run(p, (HINT if _chinese(p) else "") + rpr) for p in parts)


def no_proofing(parts: list[str], rpr: str) -> str:
    return "".join(_run(p, rpr + ("<w:noProof/>" if i % 2 else "")) for i, p in enumerate(parts))


def empty_properties(parts: list[str], rpr: str) -> str:
    return "".join(f"<w:r><w:rPr>{rpr}</w:rPr>{_t(p)}</w:r>" if i % 2 else _run(p, rpr) for i, p in enumerate(parts))


def smart_tags(parts: list[str], rpr: str) -> str:
    return "".join(
        f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">{_run(p, rpr)}</w:smartTag>'
        if _chinese(p) else _run(p, rpr) for p in parts)


def tracked_insertion(parts: list[str], rpr: str) -> str:
    return "".join(
        f'<w:ins w:id="{20 + i}" w:author="张秘书" w:date="2018-11-20T09:00:00Z">{_run(p, rpr)}</w:ins>' if i % 2 else _run(p, rpr)
        for i, p in enumerate(parts))


def tracked_deletion(parts: list[str], rpr: str) -> str:
    deleted = ('<w:del w:id="31" w:author="张秘书" w:date="2018-11-20T09:00:00Z">'
               f'<w:r><w:rPr>{rpr}</w:rPr><w:delText>旧写法 | 错</w:delText></w:r></w:del>')
    middle = len(parts) // 2
    return "".join((deleted if i == middle else "") + _run(p, rpr) for i, p in enumerate(parts))


def soft_hyphens(parts: list[str], rpr: str) -> str:
    out = []
    for i, p in enumerate(parts):
        if i == 1:
            rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
            out.append(f"<w:r>{rpr_xml}<w:softHyphen/>{_t(p)}</w:r>")
        else:
            out.append(_run(p[:1] + "\u00ad" + p[1:] if i == len(parts) - 2 and len(p) > 1 else p, rpr))
    return "".join(out)


def visible_formatting(parts: list[str], rpr: str) -> str:
    return "".join(_run(p, rpr + ("<w:b/><w:sz w:val=\"36\"/>" if i % 2 else "")) for i, p in enumerate(parts))


def page_break_marks(parts: list[str], rpr: str) -> str:
    return "".join(f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{'<w:lastRenderedPageBreak/>' if i == 1 else ''}{_t(p)}</w:r>"
                   for i, p in enumerate(parts))


def wps(parts: list[str], rpr: str) -> str:
    """WPS: every run carries explicit fonts and a hint, Latin runs 'default', Chinese 'eastAsia'."""
    out = []
    for p in parts:
        hint = "eastAsia" if _chinese(p) else "default"
        out.append(_run(p, f'<w:rFonts w:hint="{hint}" w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>{rpr}'
                           f'<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'))
    return "".join(out)


def one_character_runs(parts: list[str], rpr: str) -> str:
    """Every character its own run, as after a paste from a web page or an old conversion."""
    return "".join(_run(c, rpr, f' w:rsidR="00{i:06X}"') for i, c in enumerate("".join(parts)))


# Each pattern and what the author did (or the editor did by itself) to store a tag this way.
PATTERNS: dict[str, tuple[Pattern, str]] = {
    "revision_ids": (revision_ids, "分几次输入或修改过标签（Word 为每次编辑记下修订编号 w:rsidR）"),
    "spelling_marks": (spelling_marks, "Word 的拼写和语法检查把标签中的词标为错误（w:proofErr）"),
    "bookmarks": (bookmarks, "编辑时光标停在标签中间后保存（Word 的 _GoBack 书签），或在标签中插入了书签"),
    "input_method_language": (input_method_language, "用中文输入法输入标签，中英文切换时 Word 记下语言（w:lang）"),
    "east_asian_hints": (east_asian_hints, "用中文输入法输入标签中的汉字，Word 记下东亚字体提示（w:rFonts w:hint）"),
    "no_proofing": (no_proofing, "对标签的一部分设置了“不检查拼写或语法”（w:noProof）"),
    "empty_properties": (empty_properties, "清除过部分文字的格式，留下空的格式记录（空的 w:rPr）"),
    "smart_tags": (smart_tags, "旧版 Word 把标签中的汉字识别为人名、地名等智能标记（w:smartTag）"),
    "tracked_insertion": (tracked_insertion, "开着“修订”修改标签，补写了其中一段（w:ins）"),
    "tracked_deletion": (tracked_deletion, "开着“修订”修改标签，删去了其中一段（w:del，删去的文字不算标签的一部分）"),
    "soft_hyphens": (soft_hyphens, "标签中有可选连字符（Ctrl+- 输入，或从别处粘贴带来）"),
    "visible_formatting": (visible_formatting, "标签的一部分设了加粗或字号（结果用标签第一个字的格式）"),
    "page_break_marks": (page_break_marks, "Word 在标签中间记下上次排版时的分页位置（w:lastRenderedPageBreak）"),
    "wps": (wps, "用 WPS 输入标签：WPS 把汉字与字母、数字分成几段，各带字体提示"),
    "one_character_runs": (one_character_runs, "从网页或其他软件粘贴的标签，每个字各成一段"),
}

# A tag typed in Chinese punctuation mode, and the tag reporter reads from it.
CHINESE_PUNCTUATION = [
    ("{{ 指标.私搭乱建 ｜ 确数 }}", "{{ 指标.私搭乱建 | 确数 }}"),
    ("{{ 指标.调度督查 | 约数（10） }}", "{{ 指标.调度督查 | 约数(10) }}"),
    ("{{ 指标.调度督查 | 约数(10，字=‘多’) }}", "{{ 指标.调度督查 | 约数(10,字='多') }}"),
    ("{{ 指标.调度督查 | 约数(10, 字=“多”) }}", '{{ 指标.调度督查 | 约数(10, 字="多") }}'),
    ("｛｛ 指标.私搭乱建 | 确数 ｝｝", "{{ 指标.私搭乱建 | 确数 }}"),
    ("{{ 指标。私搭乱建 | 确数 }}", "{{ 指标.私搭乱建 | 确数 }}"),
    ("｛｛　指标．私搭乱建　｜　确数　｝｝", "{{ 指标.私搭乱建 | 确数 }}"),
    ("{{ 指标.私搭乱建 | 约数（１０） }}", "{{ 指标.私搭乱建 | 约数(10) }}"),
    ("｛％ if 活动.名称 ！＝ “” ％｝有拆违｛％ endif ％｝", '{% if 活动.名称 != "" %}有拆违{% endif %}'),
    ("{{ 序号（‘党建’） }}", "{{ 序号('党建') }}"),
    ("{{ 活动.名称 ＋ “工作” }}", '{{ 活动.名称 + "工作" }}'),
]


def tag_paragraph(before: str, tag: str, after: str, pattern: str, rpr: str = "") -> str:
    """A ``w:p`` with ``before``, the tag stored as ``pattern`` cuts it, and ``after``."""
    function = PATTERNS[pattern][0]
    return (f'<w:p xmlns:w="{W_NS}">{_run(before, rpr) if before else ""}{function(pieces(tag), rpr)}'
            f'{_run(after, rpr) if after else ""}</w:p>')


def split_every_tag(template: Path, target: Path, patterns: list[str] | None = None,
                    parts: tuple[str, ...] = ("word/document.xml",)) -> int:
    """Write to ``target`` the template with every tag of its ``parts`` cut into runs, each by the
    next of ``patterns`` (all of them by default); the number of tags cut."""
    names = patterns or list(PATTERNS)
    count = 0

    def cut(entries: dict[str, bytes]) -> None:
        nonlocal count
        for part in parts:
            root = etree.fromstring(entries[part])
            for run in list(root.iter(f"{W}r")):
                texts = run.findall(f"{W}t")
                if len(texts) != 1 or not TAG.search(texts[0].text or ""):
                    continue
                rpr = run.find(f"{W}rPr")
                rpr_xml = "".join(etree.tostring(c, encoding="unicode") for c in rpr) if rpr is not None else ""
                rpr_xml = re.sub(r' xmlns:\w+="[^"]*"', "", rpr_xml)
                text = texts[0].text or ""
                xml, last = [], 0
                for match in TAG.finditer(text):
                    if match.start() > last:
                        xml.append(_run(text[last:match.start()], rpr_xml))
                    xml.append(PATTERNS[names[count % len(names)]][0](pieces(match.group(0)), rpr_xml))
                    count += 1
                    last = match.end()
                if last < len(text):
                    xml.append(_run(text[last:], rpr_xml))
                _replace(run, f'<w:p xmlns:w="{W_NS}">{"".join(xml)}</w:p>')
            entries[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _copy(template, target)
    edit_docx(target, cut)
    return count


def _copy(template: Path, target: Path) -> None:
    if template != target:
        shutil.copyfile(template, target)


def _replace(run: etree._Element, paragraph_xml: str) -> None:
    """Put the runs of ``paragraph_xml`` in the place of ``run``."""
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    for offset, child in enumerate(list(etree.fromstring(paragraph_xml))):
        parent.insert(index + offset, child)


def with_body(template: Path, target: Path, paragraphs: list[str]) -> Path:
    """Write to ``target`` the template with its body's paragraphs replaced by ``paragraphs``
    (``w:p`` XML), its section properties kept."""
    def replace_body(entries: dict[str, bytes]) -> None:
        root = etree.fromstring(entries["word/document.xml"])
        body = root.find(f"{W}body")
        section = body.find(f"{W}sectPr")
        for child in list(body):
            body.remove(child)
        for xml in paragraphs:
            body.append(etree.fromstring(xml))
        if section is not None:
            body.append(section)
        entries["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _copy(template, target)
    return edit_docx(target, replace_body)
