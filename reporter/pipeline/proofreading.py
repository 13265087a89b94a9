"""Proofreading notices on the documents a command wrote: slips in their printed text
(``cnfmt.proofread``), each addressed by file and paragraph.

Notices never stop a command: the documents are written, the exit code stays as it was.
Only single documents are proofread; the per-unit batches (任务清单, 整改通知书) repeat the
text of the 责任分解表 and the 督查通报, which are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reporter.cnfmt.proofread import Finding, proofread
from reporter.errors import Problem, os_reason
from reporter.render.printed_paragraphs import UnreadableDocument, printed_paragraphs
from reporter.workspace import Workspace

# Notices listed one by one for each document; beyond them, one line says how many more.
NOTICES_PER_DOCUMENT = 30


@dataclass
class Built:
    """What a command wrote, and the proofreading notices on its documents."""

    written: list[Path]
    proofreading: list[Problem]


def proofreading(ws: Workspace, documents: Iterable[Path]) -> list[Problem]:
    """The proofreading notices on ``documents`` (.docx files), in document and paragraph order."""
    notices: list[Problem] = []
    for path in documents:
        display = ws.relative(path)
        found = 0
        # Table cells repeat (units, dates, states): each text is proofread once.
        findings: dict[str, list[Finding]] = {}
        try:
            for paragraph in printed_paragraphs(path):
                if not paragraph.text:
                    continue
                if paragraph.text not in findings:
                    findings[paragraph.text] = proofread(paragraph.text)
                for finding in findings[paragraph.text]:
                    found += 1
                    if found <= NOTICES_PER_DOCUMENT:
                        notices.append(Problem(display, finding.message, where=paragraph.label))
        except (OSError, UnreadableDocument) as e:
            # The document is written already: not being able to read it back stops nothing.
            reason = os_reason(e) if isinstance(e, OSError) else str(e)
            notices.append(Problem(display, f"无法读取，未能校对（{reason}）"))
        if found > NOTICES_PER_DOCUMENT:
            notices.append(Problem(display, f"另有 {found - NOTICES_PER_DOCUMENT} 处疑似差错未逐条列出，"
                                            "请改正上面各处后重新生成，再看其余的"))
    return notices
