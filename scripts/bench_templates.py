"""Hostile templates: how long and how much memory reporter takes to refuse them.

Each case runs ``reporter`` in a child process over a copy of the example workspace with one
hostile template in place of the report's, and records its wall time and peak memory (the
child and its render worker). Also the cost of the render worker itself (fork, limits, pipe)
per render. Ends with ``bench <name>: <figure> (target <target>; baseline …) <PASS|BELOW>``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench import result_line
from scripts.bench_scale import size

#: The zip bomb's unpacked thumbnail (still past the 50 MiB a template's part may have at the
#: tiny scale); the nested loop's time limit; the memory hog's memory limit (the configuration's
#: default at full scale); bounded renders timed for the worker's cost.
BOMB_MIB = size(1024, 64)
LOOP_SECONDS = size(5, 1)
HOG_LIMITS = size("", "render_memory_mb = 256")
WORKER_RENDERS = size(20, 3)

# Runs the CLI, then prints the peak memory of itself and of its children (the render worker).
WRAPPER = """
import atexit, json, resource, sys
def peak():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write("PEAK " + json.dumps({"own": own / 1024, "children": children / 1024}) + "\\n")
atexit.register(peak)
from reporter.cli import cli
cli(sys.argv[1:], prog_name="reporter")
"""

REPORT = Path("templates/docx/工作情况汇报.docx")


def _run(ws: Path, *args: str) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *args, "-w", str(ws)], capture_output=True, check=False,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - started
    peak = json.loads(next(line[5:] for line in done.stderr.splitlines() if line.startswith("PEAK ")))
    return {"seconds": seconds, "peak_mb": max(peak["own"], peak["children"]), "exit": done.returncode,
            "output": done.stdout + done.stderr}


def _workspace(folder: Path, template: Path | None, limits: str = "") -> Path:
    from tests.conftest import copy_example

    ws = copy_example(folder)
    if template is not None:
        shutil.copyfile(template, ws / REPORT)
    if limits:
        config = ws / "inputs" / "配置.toml"
        config.write_text(config.read_text(encoding="utf-8") + f"\n[limits]\n{limits}\n", encoding="utf-8")
    return ws


def _bomb(path: Path, mib: int) -> Path:
    """A template whose thumbnail unpacks to ``mib`` MiB of zeros."""
    from tests.render.hostile_docx import hostile_template

    hostile_template(path)
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("docProps/thumbnail2.jpeg", "w", force_zip64=True) as part:
        for _ in range(mib):
            part.write(chunk)
    return path


def _worker_cost() -> float:
    """Milliseconds one bounded render adds (forking the worker and collecting its result)."""
    import reporter.pipeline.report  # noqa: F401 - the worker forks a parent with the pipeline loaded
    from reporter.render.bounded import Limits, run_bounded
    from reporter.workspace.config import LimitsTable

    usual = Limits(LimitsTable.render_memory_mb.default, LimitsTable.render_seconds.default)
    started = time.perf_counter()
    for _ in range(WORKER_RENDERS):
        run_bounded("t.docx", usual, lambda: b"")
    return (time.perf_counter() - started) / WORKER_RENDERS * 1000


def main() -> None:
    from tests.render.hostile_docx import hostile_template

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("测量恶意模板的拒绝用时和内存 …", flush=True)
        cases = {
            "zip-bomb-1GiB-lint": (_bomb(folder / "bomb.docx", BOMB_MIB), "", ("lint", str(folder / "bomb.docx")),
                                   "3 GiB thumbnail: report 94 s, 9.5 GB"),
            "repeat-a-10e9": (hostile_template(folder / "repeat.docx", paragraphs=["{{ 'a'*10**9 }}"]), "", ("report",),
                              "2 min 49 s, 6.9 GB"),
            "nested-loop-30000sq": (hostile_template(folder / "loop.docx", paragraphs=[
                "{% set x = 'a' * 30000 %}{% for i in x %}{% for j in x %}{% endfor %}{% endfor %}"]),
                f"render_seconds = {LOOP_SECONDS}", ("report",), "90 s"),
            "memory-hog": (hostile_template(folder / "hog.docx", paragraphs=[
                "{% set x = '好' * 90000 %}{% for i in x %}{{ x ~ x ~ x }}{% endfor %}"]), HOG_LIMITS, ("report",),
                "unbounded"),
        }
        for name, (template, limits, args, baseline) in cases.items():
            ws = _workspace(folder / name, template, limits)
            result = _run(ws, *args)
            refused = result["exit"] == 1 and "Traceback" not in result["output"]
            print(f"  {name}: 退出码 {result['exit']}，{result['seconds']:.1f} 秒，峰值 {result['peak_mb']:.0f} MB", flush=True)
            lines.append(result_line(f"hostile-{name}", f"{result['seconds']:.1f} s, {result['peak_mb']:.0f} MB",
                                     "exit 1, no traceback, peak < 1.5 GB", refused and result["peak_mb"] < 1536,
                                     baseline))
        clean = _run(_workspace(folder / "clean", None), "report")
        lines.append(result_line("report-with-bounded-render", f"{clean['seconds']:.2f} s", "exit 0",
                                 clean["exit"] == 0, "the same command without workers, measured on main"))
    cost = _worker_cost()
    lines.append(result_line("render-worker-ms", f"{cost:.1f} ms", "<=50 ms", cost <= 50, "0 (rendered in-process)"))
    print("\n".join(lines))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
