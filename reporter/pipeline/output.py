"""Writing a command's outputs: declared documents rendered from their templates, and workbooks,
all published together or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from functools import cached_property, partial
from pathlib import Path
from types import TracebackType
from typing import Any

from reporter.documents.spec import DocumentSpec, Rendering
from reporter.errors import InputError, Problem
from reporter.feedback import Progress, no_progress
from reporter.model import Campaign
from reporter.pipeline.templates import NOTES, template_source
from reporter.processes import give_back_memory
from reporter.pipeline.locking import locked
from reporter.publish.files import OutputBatch
from reporter.render.bounded import Limits, bounded, run_bounded
from reporter.render.chart import add_bar_chart
from reporter.render.draft import draft_marked
from reporter.render.lint import lint_template
from reporter.render.measure import Lexicon
from reporter.render.renderer import DocumentInfo, Renderer
from reporter.render.workers import Job, render_many
from reporter.workspace import Workspace


def document_stamp(campaign: Campaign) -> dt.datetime:
    """The date written into documents' properties: the report date, or the period's first day."""
    day = campaign.report_date or dt.date(campaign.period.year, campaign.period.month, 1)
    return dt.datetime.combine(day, dt.time())


def render_limits(ws: Workspace) -> Limits:
    """The memory and time one render may take, as configured ([limits] in 配置.toml)."""
    return Limits(ws.campaign.render_memory_mb, ws.campaign.render_seconds)


def checked_templates(ws: Workspace, specs: Iterable[DocumentSpec],
                      missing_hint: str = "找不到模板，请恢复该文件（make templates 可重新生成）") -> None:
    """Every spec's template present and linted against what it may use; an ``InputError``
    listing every problem otherwise. A template kept as .doc or .wps is converted here (once),
    the user told so."""
    problems = []
    for spec in specs:
        source = template_source(ws, spec, NOTES.note)
        if not source.path.is_file():
            problems.append(Problem(source.display, missing_hint))
        else:
            lint = partial(lint_template, source.path, source.display, spec.vocabulary(ws.campaign),
                           spec.template_filters())
            problems.extend(run_bounded(source.display, render_limits(ws), lint))
    if problems:
        raise InputError(problems, f"模板有 {len(problems)} 处问题，未生成任何文件")


def _with_charts(document: bytes, rendering: Rendering) -> bytes:
    """The rendered document with its native charts in place of their markers (and a draft's
    mark in its headers)."""
    for marker, chart in rendering.charts:
        document = add_bar_chart(document, marker, chart)
    return draft_marked(document) if rendering.draft else document


class Publication:
    """The outputs of one command: staged as they are made, moved into ``outputs/`` together when
    the block ends without error, discarded otherwise. The output lock is taken when the first
    output is staged, so a run that fails while rendering its first document touches nothing."""

    def __init__(self, ws: Workspace, stamp: dt.datetime, progress: Progress = no_progress):
        self.ws, self.stamp, self.progress = ws, stamp, progress
        self.written: list[Path] = []
        self._stack = ExitStack()
        self._batch: OutputBatch | None = None

    def __enter__(self) -> Publication:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stack.__exit__(kind, error, trace)

    def _staging(self) -> OutputBatch:
        if self._batch is None:
            self._stack.enter_context(locked(self.ws.outputs))
            self._batch = self._stack.enter_context(OutputBatch())
        return self._batch

    def _info(self, rendering: Rendering) -> DocumentInfo:
        return DocumentInfo(rendering.title, self.ws.campaign.office, self.stamp)

    @cached_property
    def lexicon(self) -> Lexicon:
        """The words table cells never break: unit names, the campaign's terms, dates."""
        return Lexicon(self.ws.campaign.unbroken_words)

    def document(self, spec: DocumentSpec, rendering: Rendering,
                 filters: Mapping[str, Callable[..., Any]] | None = None) -> Path:
        """One document of a single-document spec."""
        source = template_source(self.ws, spec)
        target = spec.output(self.ws.outputs)
        renderer = Renderer(source, spec.template_filters(), self.lexicon)

        def rendered() -> tuple[bytes, list[Any]]:
            data = renderer.render(rendering.context, self._info(rendering), rendering.merges, rendering.marks)
            if rendering.charts:
                give_back_memory()  # adding a chart unpacks the document again
            return _with_charts(data, rendering), [r.records() for r in rendering.recorders]
        # Rendered in a worker within the limits; what it recorded comes back with the document.
        data, records = run_bounded(source.display, render_limits(self.ws), rendered)
        for recorder, recorded in zip(rendering.recorders, records):
            recorder.adopt(recorded)
        self._staging().add(target, data)
        self.written.append(target)
        return target

    def per_unit(self, spec: DocumentSpec, renderings: list[Rendering], label: str) -> list[Path]:
        """One document per unit into the spec's folder; documents (and PDFs) of units no longer
        listed leave the folder."""
        source = template_source(self.ws, spec)
        self._staging().replace_folder(self.ws.outputs / spec.name, (".docx", ".pdf"))
        jobs = [Job(r.context, self._info(r), r.merges) for r in renderings]
        filters = spec.template_filters()
        documents = self.progress(bounded(source.display, render_limits(self.ws),
                                          lambda: render_many(source, jobs, filters, lexicon=self.lexicon)), label)
        targets = []
        for rendering, data in zip(renderings, documents):
            target = spec.output(self.ws.outputs, rendering.stem)
            self._staging().add(target, _with_charts(data, rendering))
            targets.append(target)
        self.written.extend(targets)
        return targets

    def file(self, target: Path, data: bytes) -> Path:
        """Any other output (a workbook) at ``target``."""
        self._staging().add(target, data)
        self.written.append(target)
        return target

    def replace_folder(self, folder: Path, suffixes: tuple[str, ...]) -> None:
        """Files with these suffixes in ``folder`` that this publication does not write are removed."""
        self._staging().replace_folder(folder, suffixes)
