"""Every document type reporter renders, in the default booklet order."""

from __future__ import annotations

from reporter.documents.notice import NOTICE, RECTIFICATION
from reporter.documents.report import REPORT
from reporter.documents.spec import DocumentSpec
from reporter.documents.tasks import BREAKDOWN, TASK_LIST

DOCUMENTS: tuple[DocumentSpec, ...] = (REPORT, BREAKDOWN, NOTICE, TASK_LIST, RECTIFICATION)
BY_NAME = {spec.name: spec for spec in DOCUMENTS}
