"""The benchmark scripts of ``make bench`` run to their last line: each runs here as
``make bench`` would run it, at the tiny scale (``REPORTER_BENCH_TINY=1``, scripts/bench_scale.py),
and prints every one of its result lines with a figure. At that scale the figures measure
nothing, so PASS and BELOW are both accepted; a slip in a script shows here and not after the
minutes the benchmarks before it take."""

from __future__ import annotations

import os
import py_compile
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, missing, require_soffice

SCRIPTS = sorted((ROOT / "scripts").glob("*.py"))
#: The lines of ``make bench``: ``bench <name>: <figure>… PASS|BELOW``.
RESULT = re.compile(r"^bench (?P<name>[\w-]+): (?P<figure>\d+(?:\.\d+)?)\D.* (?:PASS|BELOW)$", re.MULTILINE)

#: script → (its arguments, the names of its result lines, seconds it may take at the tiny scale).
BENCHMARKS = {
    "bench.py": (("--alone",), ("check-ms-per-workbook", "peak-memory-notice-command", "peak-memory-check"), 120),
    "bench_docs.py": ((), ("docs-one-core", "docs-two-processes", "pdf-vs-per-file", "pdf-vs-one-call"), 240),
    "bench_cycle.py": ((), ("city-cycle",), 300),
    "bench_forms.py": ((), ("forms-ms-per-workbook", "report-after-check", "notice-peak-memory-2000x10"), 180),
    "bench_intake.py": ((), ("intake-uploads-per-second", "intake-slowest-upload"), 120),
    "bench_startup.py": ((), ("startup-help", "startup-command-help", "startup-usage-error"), 60),
    "bench_templates.py": ((), ("hostile-zip-bomb-1GiB-lint", "hostile-repeat-a-10e9", "hostile-nested-loop-30000sq",
                                "hostile-memory-hog", "report-with-bounded-render", "render-worker-ms"), 180),
    "bench_workbooks.py": ((), tuple(f"stray-cell-{kind}-{figure}" for kind in ("round", "form", "tasks")
                                     for figure in ("seconds", "peak-memory")) + ("extent-scan-full-round",), 60),
}
#: The benchmarks that convert to PDF.
NEED_LIBREOFFICE = ("bench_docs.py", "bench_cycle.py")
#: Not a benchmark: the sizes the others run at.
SCALE = "bench_scale.py"


def run_tiny(script: str, args: tuple[str, ...], seconds: int, tmp_path: Path) -> str:
    """The output of ``scripts/<script> ARGS`` at the tiny scale, run from ``tmp_path`` with its
    temporary files there; fails the test if it exits other than 0 or outlasts ``seconds``."""
    env = {**os.environ, "REPORTER_BENCH_TINY": "1", "TMPDIR": str(tmp_path)}
    child = subprocess.Popen([sys.executable, str(ROOT / "scripts" / script), *args], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = child.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the servers and LibreOffice it started too
        output, _ = child.communicate()
        pytest.fail(f"{script} took more than {seconds} s at the tiny scale:\n{output[-3000:]}")
    assert child.returncode == 0, f"{script} exited {child.returncode}:\n{output[-3000:]}"
    return output


def test_there_are_bench_scripts():
    assert any(path.name.startswith("bench") for path in SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_compiles(script: Path, tmp_path: Path):
    py_compile.compile(str(script), cfile=str(tmp_path / "compiled.pyc"), doraise=True)


def test_every_benchmark_runs_here():
    benchmarks = {path.name for path in SCRIPTS if path.name.startswith("bench")} - {SCALE}
    assert benchmarks == set(BENCHMARKS) | {"bench_processes.py"}


def test_make_bench_runs_every_other_benchmark(monkeypatch: pytest.MonkeyPatch):
    """``bench.py`` without ``--alone`` (``make bench``) goes on to every other benchmark but
    bench_processes.py (which needs PostgreSQL), in the order of the README."""
    from scripts import (
        bench,
        bench_cycle,
        bench_docs,
        bench_forms,
        bench_intake,
        bench_startup,
        bench_templates,
        bench_workbooks,
    )

    ran: list[str] = []
    for module in (bench_cycle, bench_docs, bench_forms, bench_intake, bench_startup, bench_templates,
                   bench_workbooks):
        monkeypatch.setattr(module, "main", lambda name=module.__name__: ran.append(name.rsplit(".", 1)[1]))
    bench.run_others()
    assert ran == ["bench_docs", "bench_intake", "bench_workbooks", "bench_startup", "bench_templates",
                   "bench_forms", "bench_cycle"]


@pytest.mark.parametrize("variable, expected", [(None, 500), ("0", 500), ("1", 19)])
def test_scale(monkeypatch: pytest.MonkeyPatch, variable: str | None, expected: int):
    """The full size unless REPORTER_BENCH_TINY is 1."""
    from scripts.bench_scale import VARIABLE, size

    if variable is None:
        monkeypatch.delenv(VARIABLE, raising=False)
    else:
        monkeypatch.setenv(VARIABLE, variable)
    assert size(500, 19) == expected


@pytest.mark.parametrize("script", [pytest.param(name, marks=pytest.mark.libreoffice) if name in NEED_LIBREOFFICE
                                    else name for name in BENCHMARKS])
def test_benchmark_runs_at_tiny_scale(script: str, tmp_path: Path):
    if script in NEED_LIBREOFFICE:
        require_soffice()
    args, names, seconds = BENCHMARKS[script]
    output = run_tiny(script, args, seconds, tmp_path)
    printed = [match["name"] for match in RESULT.finditer(output)]
    assert sorted(printed) == sorted(names), output


@pytest.mark.postgres
def test_bench_processes_runs_at_tiny_scale(tmp_path: Path):
    if not sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        missing("REPORTER_REQUIRE_POSTGRES", "PostgreSQL is not installed (apt-get install postgresql)")
    output = run_tiny("bench_processes.py", (), 180, tmp_path)
    lines = re.findall(r"^(\d+) 个进程、\d+ 个并发：\d+\.\d 份/秒，最慢 \d+\.\d\d 秒，(\d+)/(\d+) 份通过$", output,
                       re.MULTILINE)
    assert lines, output
    assert all(accepted == uploads != "0" for _, accepted, uploads in lines), output
