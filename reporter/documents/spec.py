"""The declaration of a document type: its template, where it is written, what it offers.

Every document reporter renders is declared once as a ``DocumentSpec`` in its own module
(report.py, tasks.py, notice.py); the pipeline renders any declared set with one function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from reporter.model import BarChart, Campaign, CellMerge
from reporter.printed import Marks
from reporter.vocabulary import Vocabulary


class Recorder(Protocol):
    """Something the template's rendering writes into as it uses it (the figures it shows, the
    notes it places). Documents render in a worker process: what it recorded there is sent
    back and adopted by the caller's recorder."""

    def records(self) -> Any:
        """What this recorder has recorded (picklable)."""

    def adopt(self, records: Any) -> None:
        """Take over ``records`` as recorded by another copy of this recorder."""


@dataclass(frozen=True)
class Rendering:
    """One document to render: its context, its title (document properties), the output
    file's stem (a unit's short name in a per-unit set), table merges and charts to apply."""

    context: Mapping[str, Any]
    title: str
    stem: str
    merges: tuple[CellMerge, ...] = ()
    # Native charts put in after rendering, each in place of the marker text the context gave it.
    charts: tuple[tuple[str, BarChart], ...] = ()
    # The marks around traced figures, read back as printed (see ``reporter.printed``).
    marks: Marks | None = None
    # What the rendering records into, adopted from the worker that rendered it.
    recorders: tuple[Recorder, ...] = ()
    # A draft: 草稿 in the header of every page (see ``draft_of`` for where it is written).
    draft: bool = False


@dataclass(frozen=True)
class DocumentSpec:
    """One kind of document.

    ``name`` is the output's stem (``outputs/督查通报.docx``) or, for a per-unit set, the folder
    (``outputs/整改通知/<简称>.docx``); ``template`` the file under ``templates/docx/``;
    ``vocabulary`` what its template may use in a workspace; ``filters`` the template's own
    filters besides the renderer's (module-level functions, so worker processes can take
    them); ``booklet_group`` the bookmark group of a per-unit set in the booklet.
    """

    name: str
    template: str
    vocabulary: Callable[[Campaign], Vocabulary]
    filters: Callable[[], Mapping[str, Callable[..., Any]]] | None = None
    per_unit: bool = False
    booklet_group: str | None = None

    def template_filters(self) -> Mapping[str, Callable[..., Any]] | None:
        """The filters this document's template may use besides the standard ones."""
        return self.filters() if self.filters else None

    def output(self, outputs: Path, stem: str | None = None) -> Path:
        """Where a document of this kind is written (``stem``: the unit of a per-unit set)."""
        if self.per_unit:
            if stem is None:
                raise ValueError(f"{self.name} is written per unit: a stem is required")
            return outputs / self.name / f"{stem}.docx"
        return outputs / f"{self.name}.docx"

    def outputs_in(self, outputs: Path) -> list[Path]:
        """The documents of this kind present in ``outputs`` (per-unit sets sorted by name)."""
        if self.per_unit:
            return sorted((outputs / self.name).glob("*.docx"))
        path = self.output(outputs)
        return [path] if path.is_file() else []


#: What a draft's file name adds to the document's: outputs/工作情况汇报（草稿）.docx.
DRAFT_SUFFIX = "（草稿）"


def draft_of(spec: DocumentSpec) -> DocumentSpec:
    """The draft of a single-document spec: rendered from the same template, written beside the
    final document under its own name, so that a draft never replaces it."""
    return replace(spec, name=f"{spec.name}{DRAFT_SUFFIX}")


def fixed(*names: str) -> Callable[[Campaign], Vocabulary]:
    """The vocabulary of a template whose variables do not depend on the workspace."""
    vocabulary = Vocabulary.of(names)
    return lambda campaign: vocabulary
