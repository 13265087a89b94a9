"""Reading the template guide docs/模板写法.md and rendering its examples as ``reporter report`` would.

The guide's format, which every section follows:

- an example is a ```jinja block, one paragraph a line, followed by ``输出：`` and a ```text
  block with the paragraphs it renders to (empty paragraphs left out), or by ``报错：`` and a
  ```text block with the message ``reporter report`` gives; lines starting with ``|`` are the
  rows of a table (cells between the bars), in the template and in the output alike;
- examples render against the example workspace (this repository, period 2018-11), each in a
  fresh context; after ``<!-- guide:use NAME -->`` they render against the workspace NAME
  until the next ``## `` heading, after ``<!-- guide:draft NAME -->`` likewise but as a draft
  (``reporter report --allow-missing``);
- ``<!-- guide:config NAME -->`` before a ```toml block gives workspace NAME's configuration,
  ``<!-- guide:values NAME -->`` before a ```text table its units' figures (a header row
  ``单位 | 指标代码 …``, then one row per unit), ``<!-- guide:notes NAME -->`` its work notes
  (``单位 | 部分 | 标题 | 内容``). The test builds that workspace as a user would: ``reporter
  init``, the configuration, ``reporter forms``, the forms filled in and checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from openpyxl import load_workbook

from reporter.documents.report import REPORT
from reporter.model import Source
from reporter.pipeline.check import valid_inputs
from reporter.pipeline.history import read_history
from reporter.pipeline.report import context_of
from reporter.render.lint import lint_template
from reporter.render.properties import DocumentInfo
from reporter.render.renderer import Renderer
from reporter.workspace import open_workspace
from tests.conftest import ROOT, run

GUIDE = ROOT / "docs" / "模板写法.md"
EXAMPLE = "示例"
INFO = DocumentInfo("示例", "reporter", dt.datetime(2018, 11, 26))
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
MARKER = re.compile(r"<!-- guide:(config|values|notes|use|draft) (\S+) -->")
RESULT = re.compile(r"\s*(输出|报错)：\s*```text\n(.*?)```", re.DOTALL)


@dataclass
class Example:
    """One example of the guide: its template lines, what it prints (or the error it gives)."""

    line: int
    heading: str
    workspace: str
    template: list[str]
    expected: list[str]
    error: bool
    draft: bool = False

    @property
    def name(self) -> str:
        return f"{self.heading}@{self.line}"


@dataclass
class WorkspaceText:
    """A workspace the guide describes: its configuration, figures and work notes."""

    config: str = ""
    values: list[list[str]] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)


# A bar that separates cells: not one inside a tag ({{ x | 确数 }}).
CELL_BAR = re.compile(r"\|(?![^{]*[}%]\})")


def table_rows(text: str) -> list[list[str]]:
    """The cells of each ``| a | b |`` line."""
    return [[cell.strip() for cell in CELL_BAR.split(line.strip().strip("|"))] for line in text.strip().splitlines()]


def read_guide(text: str) -> tuple[list[Example], dict[str, WorkspaceText]]:
    """The examples of the guide, in order, and the workspaces it describes."""
    examples: list[Example] = []
    spaces: dict[str, WorkspaceText] = {}
    heading, using, pending, drafting = "", EXAMPLE, None, False
    position = 0
    for match in re.finditer(r"^## [^\n]*$|<!-- guide:\w+ \S+ -->|```(\w+)\n(.*?)```", text, re.DOTALL | re.MULTILINE):
        if match.start() < position:
            continue
        piece = match.group(0)
        if piece.startswith("## "):
            heading, using, drafting = piece[3:].strip(), EXAMPLE, False
        elif marker := MARKER.fullmatch(piece):
            kind, name = marker.groups()
            if kind in ("use", "draft"):
                using, drafting = name, kind == "draft"
            else:
                pending = (kind, name)
        elif pending is not None:
            kind, name = pending
            space = spaces.setdefault(name, WorkspaceText())
            if kind == "config":
                space.config = match.group(2)
            else:
                setattr(space, kind, table_rows(match.group(2)))
            pending = None
        elif match.group(1) == "jinja":
            result = RESULT.match(text, match.end())
            assert result, f"第{text.count(chr(10), 0, match.start()) + 1}行的 jinja 示例后缺少“输出：”或“报错：”"
            examples.append(Example(text.count("\n", 0, match.start()) + 1, heading, using,
                                    match.group(2).rstrip("\n").split("\n"),
                                    result.group(2).rstrip("\n").split("\n"), result.group(1) == "报错", drafting))
            position = result.end()
    return examples, spaces


def write_template(path: Path, lines: list[str]) -> Path:
    """A .docx with one paragraph per line; consecutive ``|`` lines make a table."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            grid = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
            rows.clear()

    for line in lines:
        if line.startswith("|"):
            rows.append(table_rows(line)[0])
        else:
            flush()
            document.add_paragraph(line)
    flush()
    document.save(path)
    return path


def rendered_lines(data: bytes, path: Path) -> list[str]:
    """The non-empty paragraphs and table rows (``| a | b |``) of a rendered document, in order."""
    path.write_bytes(data)
    document = docx.Document(path)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            text = "".join(t.text or "" if t.tag.endswith("}t") else "\n" for t in block.iter()
                           if t.tag.endswith(("}t", "}br")))
            lines.extend(line for line in text.split("\n") if line.strip())
        elif block.tag.endswith("}tbl"):
            for row in docx.table.Table(block, document).rows:
                lines.append("| " + " | ".join(cell.text for cell in row.cells) + " |")
    return lines


class GuideWorkspace:
    """A workspace whose checked inputs are read once, to render any number of examples."""

    def __init__(self, root: Path):
        self.root = root
        self.ws = open_workspace(root)
        self.checked = valid_inputs(self.ws, self.ws.campaign, rounds=False)

    def lint(self, lines: list[str], folder: Path) -> list[str]:
        """What ``reporter lint`` finds in the example's template."""
        template = write_template(folder / "模板.docx", lines)
        vocabulary = REPORT.vocabulary(self.ws.campaign)
        return [str(p) for p in lint_template(template, "模板.docx", vocabulary, REPORT.template_filters())]

    def render(self, lines: list[str], folder: Path, draft: bool = False) -> list[str]:
        """The example rendered as ``reporter report`` renders it (with ``draft``, as a draft)."""
        template = write_template(folder / "模板.docx", lines)
        renderer = Renderer(Source(template, "templates/docx/工作情况汇报.docx"), REPORT.template_filters())
        context = context_of(self.ws.campaign, self.checked.submissions, self.checked.tasks,
                             read_history(self.ws, self.ws.campaign, self.checked.submissions, self.checked.tasks),
                             allow_missing=draft)
        return rendered_lines(renderer.render(context.values, INFO), folder / "输出.docx")


def build_workspace(root: Path, space: WorkspaceText) -> Path:
    """The workspace a guide's worked example describes, made as a user makes one."""
    assert run("init", str(root)).exit_code == 0
    (root / "inputs" / "配置.toml").write_text(space.config, encoding="utf-8")
    result = run("forms", "-w", str(root))
    assert result.exit_code == 0, result.output
    period = open_workspace(root).campaign.period
    (root / "inputs" / period.key).mkdir(exist_ok=True)
    filled = dt.date(period.year, period.month, 20)
    header, *rows = space.values
    notes = {}
    for unit, *note in space.notes[1:]:
        notes.setdefault(unit, []).append(note)
    for row in rows:
        unit = row[0]
        _fill(root / "outputs" / "forms" / period.key / f"{unit}.xlsx", root / "inputs" / period.key / f"{unit}.xlsx",
              dict(zip(header[1:], row[1:])), notes.get(unit, []), filled)
    result = run("check", "-w", str(root))
    assert result.exit_code == 0, result.output
    return root


def _fill(form: Path, target: Path, values: dict[str, str], notes: list[list[str]], filled: dt.date) -> None:
    wb = load_workbook(form)
    info = wb["基本信息"]
    info["B6"].value, info["B7"].value, info["B8"].value = "王芳", "0000-1234567", filled
    sheet = wb["工作指标"]
    for row in range(3, sheet.max_row + 1):
        code = sheet[f"F{row}"].value
        if code and values.get(code, "") != "":
            number = values[code]
            sheet[f"D{row}"].value = float(number) if "." in number else int(number)
    sheet = wb["工作举措"]
    for row, (section, title, text) in enumerate(notes, start=3):
        sheet[f"B{row}"].value, sheet[f"C{row}"].value, sheet[f"D{row}"].value = section, title, text
    wb.save(target)
