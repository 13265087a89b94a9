"""The document catalog: every document type declared once, consistent with what the configuration accepts."""

from __future__ import annotations

from pathlib import Path

from reporter.documents.catalog import BOOKLET_DOCUMENTS, BY_NAME, DOCUMENTS
from reporter.workspace import BOOKLET_PARTS
from reporter.workspace.config import BookletTable

ROOT = Path(__file__).resolve().parents[2]


def test_booklet_parts_are_the_declared_documents_in_default_order():
    assert tuple(spec.name for spec in BOOKLET_DOCUMENTS) == BOOKLET_PARTS
    assert BookletTable.order.default == BOOKLET_PARTS


def test_every_template_is_shipped_and_names_are_unique():
    assert len(BY_NAME) == len(DOCUMENTS)
    for spec in DOCUMENTS:
        assert (ROOT / "templates" / "docx" / spec.template).is_file(), spec.template


def test_outputs_of_single_and_per_unit_documents(tmp_path: Path):
    report, task_list = BY_NAME["工作情况汇报"], BY_NAME["任务清单"]
    assert report.output(tmp_path) == tmp_path / "工作情况汇报.docx"
    assert task_list.output(tmp_path, "东城") == tmp_path / "任务清单" / "东城.docx"
    assert report.outputs_in(tmp_path) == [] and task_list.outputs_in(tmp_path) == []
    (tmp_path / "任务清单").mkdir()
    for stem in ("西城", "东城"):
        (tmp_path / "任务清单" / f"{stem}.docx").write_bytes(b"")
    (tmp_path / "工作情况汇报.docx").write_bytes(b"")
    assert [p.stem for p in task_list.outputs_in(tmp_path)] == sorted(["西城", "东城"])
    assert report.outputs_in(tmp_path) == [tmp_path / "工作情况汇报.docx"]
    assert BY_NAME["整改通知"].booklet_group == "整改通知书" and report.booklet_group is None
