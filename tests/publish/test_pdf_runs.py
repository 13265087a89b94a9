"""How ``reporter pdf`` runs LibreOffice, with a stand-in for it: a call is stopped only when it
produces nothing for a while, a document that fails fails alone (the others are written, it is
named with its reason), documents are taken longest first, and progress counts documents and
pages."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from reporter.errors import EXIT_TOOL, ToolError
from reporter.publish import pdf_pool, soffice
from reporter.publish.pdf import Converted, convert
from tests.publish.standin import calls, document, stand_in

# --- one LibreOffice run: limited by progress, not by its length ---------------------------------

# Writes to its output a little every 0.2 s for 3 s: slow, but never still for a second.
STEADY = """#!/bin/sh
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
i=0
while [ $i -lt 15 ]; do printf 'x' >> "$out/0001.pdf"; sleep 0.2; i=$((i+1)); done
"""

# Writes once, then goes quiet.
STALLS = """#!/bin/sh
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
echo $$ > "{pid}"
printf 'x' > "$out/0001.pdf"
sleep 60
"""


def _script(folder: Path, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "soffice"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def _input(folder: Path) -> Path:
    path = folder / "in" / "0001.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"docx")
    return path


def test_a_slow_but_steady_libreoffice_outlives_a_short_limit(tmp_path: Path):
    program = _script(tmp_path / "bin", STEADY)
    started = time.monotonic()
    finished = soffice.run(program, tmp_path / "call", [_input(tmp_path)], "pdf", idle=1.0)
    assert finished.returncode == 0
    assert time.monotonic() - started >= 2.5  # three times the limit, and not stopped
    assert (tmp_path / "call" / "out" / "0001.pdf").read_bytes() == b"x" * 15


def test_a_libreoffice_that_stalls_is_stopped_with_its_process_group(tmp_path: Path):
    pid_file = tmp_path / "pid"
    program = _script(tmp_path / "bin", STALLS.format(pid=pid_file))
    started = time.monotonic()
    with pytest.raises(soffice.Stopped) as stopped:
        soffice.run(program, tmp_path / "call", [_input(tmp_path)], "pdf", idle=1.0)
    assert stopped.value.idle and stopped.value.seconds == 1.0
    assert 1.0 <= time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_written_hears_of_each_output_once_it_is_complete(tmp_path: Path):
    program, _log = stand_in(tmp_path / "bin")
    folder = tmp_path / "call"
    inputs = [document(folder / "in" / f"{i:04d}.docx", f"d{i}", "good", i) for i in (1, 2, 3)]
    heard: list[str] = []
    finished = soffice.run(program, folder, inputs, "pdf", idle=30, written=lambda p: heard.append(p.name))
    assert finished.returncode == 0
    assert heard == ["0001.pdf", "0002.pdf", "0003.pdf"]


def test_a_program_that_cannot_start_is_not_started(tmp_path: Path):
    with pytest.raises(soffice.NotStarted):
        soffice.run(str(tmp_path / "nothing-here"), tmp_path / "call", [_input(tmp_path)], "pdf")


# --- a run of many documents ---------------------------------------------------------------------

@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    folder = tmp_path / "outputs"
    folder.mkdir()
    return folder


def test_one_bad_document_fails_alone_and_is_named(tmp_path: Path, outputs: Path):
    program, log = stand_in(tmp_path / "bin")
    # Larger first: 好0, 好1, 好2, 坏, 好3, 好4, 好5 in one call.
    docs = [document(outputs / f"好{i}.docx", f"好{i}", "good", 2, padding=600 - 100 * i - 100 * (i > 2))
            for i in range(6)]
    bad = document(outputs / "坏.docx", "坏", "bad", padding=300)
    docs.insert(3, bad)
    old = bad.with_suffix(".pdf")
    old.write_bytes(b"old")
    with pytest.raises(ToolError) as caught:
        convert(docs, soffice=program, workers=1, display=lambda p: p.name)
    assert caught.value.exit_code == EXIT_TOOL == 3
    lines = str(caught.value).splitlines()
    assert lines[0] == ("坏.docx: LibreOffice 转换失败（退出码 1）：Error: source file could not be loaded，"
                        "未生成 PDF，原有文件保持不变")
    assert lines[1] == "其余 6 个 PDF 已转换并写入"
    assert old.read_bytes() == b"old"
    for doc in docs:
        if doc != bad:
            assert doc.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    given = calls(log)
    assert [entry["name"] for entry in given if entry["call"] == 7] == ["好0", "好1", "好2", "坏"]  # then it stopped
    assert [entry["name"] for entry in given if entry["call"] == 1] == ["坏"]  # the one it was on, alone
    assert [entry["name"] for entry in given if entry["call"] == 3] == ["好3", "好4", "好5"]  # the rest, again


def test_documents_that_fail_alone_each_fail_alone(tmp_path: Path, outputs: Path):
    program, log = stand_in(tmp_path / "bin")
    docs = [document(outputs / f"{name}.docx", name, *what, padding=pad)
            for name, what, pad in (("一", ("good", 1), 500), ("二", ("bad",), 400), ("三", ("good", 1), 300),
                                    ("四", ("bad",), 200), ("五", ("good", 1), 100))]
    with pytest.raises(ToolError) as caught:
        convert(docs, soffice=program, workers=1, display=lambda p: p.name)
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == ["二.docx", "四.docx"]
    assert lines[2] == "其余 3 个 PDF 已转换并写入"
    assert sorted(p.name for p in outputs.glob("*.pdf")) == ["一.pdf", "三.pdf", "五.pdf"]
    assert {"二", "四"} <= {entry["name"] for entry in calls(log) if entry["call"] == 1}


def test_a_stalled_document_fails_alone_and_the_others_are_written(tmp_path: Path, outputs: Path):
    program, log = stand_in(tmp_path / "bin")
    docs = [document(outputs / "甲.docx", "甲", "good", 1), document(outputs / "卡.docx", "卡", "hang"),
            document(outputs / "乙.docx", "乙", "good", 1)]
    started = time.monotonic()
    with pytest.raises(ToolError) as caught:
        convert(docs, soffice=program, workers=1, idle=3.0, display=lambda p: p.name)
    assert time.monotonic() - started < 40
    assert str(caught.value).splitlines() == ["卡.docx: LibreOffice 连续 3 秒没有任何进展，已终止，未生成 PDF",
                                             "其余 2 个 PDF 已转换并写入"]
    assert (outputs / "甲.pdf").is_file() and (outputs / "乙.pdf").is_file() and not (outputs / "卡.pdf").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(int(Path(str(log) + ".pid").read_text()), 0)


def test_a_slow_document_is_not_stopped(tmp_path: Path, outputs: Path):
    program, _log = stand_in(tmp_path / "bin")
    docs = [document(outputs / "慢.docx", "慢", "slow", 7), document(outputs / "快.docx", "快", "good", 1)]
    started = time.monotonic()
    assert convert(docs, soffice=program, workers=1, idle=3.0) == [d.with_suffix(".pdf") for d in docs]
    assert time.monotonic() - started > 6  # more than twice the limit, and never stopped


def test_documents_are_taken_longest_first(tmp_path: Path, outputs: Path):
    program, log = stand_in(tmp_path / "bin")
    sizes = {"小": 10, "大": 30_000, "中": 3_000, "特大": 300_000, "微": 0}
    docs = [document(outputs / f"{name}.docx", name, "good", 1, padding=size) for name, size in sizes.items()]
    convert(docs, soffice=program, workers=1)
    assert [entry["name"] for entry in calls(log)] == ["特大", "大", "中", "小", "微"]


def test_longest_first_across_workers(tmp_path: Path, outputs: Path):
    """With two workers the longest document has a call of its own; the rest share the other
    worker meanwhile."""
    program, log = stand_in(tmp_path / "bin")
    docs = [document(outputs / f"短{i}.docx", f"短{i}", "good", 1) for i in range(5)]
    docs.append(document(outputs / "长.docx", "长", "good", 1, padding=2_000_000))
    convert(docs, soffice=program, workers=2)
    given = calls(log)
    assert [entry["call"] for entry in given if entry["name"] == "长"] == [1]  # alone
    assert {entry["call"] for entry in given if entry["name"] != "长"} == {5}  # together, beside it


def test_progress_counts_documents_and_pages(tmp_path: Path, outputs: Path):
    program, _log = stand_in(tmp_path / "bin")
    docs = [document(outputs / f"{i}.docx", str(i), "good", i) for i in range(1, 6)]
    seen: list[Converted] = []
    labels: list[str] = []

    def progress(items, label):
        labels.append(label)
        assert len(items) == 5  # known before the first is done
        for item in items:
            seen.append(item)
            yield item

    convert(docs, soffice=program, workers=2, progress=progress)
    assert labels == ["转换 PDF"]
    assert [item.done for item in seen] == [1, 2, 3, 4, 5]
    assert seen[-1].pages == 1 + 2 + 3 + 4 + 5
    assert sorted(item.document.name for item in seen) == sorted(d.name for d in docs)
    assert seen[-1].shown() == "15 页"


def test_progress_counts_failures(tmp_path: Path, outputs: Path):
    program, _log = stand_in(tmp_path / "bin")
    docs = [document(outputs / "好.docx", "好", "good", 2), document(outputs / "坏.docx", "坏", "bad")]
    seen: list[Converted] = []

    def progress(items, label):
        for item in items:
            seen.append(item)
            yield item

    with pytest.raises(ToolError):
        convert(docs, soffice=program, workers=1, progress=progress)
    assert seen[-1].failures == 1 and seen[-1].pages == 2
    assert seen[-1].shown() == "2 页，1 份失败"
    assert [item.failed for item in seen if item.document.name == "坏.docx"] == [True]


def test_progress_arrives_while_the_run_goes_on(tmp_path: Path, outputs: Path):
    """The first document is shown done while a slower one is still being converted."""
    program, _log = stand_in(tmp_path / "bin")
    docs = [document(outputs / "慢.docx", "慢", "slow", 3, padding=2_000_000),
            document(outputs / "快.docx", "快", "good", 1)]
    times: dict[str, float] = {}
    started = time.monotonic()

    def progress(items, label):
        for item in items:
            times[item.document.name] = time.monotonic() - started
            yield item

    convert(docs, soffice=program, workers=2, progress=progress)
    assert times["快.docx"] < times["慢.docx"] - 1


def test_an_interrupted_run_leaves_no_libreoffice(tmp_path: Path, outputs: Path):
    program, log = stand_in(tmp_path / "bin")
    docs = [document(outputs / "卡.docx", "卡", "hang")]
    pid_file = Path(str(log) + ".pid")

    def interrupted(items, label):
        deadline = time.monotonic() + 10
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline, "the stand-in did not start"
            time.sleep(0.05)
        raise KeyboardInterrupt
        yield  # a generator, like reporter.cli.progress

    with pytest.raises(KeyboardInterrupt):
        convert(docs, soffice=program, workers=1, progress=interrupted)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
    assert threading.active_count() < 50


def test_a_ctrl_c_while_the_first_calls_start_stops_them(tmp_path: Path, outputs: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    """A stop that lands while the first LibreOffice calls are being started (before the loop
    over their results) stops them at once instead of waiting for them to end on their own."""
    program, log = stand_in(tmp_path / "bin")
    docs = [document(outputs / "卡.docx", "卡", "hang")]
    pid_file = Path(str(log) + ".pid")
    made = pdf_pool.Conversions.__init__

    def interrupted_after_start(self: pdf_pool.Conversions, *args: object, **kwargs: object) -> None:
        made(self, *args, **kwargs)
        deadline = time.monotonic() + 10
        while not pid_file.exists() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline, "the stand-in did not start"
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf_pool.Conversions, "__init__", interrupted_after_start)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        convert(docs, soffice=program, workers=1, idle=600)
    assert time.monotonic() - started < 30  # the stand-in hangs for good: it was stopped
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
