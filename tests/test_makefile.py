"""The Makefile's batches: real file dependencies, so a change rebuilds only what depends on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


def make(ws: Path, *targets: str, dry: bool = False) -> str:
    args = ["make", "--no-print-directory", f"WS={ws}", *targets] + (["-n"] if dry else [])
    run = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def mtimes(folder: Path) -> dict[str, float]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(example_ws: Path) -> Path:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    make(example_ws, "report", "tasks", "notice")
    return example_ws


def test_changing_one_workbook_rebuilds_only_what_uses_it(built: Path):
    before = mtimes(built / "outputs")
    time.sleep(1.1)
    (built / "inputs" / "2018-11" / "东城街道.xlsx").touch()
    planned = make(built, "report", "tasks", "notice", dry=True)
    assert "reporter report" in planned and "reporter tasks" in planned
    assert "reporter notice" not in planned and "reporter forms" not in planned
    make(built, "report", "tasks", "notice")
    after = mtimes(built / "outputs")
    changed = {name for name in after if after[name] != before.get(name)}
    assert "工作情况汇报.docx" in changed and "责任分解表.docx" in changed
    assert not any(name.startswith("整改通知/") or name == "督查通报.docx" for name in changed)
    assert "reporter" not in make(built, "report", "tasks", "notice", dry=True)


def test_changing_a_round_rebuilds_only_the_notice(built: Path):
    time.sleep(1.1)
    os.utime(built / "inputs" / "督查" / "第2轮督查.xlsx")
    planned = make(built, "report", "tasks", "notice", dry=True)
    assert "reporter notice" in planned
    assert "reporter report" not in planned and "reporter tasks" not in planned


@pytest.mark.libreoffice
def test_all_builds_the_booklet_and_pdfs_follow_their_documents(built: Path, soffice: str):
    make(built, "all")
    assert (built / "outputs" / "汇编.pdf").is_file()
    time.sleep(1.1)
    os.utime(built / "inputs" / "督查" / "第2轮督查.xlsx")
    planned = make(built, "all", dry=True)
    assert "reporter notice" in planned and "reporter pdf" in planned and "reporter booklet" in planned
    assert "reporter report" not in planned
