"""A city's whole monthly cycle, command by command: part of ``make bench``.

On a workspace of 500 units with a round of 5000 problems (``bench.py``) it runs, as the
office would, each in a process of its own: ``reporter forms``, then (the units filling in
their forms, not timed) ``check``, ``report``, ``tasks``, ``notice``, ``pdf`` and ``booklet``,
and prints each step's time and one line:
``bench city-cycle: <total> s (<step> <s> s, …) (target <=180 s) PASS|BELOW``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench import (
    PROBLEMS,
    UNITS,
    copy_example,
    fill_synthetic_forms,
    make_big_round,
)

TARGET_S = 180.0
STEPS = ("forms", "check", "report", "tasks", "notice", "pdf", "booklet")


def reporter(ws: Path, command: str) -> float:
    """Seconds ``reporter <command>`` takes on ``ws``; stops the benchmark if it fails."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reporter", "-w", str(ws), command],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        raise SystemExit(f"reporter {command} failed (exit {done.returncode}):\n{tail}")
    return seconds


def pages(ws: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(ws / "outputs" / "汇编.pdf").pages)


def main() -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        print("bench city-cycle: skipped (LibreOffice is not installed)", flush=True)
        return
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ws = copy_example(Path(tmp) / "cycle")
        print(f"城市规模的一个月：{UNITS} 个单位、一轮 {PROBLEMS} 个问题，从生成填报表到合订汇编 …", flush=True)
        make_big_round(ws, units=UNITS, problems=PROBLEMS)
        for step in STEPS:
            if step == "check":
                fill_synthetic_forms(ws)  # the units' part, not timed
            times[step] = reporter(ws, step)
            print(f"  reporter {step}：{times[step]:.1f} 秒", flush=True)
        booklet_pages = pages(ws)
    total = sum(times.values())
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in times.items())
    print(f"#   城市一个月（{UNITS} 个单位、{PROBLEMS} 个问题）：共 {total:.0f} 秒，汇编 {booklet_pages} 页", flush=True)
    print(f"bench city-cycle: {total:.1f} s ({steps}) (target <={TARGET_S:.0f} s) "
          f"{'PASS' if total <= TARGET_S else 'BELOW'}", flush=True)


if __name__ == "__main__":
    main()
