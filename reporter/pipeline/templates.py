"""Where a command finds its template, and templates saved in other formats made usable.

A document's template is ``templates/docx/<name>.docx``; when that file is absent, a Word
97-2003 (``.doc``) or WPS Writer (``.wps``) file of the same name is used instead. Such a file
(or one given to ``reporter lint``) is converted by LibreOffice into a .docx kept under
``outputs/.cache/templates/<content hash>/``, once: it is converted again only when the file
changes. The template itself is never changed. The converted .docx is checked (``sanitize``)
and rendered like any other template, and messages name the file the user keeps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reporter.documents.spec import DocumentSpec
from reporter.errors import InputError, Problem
from reporter.intake.read_cache import CACHE_FOLDER
from reporter.model import Source
from reporter.publish.word_convert import convert_to_docx
from reporter.workspace import Workspace

#: Formats LibreOffice converts into .docx, in the order they are looked for, with what users call them.
OTHER_FORMATS = {".doc": "Word 97-2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）"}
#: The folder of converted templates, under outputs/.
CONVERTED = Path(CACHE_FOLDER) / "templates"
#: Part of every cache key: a change to how templates are converted makes earlier conversions stale.
CONVERSION = b"libreoffice-docx-1\0"

Tell = Callable[[str], None]


@dataclass
class Notes:
    """Where a command tells its user something beside its results (a template it converted):
    the interface sets ``tell`` (the command line: standard error); by default nothing is shown."""

    tell: Tell = lambda line: None

    def note(self, line: str) -> None:
        """Tell ``line`` as a note (说明：…)."""
        self.tell(f"说明：{line}")


#: The notes of the command being run.
NOTES = Notes()


def template_file(ws: Workspace, spec: DocumentSpec) -> Path:
    """The file holding ``spec``'s template: ``templates/docx/<name>.docx``, else a .doc or .wps
    of the same name, else the .docx (which is then missing)."""
    docx = ws.docx_templates / spec.template
    if docx.is_file():
        return docx
    for suffix in OTHER_FORMATS:
        for other in (docx.with_suffix(suffix), docx.with_suffix(suffix.upper())):
            if other.is_file():
                return other
    return docx


def template_source(ws: Workspace, spec: DocumentSpec, tell: Tell | None = None) -> Source:
    """``spec``'s template as reporter opens it (see ``usable_source``)."""
    return usable_source(ws, template_file(ws, spec), tell)


def usable_source(ws: Workspace, path: Path, tell: Tell | None = None) -> Source:
    """The template at ``path`` as a .docx to open, named as the user knows it: itself, or for a
    .doc or .wps its conversion by LibreOffice (made when missing), ``tell`` told so in one line.
    An InputError when LibreOffice cannot read the file; a ToolError without LibreOffice."""
    display = ws.relative(path)
    kind = OTHER_FORMATS.get(path.suffix.lower())
    if kind is None or not path.is_file():
        return Source(path, display)
    converted = converted_path(ws, path)
    if not converted.is_file() and not convert_to_docx(path, converted, display):
        raise InputError([Problem(display, f"LibreOffice 无法读取这个文件（可能已损坏、设置了密码或不是 {kind}），"
                                           "请在 Word 或 WPS 中打开后另存为 .docx 格式")])
    if tell is not None:
        tell(f"{display} 是 {kind}，已由 LibreOffice 转换为 .docx 后使用（模板本身未改动）；"
             "建议在 Word 或 WPS 中把它另存为 .docx 格式")
    return Source(converted, display)


def converted_path(ws: Workspace, path: Path) -> Path:
    """Where the .docx converted from the template at ``path`` is kept: named by its content,
    so that a changed file is converted again; the file name keeps the template's name (which
    says what the template is for)."""
    digest = hashlib.sha256(CONVERSION + path.read_bytes()).hexdigest()
    return ws.outputs / CONVERTED / digest / f"{path.stem}.docx"
