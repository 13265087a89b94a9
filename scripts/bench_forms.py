"""Forms, reading and notice at city scale: part of ``make bench``.

Measures, each step in a child process of its own:

1. ``reporter forms`` at 500 units: milliseconds per workbook;
2. ``reporter report`` at 500 filled workbooks, right after ``reporter check``: seconds;
3. ``reporter notice`` on a round of 2000 units × 10 problems: peak memory (and at 2000 units ×
   1 problem, to show how it grows with the problems).

Prints one line per measurement: ``bench <name>: <figure> (target <target>; baseline <old figure>) <PASS|BELOW>``.
The baselines are the figures of the path before prepared styles, the read cache and the
scaled round limits (2-core machine).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench import (
    UNITS,
    add_units,
    child_step,
    copy_example,
    fill_synthetic_forms,
    make_big_round,
    result_line,
)
from scripts.bench_scale import size

#: The forms and report steps run on the city's UNITS; the notice on rounds of ROUND_UNITS
#: units and of each number of problems (the smaller round first).
ROUND_UNITS = size(2000, 19)
ROUND_PROBLEMS = size((2000, 20000), (20, 60))

FORMS_TARGET_MS, FORMS_BASELINE_MS = 15.0, 53.0
REPORT_TARGET_S, REPORT_BASELINE_S = 2.0, 8.0
NOTICE_TARGET_MB = 300.0
# Baselines: the same round before long tables were laid out a row at a time, and 2000 units
# with fewer problems before rounds of 20,000 problems could be read at all.
NOTICE_BASELINE = "1050 MB whole-tree layout; 275 MB at 2000 units x 1 problem"


def step_forms(ws: Path) -> dict:
    from reporter.pipeline.forms import build_forms

    start = time.perf_counter()
    written = build_forms(ws)
    return {"count": len(written) - 1, "seconds": time.perf_counter() - start}  # less the inspection form


def step_check(ws: Path) -> dict:
    from reporter import pipeline

    start = time.perf_counter()
    result = pipeline.check_inputs(ws, rounds=False)
    return {"count": len(result.files), "seconds": time.perf_counter() - start}


def step_report(ws: Path) -> dict:
    from reporter import pipeline

    start = time.perf_counter()
    pipeline.build_report(ws)
    return {"count": 1, "seconds": time.perf_counter() - start}


def step_notice(ws: Path) -> dict:
    from reporter import pipeline

    start = time.perf_counter()
    written = pipeline.build_notice(ws, 3).written
    return {"count": len(written), "seconds": time.perf_counter() - start}


STEPS = {"forms": step_forms, "check": step_check, "report": step_report, "notice": step_notice}


def run_step(name: str, ws: Path) -> dict:
    """One step in a child process: its figures and the peak memory of it and its children (MB)."""
    return child_step(__file__, name, ws)


def main() -> None:
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        ws = copy_example(Path(tmp) / "forms")
        add_units(ws, UNITS)
        print(f"测量 reporter forms（{UNITS} 个单位）…", flush=True)
        forms = run_step("forms", ws)
        ms = forms["seconds"] * 1000 / forms["count"]
        lines.append(result_line("forms-ms-per-workbook", f"{ms:.1f} ms", f"<={FORMS_TARGET_MS:.0f} ms",
                                 ms <= FORMS_TARGET_MS, f"{FORMS_BASELINE_MS:.0f} ms"))
        print(f"测量 check 之后的 reporter report（{UNITS} 份填报表）…", flush=True)
        fill_synthetic_forms(ws)
        check = run_step("check", ws)
        report = run_step("report", ws)
        lines.append(f"#   reporter check：{check['count']} 份，{check['seconds']:.1f} 秒（同时记住读取结果）")
        lines.append(result_line("report-after-check", f"{report['seconds']:.2f} s", f"<={REPORT_TARGET_S:.0f} s",
                                 report["seconds"] <= REPORT_TARGET_S, f"{REPORT_BASELINE_S:.0f} s"))
    notices = {}
    for problems in ROUND_PROBLEMS:
        with tempfile.TemporaryDirectory() as tmp:
            ws = copy_example(Path(tmp) / "round")
            print(f"测量 reporter notice（{ROUND_UNITS} 个单位、{problems} 个问题）…", flush=True)
            make_big_round(ws, units=ROUND_UNITS, problems=problems)
            notices[problems] = run_step("notice", ws)
    fewer, more = ROUND_PROBLEMS
    small, notice = notices[fewer], notices[more]
    growth = (notice["peak_mb"] - small["peak_mb"]) / ((more - fewer) / 1000)
    lines.append(f"#   reporter notice（{ROUND_UNITS} 个单位）：{fewer} 个问题 {small['seconds']:.0f} 秒、"
                 f"峰值 {small['peak_mb']:.0f} MB；"
                 f"{more} 个问题 {notice['seconds']:.0f} 秒、峰值 {notice['peak_mb']:.0f} MB"
                 f"（每千个问题多 {growth:.1f} MB）")
    lines.append(result_line("notice-peak-memory-2000x10", f"{notice['peak_mb']:.0f} MB",
                             f"<={NOTICE_TARGET_MB:.0f} MB", notice["peak_mb"] <= NOTICE_TARGET_MB, NOTICE_BASELINE))
    print("\n".join(lines), flush=True)


def _child(name: str, ws: str) -> None:
    print(json.dumps(STEPS[name](Path(ws))))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "step":
        _child(sys.argv[2], sys.argv[3])
    else:
        main()
