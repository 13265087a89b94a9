"""Every document type reporter renders: those bound into the booklet, in its default order,
then the others (converted to PDF too, never bound)."""

from __future__ import annotations

from reporter.documents.notice import NOTICE
from reporter.documents.rectification import RECTIFICATION
from reporter.documents.remind import REMINDER
from reporter.documents.report import REPORT
from reporter.documents.spec import DocumentSpec
from reporter.documents.tasks import BREAKDOWN, TASK_LIST

BOOKLET_DOCUMENTS: tuple[DocumentSpec, ...] = (REPORT, BREAKDOWN, NOTICE, TASK_LIST, RECTIFICATION)
DOCUMENTS: tuple[DocumentSpec, ...] = (*BOOKLET_DOCUMENTS, REMINDER)
BY_NAME = {spec.name: spec for spec in DOCUMENTS}
