"""The units' workbooks read on both cores: those the cache does not remember are parsed in
two worker processes when there are many of them; the readings come back in file order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reporter.intake.read_cache import ReadCache
from reporter.intake.sheets import SheetResult
from reporter.intake.unit_form import read_submission
from reporter.model import Campaign, Source, Submission, Task
from reporter.processes import map_batch

IN_PROCESS_BELOW = 32  # fewer workbooks to parse than this are read in-process

_READING: tuple[Campaign, tuple[Task, ...]] | None = None


def read_submissions(sources: Sequence[Source], campaign: Campaign, tasks: tuple[Task, ...],
                     cache: ReadCache) -> Iterator[SheetResult[Submission]]:
    """The reading of every unit workbook in ``sources``, in order."""
    remembered = [cache.recall("form", s.path) for s in sources]
    missing = [s for s, (_key, value) in zip(sources, remembered) if value is None]
    fresh = map_batch(_start, (campaign, tasks), _read, missing, IN_PROCESS_BELOW)
    for source, (key, value) in zip(sources, remembered):
        if value is None:
            value = next(fresh)
            cache.remember("form", source.path, key, value)
        yield value


def _start(campaign: Campaign, tasks: tuple[Task, ...]) -> None:
    global _READING
    _READING = (campaign, tasks)


def _read(source: Source) -> SheetResult[Submission]:
    assert _READING is not None, "worker started without its campaign"
    campaign, tasks = _READING
    return read_submission(source, campaign, tasks)
