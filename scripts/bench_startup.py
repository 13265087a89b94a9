"""Start-up benchmark: how long ``reporter --help`` and other cheap commands take, from a fresh
interpreter to exit, against the 0.15 s target.

Baseline: the same ``--help`` after importing every pipeline module up front, as the command
line did before its pipeline was loaded lazily. Each figure is the minimum of several runs
(the least disturbed by other work on the machine).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_scale import size

RUNS = size(7, 1)
TARGET = 0.15
EAGER = ("import reporter.pipeline.check, reporter.pipeline.forms, reporter.pipeline.init, "
         "reporter.pipeline.notice, reporter.pipeline.pdf, reporter.pipeline.remind, "
         "reporter.pipeline.report, reporter.pipeline.tasks; from reporter.launch import main; main()")


def fastest(argv: list[str]) -> float:
    """The shortest wall-clock time, in seconds, of ``RUNS`` runs of ``argv``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    baseline = fastest([sys.executable, "-c", EAGER, "--help"])
    for name, args in (("startup-help", ["--help"]), ("startup-command-help", ["report", "--help"]),
                       ("startup-usage-error", ["check", "--forc"])):
        seconds = fastest([sys.executable, "-m", "reporter", *args])
        verdict = "PASS" if seconds <= TARGET else "BELOW"
        print(f"bench {name}: {seconds:.3f} s (target <={TARGET} s; baseline {baseline:.3f} s "
              f"with every pipeline module imported up front) {verdict}")


if __name__ == "__main__":
    main()
