"""How configured names are compared, and which indicator codes templates cannot use.

Two names that differ only by full-width and half-width forms, letter case, NFC/NFD
composition or an invisible character (a zero-width space copied from a web page) look the
same to the people typing them; ``folded`` gives both the same key, so the configuration can
refuse the pair and readers can match what units type.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

# Characters that take no room on screen: zero-width space, joiners, word joiner, BOM, soft hyphen.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Names an indicator code may not take: a template writes 指标.items, which would find the
# method of the mapping rather than the figure, and Jinja's own names.
MAPPING_METHODS = frozenset(name for name in dir(dict) if not name.startswith("_"))
JINJA_NAMES = frozenset({"self", "loop", "super", "caller", "varargs", "kwargs", "true", "false", "none",
                         "namespace", "range", "dict", "lipsum", "cycler", "joiner"})
# The names of the months of 上期, 同期 and 累计 (上期.报送期, 累计.起始期), which a code would hide.
PERIOD_NAMES = frozenset({"报送期", "起始期"})


def folded(name: str) -> str:
    """The key a name is compared by: NFKC-normalised, case-folded, without invisible characters
    and surrounding blanks."""
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", name)).casefold().strip()


def invisible_problem(name: str) -> str | None:
    """Why ``name`` is refused for holding characters nobody can see, or None."""
    if INVISIBLE.search(name):
        return f"“{name}” 含有看不见的字符（如从网页复制来的零宽空格），请删除后重新输入"
    return None


def reserved_code(code: str) -> str | None:
    """Why an indicator code clashes with a name templates already use, or None."""
    key = folded(code)
    if key.startswith("_"):
        return f"“{code}” 不能以下划线开头（模板中以下划线开头的名称被拒绝访问），请换一个代码"
    if key in MAPPING_METHODS or key in JINJA_NAMES or keyword.iskeyword(key):
        return f"“{code}” 与模板的内部名称重名（模板中写 指标.{code} 取不到数字），请换一个代码，如“{code}数”"
    if key in PERIOD_NAMES:
        return f"“{code}” 是模板中月份的名称（如 上期.{code}），用作指标代码取不到数字，请换一个代码，如“{code}数”"
    return None
