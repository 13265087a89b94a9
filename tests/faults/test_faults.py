"""Faults and interruptions: a failed write, Ctrl-C in a batch, LibreOffice killed, two runs at
once, and reproducible output. Earlier outputs stay intact and nothing half-written remains."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from reporter.publish.files import OutputBatch
from tests.conftest import copy_example, ctrl_c_as_at_a_terminal, run, snapshot


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".~*.tmp")]


def test_disk_full_half_way_keeps_earlier_outputs(built_copy: Path, monkeypatch):
    example_ws = built_copy  # earlier outputs of reporter tasks (and the others) in place
    before = snapshot(example_ws / "outputs")
    real_add = OutputBatch.add
    calls = []

    def failing_add(self, destination, data):
        calls.append(destination)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_add(self, destination, data)

    monkeypatch.setattr(OutputBatch, "add", failing_add)
    result = run("tasks", "-w", str(example_ws))
    assert result.exit_code == 3
    assert "文件读写失败（磁盘已满）" in result.output
    monkeypatch.setattr(OutputBatch, "add", real_add)
    assert snapshot(example_ws / "outputs") == before
    assert temp_files(example_ws / "outputs") == []
    assert run("tasks", "-w", str(example_ws)).exit_code == 0


def test_write_error_inside_the_file_is_a_chinese_message(example_ws: Path, monkeypatch):
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    result = run("report", "-w", str(example_ws))
    assert result.exit_code == 3
    assert "写入失败（No space left on device）" in result.output and "原有文件保持不变" in result.output
    monkeypatch.undo()
    assert temp_files(example_ws / "outputs") == []
    assert run("report", "-w", str(example_ws)).exit_code == 0


def reporter(*args: str, ws: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reporter", *args, "-w", str(ws)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=ctrl_c_as_at_a_terminal)


def test_ctrl_c_in_a_batch_leaves_outputs_as_they_were(example_ws: Path):
    from scripts.bench import make_big_round

    make_big_round(example_ws, units=120, problems=1200)
    # A run that wrote everything before the signal came finished legitimately (a late Ctrl-C
    # does not undo a finished run): on a busy machine that can happen, so try again.
    for _attempt in range(3):
        assert run("notice", "-w", str(example_ws), "--round", "2").exit_code == 0
        before = snapshot(example_ws / "outputs")
        process = reporter("notice", ws=example_ws)
        deadline = time.time() + 60
        while time.time() < deadline and not temp_files(example_ws / "outputs"):
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        _out, err = process.communicate(timeout=120)
        if process.returncode != 0:
            break
    assert process.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err
    assert snapshot(example_ws / "outputs") == before
    assert temp_files(example_ws / "outputs") == []
    assert run("notice", "-w", str(example_ws)).exit_code == 0


# --- processes this test started, found through /proc (never by name across the machine) ---


def proc_stat(pid: int) -> tuple[str, int, int] | None:
    """(command name, parent's pid, start time) of a running process, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return None
    # pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    # cutime cstime priority nice num_threads itrealvalue starttime …; comm may hold spaces and ")".
    name, fields = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
    return name, int(fields[1]), int(fields[19])


def descendants(ancestor: int) -> dict[int, tuple[str, int]]:
    """The processes whose chain of parents leads to ``ancestor``: pid -> (name, start time)."""
    children: dict[int, list[tuple[int, str, int]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := proc_stat(int(entry.name))) is not None:
            name, parent, started = info
            children.setdefault(parent, []).append((int(entry.name), name, started))
    found: dict[int, tuple[str, int]] = {}
    todo = [ancestor]
    while todo:
        for pid, name, started in children.get(todo.pop(), []):
            found[pid] = (name, started)
            todo.append(pid)
    return found


def kill_exactly(pid: int, started: int) -> bool:
    """SIGKILL the process ``pid`` if it is still the one that started at ``started``.

    A pidfd pins the process, so a pid reused in between is never signalled."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return False
    try:
        info = proc_stat(pid)
        if info is None or info[2] != started:
            return False
        signal.pidfd_send_signal(handle, signal.SIGKILL)
        return True
    except ProcessLookupError:
        return False
    finally:
        os.close(handle)


def _pdf_while_killing_libreoffice(pdf_ws: Path, tmp_path: Path, kills: int) -> tuple[Path, dict, int, str]:
    """reporter pdf (in a session of its own) converting two documents, the LibreOffice it
    starts killed (soffice.bin) up to ``kills`` times: the workspace, its old PDFs, the exit
    code and standard error."""
    ws = copy_example(tmp_path / "ws")
    names = ("工作情况汇报", "责任分解表")
    (ws / "outputs").mkdir()
    for name in names:
        for suffix in (".docx", ".pdf"):
            shutil.copy2(pdf_ws / "outputs" / f"{name}{suffix}", ws / "outputs" / f"{name}{suffix}")
    old = {name: data for name, data in snapshot(ws / "outputs").items() if name.endswith(".pdf")}
    process = reporter("pdf", "--force", ws=ws)
    seen: dict[int, tuple[str, int]] = {}
    killed: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(killed) < kills and process.poll() is None:
            seen.update(descendants(process.pid))
            killed.update(pid for pid, (name, started) in seen.items()
                          if name == "soffice.bin" and pid not in killed and kill_exactly(pid, started))
            time.sleep(0.05)
        assert killed, f"no soffice.bin among the processes reporter pdf started: {seen}"
        _out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: only what it started
            process.wait()
        for pid, (_name, started) in seen.items():  # anything left over, e.g. orphaned helpers
            kill_exactly(pid, started)
    return ws, old, process.returncode, err


@pytest.mark.libreoffice
@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "pidfd_open"),
                    reason="finds its own LibreOffice through /proc and pidfds (Linux)")
def test_libreoffice_killed_once_during_pdf_is_run_again(pdf_ws: Path, tmp_path: Path, soffice: str):
    """The documents of a LibreOffice that died are converted again: the run finishes."""
    ws, old, returncode, err = _pdf_while_killing_libreoffice(pdf_ws, tmp_path, kills=1)
    assert returncode == 0, err
    new = {name: data for name, data in snapshot(ws / "outputs").items() if name.endswith(".pdf")}
    assert new.keys() == old.keys() and all(data.startswith(b"%PDF") for data in new.values())
    assert temp_files(ws / "outputs") == []


@pytest.mark.libreoffice
@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "pidfd_open"),
                    reason="finds its own LibreOffice through /proc and pidfds (Linux)")
def test_killing_libreoffice_during_pdf(pdf_ws: Path, tmp_path: Path, soffice: str):
    """Every LibreOffice reporter pdf starts is killed: exit 3, each document named, no
    traceback, the earlier PDFs kept, and the next run works."""
    ws, old, returncode, err = _pdf_while_killing_libreoffice(pdf_ws, tmp_path, kills=1000)
    assert returncode == 3, err
    assert "Traceback" not in err
    assert "outputs/工作情况汇报.docx: " in err and "outputs/责任分解表.docx: " in err
    assert {name: data for name, data in snapshot(ws / "outputs").items() if name.endswith(".pdf")} == old
    assert temp_files(ws / "outputs") == []
    result = run("pdf", "-w", str(ws), "--force")
    assert result.exit_code == 0, result.output


def test_two_reports_at_once(example_ws: Path):
    first, second = reporter("report", ws=example_ws), reporter("report", ws=example_ws)
    results = [p.communicate(timeout=120) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    document = docx.Document(example_ws / "outputs" / "工作情况汇报.docx")
    assert document.paragraphs[0].text == "古塔区“三城联创”工作情况汇报"
    with zipfile.ZipFile(example_ws / "outputs" / "工作情况汇报-数据来源.xlsx") as archive:
        assert archive.testzip() is None
    assert temp_files(example_ws / "outputs") == []


def test_everything_twice_gives_identical_bytes(example_ws: Path, built_ws: Path):
    """make all's documents and workbooks, built twice from scratch (here, and once for the
    whole test run in built_ws, in another folder), are byte-identical."""
    for command in ("forms", "report", "tasks", "notice"):
        assert run(command, "-w", str(example_ws)).exit_code == 0

    def documents(ws: Path) -> dict[str, bytes]:
        return {name: data for name, data in snapshot(ws / "outputs").items() if name.endswith((".docx", ".xlsx"))}

    first, second = documents(built_ws), documents(example_ws)
    assert len(first) > 50
    assert first == second


def test_formula_like_text_is_stored_as_text_everywhere(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'contact = "赵丽 0416-2110001"', 'contact = "=HYPERLINK(\\"http://x\\",\\"y\\")"'), encoding="utf-8")
    notes = example_ws / "inputs" / "2018-11" / "区委宣传部.xlsx"
    wb = load_workbook(notes)
    wb["工作举措"]["C3"].value = "=1+1"
    wb["工作举措"]["C3"].data_type = "s"
    wb.save(notes)
    rounds = example_ws / "inputs" / "督查" / "第2轮督查.xlsx"
    wb = load_workbook(rounds)
    wb["督查记录"]["G15"].value = '=HYPERLINK("http://x","y")'
    wb["督查记录"]["G15"].data_type = "s"
    wb.save(rounds)
    for command in ("forms", "report", "notice"):
        assert run(command, "-w", str(example_ws)).exit_code == 0
    written = [example_ws / "outputs" / "forms" / "2018-11" / "东城街道.xlsx",
               example_ws / "outputs" / "工作情况汇报-数据来源.xlsx",
               example_ws / "outputs" / "督查问题台账.xlsx"]
    checked = 0
    for path in written:
        wb = load_workbook(path)
        texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.startswith("=")]
        assert texts or path.name == "东城街道.xlsx", path
        assert all(c.data_type == "s" for c in texts), path
        with zipfile.ZipFile(path) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert sheets, path
            assert not any(b"<f>" in archive.read(n) for n in sheets), path
        checked += 1
    assert checked == 3
    titles = [c.value for c in load_workbook(written[1])["举措来源"]["C"]]
    assert "=1+1" in titles
