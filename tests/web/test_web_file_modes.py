"""The permission of each file the intake server writes in one step (``reporter.atomic``), under
a umask that differs from every explicit mode: secrets owner-only, filed workbooks readable by
all, job results as the umask makes new files."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from reporter.web import filing
from reporter.web.backup import create_backup
from reporter.web.jobs import Jobs
from reporter.web.tokens import read_generations, write_generations
from reporter.workspace import open_workspace
from tests.conftest import mode_of
from tests.web.conftest import Server


def test_link_generations_are_owner_only(tmp_path: Path, umask_027: None):
    write_generations(tmp_path, {"东城街道": 1})
    write_generations(tmp_path, {"东城街道": 2, "西城街道": 1})
    assert read_generations(tmp_path) == {"东城街道": 2, "西城街道": 1}
    written = list((tmp_path / ".reporter").iterdir())
    assert [p.name for p in written] == ["link-generations.json"] and mode_of(written[0]) == 0o600


def test_a_staged_workbook_is_readable_by_all_and_placed_whole(example_ws: Path, umask_027: None):
    ws = open_workspace(example_ws)
    staged = filing.stage(ws, b"PK workbook")
    assert mode_of(staged) == 0o644 and staged.name.startswith("upload-") and staged.name.endswith(".tmp")
    destination = ws.inputs / "2018-11" / "东城街道.xlsx"
    filing.place(staged, destination)
    assert destination.read_bytes() == b"PK workbook" and mode_of(destination) == 0o644 and not staged.exists()


def test_a_job_result_gets_the_mode_of_new_files(tmp_path: Path, umask_027: None):
    holder = SimpleNamespace(folder=tmp_path / "results")
    path = Jobs._keep_result(holder, "job1", "../汇报.zip", b"zip")  # type: ignore[arg-type]
    assert path == tmp_path / "results" / "job1" / "汇报.zip" and path.read_bytes() == b"zip"
    assert mode_of(path) == 0o640 and mode_of(path.parent) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["汇报.zip"]


def test_a_backup_is_owner_only(server: Server, tmp_path: Path, umask_027: None):
    made = create_backup(server.ws, tmp_path / "备份.zip")
    assert made.path == tmp_path / "备份.zip" and mode_of(made.path) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
