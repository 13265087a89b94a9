"""Writing a command's outputs: declared documents rendered from their templates, and workbooks,
all published together or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from reporter.documents.spec import DocumentSpec, Rendering
from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.model import Campaign
from reporter.publish.files import OutputBatch, locked
from reporter.render.batch import render_many
from reporter.render.lint import lint_template
from reporter.render.renderer import DocumentInfo, render_docx
from reporter.workspace import Workspace


def document_stamp(campaign: Campaign) -> dt.datetime:
    """The date written into documents' properties: the report date, or the period's first day."""
    day = campaign.report_date or dt.date(campaign.period.year, campaign.period.month, 1)
    return dt.datetime.combine(day, dt.time())


def checked_templates(ws: Workspace, campaign: Campaign, specs: Iterable[DocumentSpec],
                      missing_hint: str = "找不到模板，请恢复该文件（make templates 可重新生成）") -> None:
    """Every spec's template present and linted against what it may use; an ``InputError``
    listing every problem otherwise."""
    problems = []
    for spec in specs:
        source = ws.source(ws.docx_templates / spec.template)
        if not source.path.is_file():
            problems.append(Problem(source.display, missing_hint))
        else:
            problems.extend(lint_template(source.path, source.display, spec.vocabulary(campaign)))
    if problems:
        raise InputError(problems, f"模板有 {len(problems)} 处问题，未生成任何文件")


class Publication:
    """The outputs of one command under the workspace's output lock: staged as they are made,
    moved into ``outputs/`` together when the block ends without error, discarded otherwise."""

    def __init__(self, ws: Workspace, campaign: Campaign, stamp: dt.datetime, progress: Progress = no_progress):
        self.ws, self.campaign, self.stamp, self.progress = ws, campaign, stamp, progress
        self.written: list[Path] = []
        self._lock = locked(ws.outputs)
        self._batch = OutputBatch()

    def __enter__(self) -> Publication:
        self._lock.__enter__()
        try:
            self._batch.__enter__()
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            self._batch.__exit__(kind, error, trace)
        finally:
            self._lock.__exit__(kind, error, trace)

    def _info(self, rendering: Rendering) -> DocumentInfo:
        return DocumentInfo(rendering.title, self.campaign.office, self.stamp)

    def document(self, spec: DocumentSpec, rendering: Rendering,
                 filters: Mapping[str, Callable[..., Any]] | None = None) -> Path:
        """One document of a single-document spec."""
        source = self.ws.source(self.ws.docx_templates / spec.template)
        target = spec.output(self.ws.outputs)
        data = render_docx(source.path, source.display, dict(rendering.context), self._info(rendering),
                           rendering.merges)
        self._batch.add(target, data)
        self.written.append(target)
        return target

    def per_unit(self, spec: DocumentSpec, renderings: list[Rendering], label: str) -> list[Path]:
        """One document per unit into the spec's folder; documents (and PDFs) of units no longer
        listed leave the folder."""
        source = self.ws.source(self.ws.docx_templates / spec.template)
        self._batch.replace_folder(self.ws.outputs / spec.name, (".docx", ".pdf"))
        jobs = [(dict(r.context), self._info(r)) for r in renderings]
        targets = []
        for rendering, data in zip(renderings, render_many(source.path, source.display, jobs, self.progress, label)):
            target = spec.output(self.ws.outputs, rendering.stem)
            self._batch.add(target, data)
            targets.append(target)
        self.written.extend(targets)
        return targets

    def file(self, target: Path, data: bytes) -> Path:
        """Any other output (a workbook) at ``target``."""
        self._batch.add(target, data)
        self.written.append(target)
        return target

    def replace_folder(self, folder: Path, suffixes: tuple[str, ...]) -> None:
        """Files with these suffixes in ``folder`` that this publication does not write are removed."""
        self._batch.replace_folder(folder, suffixes)
