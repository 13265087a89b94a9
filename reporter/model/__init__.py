"""Plain, frozen records that flow between the layers of reporter.

Nothing here reads files or formats text: the campaign as configured (``campaign``), what
each unit reported, with the cell it came from (``inputs``), the inspection rounds
(``inspection``), the figures aggregated from the reports (``figures``) and what documents
place besides text (``layout``). Every record is importable from ``reporter.model`` itself.
"""

from reporter.model.campaign import (
    unit_counter,
    Aggregation,
    Campaign,
    Indicator,
    InspectionRules,
    Period,
    ProblemCategory,
    Section,
    Unit,
)
from reporter.model.due_dates import ReportingDeadline
from reporter.model.figures import Contribution, Figure
from reporter.model.inputs import (
    TASK_STATES,
    CellRef,
    Deadline,
    DeadlineKind,
    IndicatorValue,
    Source,
    Submission,
    Task,
    TaskProgress,
    WorkNote,
)
from reporter.model.inspection import RECTIFY_STATES, Finding, InspectionRound
from reporter.model.layout import (
    BarChart,
    CellMerge,
    ChartBar,
    Highlight,
    ImageRef,
    PageableTable,
    PlacedNote,
    TableProbe,
)

__all__ = [
    "RECTIFY_STATES",
    "TASK_STATES",
    "unit_counter",
    "Aggregation",
    "BarChart",
    "Campaign",
    "CellMerge",
    "CellRef",
    "ChartBar",
    "Contribution",
    "ReportingDeadline",
    "Deadline",
    "DeadlineKind",
    "Figure",
    "Finding",
    "Highlight",
    "ImageRef",
    "Indicator",
    "IndicatorValue",
    "InspectionRound",
    "InspectionRules",
    "PageableTable",
    "Period",
    "PlacedNote",
    "ProblemCategory",
    "Section",
    "Source",
    "Submission",
    "TableProbe",
    "Task",
    "TaskProgress",
    "Unit",
    "WorkNote",
]
