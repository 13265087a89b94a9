"""Kill anywhere: each command killed outright (SIGKILL, as by the out-of-memory killer or a lost
session) at random moments leaves no process of it behind, the workspace's inputs/ and outputs/
each as before the run or as a complete run leaves them (never half a file), and the next run of
the same command finishes and succeeds.

A few moments per command by default, more with REPORTER_KILL_TRIALS; the moments are random,
from a fixed seed under the ci profile (REPORTER_KILL_SEED repeats a run's moments; the seed is
in every failure message)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import private_copy, require_soffice
from tests.faults.runs import (
    complete_run,
    end_all,
    files,
    half_files,
    left_behind,
    litter,
    new_mark,
    rng,
    serve,
    start,
    stop_server,
    trials,
    upload,
    whole,
)


@dataclass
class Reference:
    """A command's arguments, the workspace it starts from, what a complete run leaves there
    and how long a complete run takes (process start included)."""

    args: list[str]
    base: Path
    new: dict[str, bytes]
    seconds: float


def reference(args: list[str], base: Path, tmp: Path) -> Reference:
    ws = private_copy(base, tmp / "reference")
    code, err, seconds = complete_run(args, ws)
    assert code == 0, err
    return Reference(args, base, files(ws), seconds)


def not_as_completed(ws: Path, new: dict[str, bytes]) -> list[str]:
    """What differs from a complete run's files: read records and PDFs, whose bytes differ
    from run to run (and records' names from workspace to workspace), need only be whole."""
    now = files(ws)
    wrong = [name for name, data in now.items() if data != new.get(name) and not whole(ws, name, data)]
    missing = [name for name in new if name not in now and "/.cache/" not in name]
    return wrong + [f"{name} (missing)" for name in missing]


def kill_at(ref: Reference, offset: float, tmp: Path, seed: int) -> str:
    """One trial: the command killed ``offset`` seconds after it starts; asserts what the
    module's description says and returns how it went, for the log."""
    ws = private_copy(ref.base, tmp / f"ws-{uuid.uuid4().hex[:8]}")
    old = files(ws)
    mark = new_mark()
    where = f"{' '.join(ref.args)} killed at {offset:.2f} s (seed {seed})"
    process = start([*ref.args, "-w", str(ws)], mark, stderr=subprocess.DEVNULL, cwd=ws)
    try:
        time.sleep(offset)
        finished = process.poll() is not None
        process.kill()
        process.wait(30)
        survivors = left_behind(mark)
    finally:
        end_all(mark)
    assert not survivors, f"{where}: processes left behind: {survivors}"
    assert half_files(ws, old, ref.new) == [], f"{where}: half-written files"
    missing = [name for name in old if name in ref.new and not (ws / name).exists() and "/.cache/" not in name]
    assert missing == [], f"{where}: files lost"
    left = litter(ws)
    code, err, _seconds = complete_run(ref.args, ws)
    assert code == 0, f"{where}: the next run failed ({code}):\n{err}"
    assert not_as_completed(ws, ref.new) == [], f"{where}: the next run left other files"
    assert litter(ws) == [], f"{where}: the next run left temporary files"
    shutil.rmtree(ws)
    state = "had finished" if finished else ("left temporary files for the next run" if left else "clean")
    return f"{where}: {state}"


def kill_anywhere(ref: Reference, name: str, tmp: Path, default_trials: int = 3) -> None:
    random_source, seed = rng(f"kill {name}")
    span = ref.seconds * 1.1
    count = trials(default_trials)
    outcomes = [kill_at(ref, random_source.uniform(0.0, span), tmp, seed) for _ in range(count)]
    assert len(outcomes) == count
    print("\n".join(outcomes))


# --- the commands ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["forms", "check", "report", "tasks", "notice"])
def test_killed_command_leaves_nothing_behind(command: str, built_ws: Path, tmp_path: Path):
    kill_anywhere(reference([command], built_ws, tmp_path), command, tmp_path)


#: The documents ``reporter pdf`` converts in these tests: a few, to keep each run short (each
#: run's working directory is its workspace).
PDF_ARGS = ["pdf", "--force", "outputs/工作情况汇报.docx", "outputs/督查通报.docx", "outputs/责任分解表.docx"]


@pytest.mark.libreoffice
def test_killed_pdf_leaves_nothing_behind(pdf_ws: Path, tmp_path: Path):
    require_soffice()
    kill_anywhere(reference(PDF_ARGS, pdf_ws, tmp_path), "pdf", tmp_path)


@pytest.fixture(scope="module")
def booklet_ws(tmp_path_factory: pytest.TempPathFactory, built_ws: Path) -> Path:
    """``built_ws`` with every document converted to PDF: what ``reporter booklet`` needs."""
    require_soffice()
    ws = private_copy(built_ws, tmp_path_factory.mktemp("booklet") / "ws")
    code, err, _seconds = complete_run(["pdf"], ws, timeout=600)
    assert code == 0, err
    return ws


@pytest.mark.libreoffice
def test_killed_booklet_leaves_nothing_behind(booklet_ws: Path, tmp_path: Path):
    kill_anywhere(reference(["booklet"], booklet_ws, tmp_path), "booklet", tmp_path)


# --- the intake server during an upload ------------------------------------------------------------


def test_killed_server_during_an_upload(tmp_path: Path):
    from tests.web.conftest import make_server

    server = make_server(tmp_path)
    short = "东城街道"
    data, target = server.workbook(short), server.inputs(short)
    token, csrf = server.tokens[short], server.csrf(short)
    ws = server.ws
    old = files(ws)
    random_source, seed = rng("kill serve")

    mark = new_mark()
    process, port = serve(ws, mark, tmp_path / "tmp")
    try:
        began = time.monotonic()
        assert upload(port, token, csrf, data) == 200
        seconds = time.monotonic() - began
    finally:
        stop_server(process, mark)
    # What is filed is the workbook written from the values read, not the upload's bytes.
    new = {**old, target.relative_to(ws).as_posix(): target.read_bytes()}
    target.unlink()

    count = trials(3)
    outcomes = []
    for _ in range(count):
        offset = random_source.uniform(0.0, seconds * 1.2)
        where = f"serve killed {offset:.2f} s into an upload (seed {seed})"
        mark = new_mark()
        process, port = serve(ws, mark, tmp_path / "tmp")
        try:
            sender = threading.Thread(target=upload, args=(port, token, csrf, data), daemon=True)
            sender.start()
            time.sleep(offset)
            process.kill()
            process.wait(30)
            survivors = left_behind(mark)
        finally:
            end_all(mark)
        sender.join(60)
        assert not survivors, f"{where}: processes left behind: {survivors}"
        assert half_files(ws, old, new) == [], f"{where}: half-written files"
        kept = target.exists()
        mark = new_mark()
        process, port = serve(ws, mark, tmp_path / "tmp")
        try:
            assert upload(port, token, csrf, data) == 200, f"{where}: the next upload failed"
        finally:
            stop_server(process, mark)
        assert files(ws) == new, f"{where}: the next upload left other files"
        assert litter(ws) == [], f"{where}: an upload cut short was left behind"
        assert left_behind(mark) == {}
        target.unlink()
        outcomes.append(f"{where}: {'the upload was kept' if kept else 'the upload was not kept'}")
    assert len(outcomes) == count
    print("\n".join(outcomes))
