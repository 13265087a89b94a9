"""Every unit's personalised workbook, the master parsed once and the forms built on both cores.

Each worker process receives the parsed master, the campaign and the tasks once, then
builds the forms of the units it is given; the workbooks come back in unit order, byte for
byte what ``build.form_bytes`` gives in-process.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from reporter.intake.build import MasterForm, form_bytes
from reporter.model import Campaign, Task
from reporter.processes import map_batch

IN_PROCESS_BELOW = 16  # fewer forms than this are built in-process: starting workers costs more

#: Last period's label and every unit's values then (by unit code), shown beside the figures.
Previous = tuple[str, Mapping[str, Mapping[str, Decimal]]]

_BATCH: tuple[MasterForm, Campaign, tuple[Task, ...], Previous | None] | None = None


def forms_many(master: MasterForm, campaign: Campaign, tasks: tuple[Task, ...], previous: Previous | None = None,
               workers: int | None = None) -> Iterator[bytes]:
    """The workbook of every unit of ``campaign``, in unit order."""
    yield from map_batch(_start, (master, campaign, tasks, previous), _form_of, range(len(campaign.units)),
                         IN_PROCESS_BELOW, workers)


def _start(master: MasterForm, campaign: Campaign, tasks: tuple[Task, ...], previous: Previous | None) -> None:
    global _BATCH
    _BATCH = (master, campaign, tasks, previous)


def _form_of(index: int) -> bytes:
    assert _BATCH is not None, "worker started without its batch"
    master, campaign, tasks, previous = _BATCH
    unit = campaign.units[index]
    own = None if previous is None else (previous[0], previous[1].get(unit.code, {}))
    return form_bytes(master, "", campaign, unit, tasks, own)
