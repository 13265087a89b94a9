"""Per-unit batches: one template, many documents, rendered in worker processes.

The workers are forked with the parent's ``Renderer`` (compiled templates cannot be sent
between processes, but a forked process has them already) and render their share of the jobs; the documents come back in the order of the
jobs, byte for byte what the same ``Renderer`` gives in-process. Small batches render
in-process, where starting workers would cost more than it saves. Ctrl-C reaches the
whole process group: workers ignore it and the parent stops the pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reporter.feedback import Progress, no_progress
from reporter.model import CellMerge, Source
from reporter.processes import default_workers, map_in_workers
from reporter.render.environment import Filters
from reporter.render.measure import DATES_ONLY, Lexicon
from reporter.render.properties import DocumentInfo
from reporter.render.renderer import Renderer

IN_PROCESS_BELOW = 8


@dataclass(frozen=True)
class Job:
    """One document of a batch: its context, its properties and table cells to merge."""

    context: Mapping[str, Any]
    info: DocumentInfo
    merges: tuple[CellMerge, ...] = ()


_WORKER: Renderer | None = None


def _start_worker(renderer: Renderer) -> None:
    global _WORKER
    _WORKER = renderer


def _render_in_worker(job: Job) -> bytes:
    assert _WORKER is not None, "worker started without its renderer"
    return _WORKER.render(job.context, job.info, job.merges)


def render_many(source: Source, jobs: Sequence[Job], filters: Filters | None = None,
                progress: Progress = no_progress, label: str = "生成文档",
                workers: int | None = None, lexicon: Lexicon = DATES_ONLY) -> Iterator[bytes]:
    """Every job's document, in order; in worker processes when the batch is large enough
    to repay starting them. The workers are forked with the renderer compiled here, its
    template's unchanged parts already compressed."""
    workers = workers or default_workers()
    renderer = Renderer(source, filters, lexicon)  # template errors surface here, not inside a worker
    if len(jobs) < IN_PROCESS_BELOW or workers < 2:
        documents: Iterable[bytes] = (renderer.render(j.context, j.info, j.merges) for j in jobs)
        yield from progress(documents, label)
        return
    renderer.compress_unchanged_parts()
    results = map_in_workers(_start_worker, (renderer,), _render_in_worker, jobs, workers)
    yield from progress(results, label)
