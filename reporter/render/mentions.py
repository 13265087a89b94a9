"""Whether a .docx template's tags mention a word: a cheap test before work only some templates need."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

TAG = re.compile(r"<[^>]*>")
JINJA = re.compile(r"[{｛][{｛%％].*?[%％}｝][}｝]", re.DOTALL)


def mentions(template: Path, words: Iterable[str]) -> bool:
    """Whether a Jinja tag (``{{ … }}``, ``{% … %}``, braces typed in either width) in a text part
    of ``template`` (body, headers, footers, notes) holds one of ``words``, XML tags left out
    (Word splits text into runs). Call it on a template that was already checked (linted): a
    part that cannot be read counts as mentioning, so nothing is skipped wrongly."""
    wanted = tuple(words)
    try:
        with zipfile.ZipFile(template) as package:
            for name in package.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    text = TAG.sub("", package.read(name).decode("utf-8", "replace"))
                    if any(word in tag for tag in JINJA.findall(text) for word in wanted):
                        return True
    except (OSError, zipfile.BadZipFile, KeyError):
        return True
    return False
