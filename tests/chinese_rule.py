"""The rule for "Chinese" that the tests hold every user message to (``english_words``).

After removing what a user types or reads as a name, not as a sentence, no word of two or more
Latin letters may remain. Removed first: text in backticks (code named on purpose), Jinja tags
(``{{ … }}``, ``{% … %}``), web addresses, option names (``-w``, ``--allow-missing``), file names
and paths (any word with ``.`` or ``/`` in it: ``outputs/汇编.pdf``, ``配置.toml``), and these
names: the program ``reporter``, its command names (typed by users), and the products PDF, Word,
WPS, Excel, LibreOffice, Makefile and Caddy.
"""

from __future__ import annotations

import re

from reporter.cli import cli

COMMANDS = sorted(cli.commands)
NAMES = {"reporter", "PDF", "Word", "WPS", "Excel", "LibreOffice", "Makefile", "Caddy", *COMMANDS}
CODE = re.compile(r"`[^`]*`|\{\{.*?\}\}|\{%.*?%\}|https?://\S+")
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
PATHLIKE = re.compile(r"[\w\-\u4e00-\u9fff]*[./][\w./\-\u4e00-\u9fff]*")
WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    """The Latin words left in ``text`` after the names the module docstring allows."""
    for pattern in (CODE, OPTION, PATHLIKE):
        text = pattern.sub(" ", text)
    return [word for word in WORD.findall(text) if word not in NAMES]
