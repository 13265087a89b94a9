"""Per-unit documents and PDF against honest baselines: part of ``make bench``.

On the city workspace of ``bench.py`` (500 units, a round of 5000 problems) it measures:

1. 整改通知书 per second: reporter in one process on one core against the plain docxtpl loop
   on one core, and reporter in two processes against the plain loop in two processes;
2. PDF of 100 documents: ``reporter pdf`` against one soffice call per file and against one
   soffice call with all the files on its command line; and LibreOffice's start-up cost, the
   most a LibreOffice kept running per worker could save.

Each measurement runs in a child process of its own, interleaved with the others, the
fastest of five runs kept for documents and of three for PDF (the per-file baseline once). Prints ``bench <name>: …`` lines.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import bench  # the city workspace
from scripts.bench_scale import size

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

PDF_DOCUMENTS = size(100, 1)


def _round_jobs(ws: Path) -> list:
    """A 整改通知书 job for every unit with open problems in the city's round 3."""
    from reporter import pipeline
    from reporter.documents.rectification import (
        rectification_context,
        units_with_open_problems,
    )
    from reporter.figures.scoring import score_round
    from reporter.render.renderer import DocumentInfo
    from reporter.render.workers import Job

    checked = pipeline.collect(ws, forms=False)
    result = score_round(checked.campaign, checked.rounds, 3, checked.problem_records)
    info = DocumentInfo("整改通知书", checked.campaign.office, dt.datetime(2018, 12, 3))
    codes = units_with_open_problems(checked.campaign, result)
    return [Job(rectification_context(checked.campaign, result, code), info) for code in codes]


def _inline_images(doc: DocxTemplate, value: object) -> object:
    """The context with every ImageRef made a docxtpl InlineImage, as a docxtpl user does."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    from reporter.model import ImageRef

    if isinstance(value, ImageRef):
        return InlineImage(doc, value.path or io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {key: _inline_images(doc, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_inline_images(doc, item) for item in value]
    return value


def _pdf_sources(ws: Path, count: int) -> list[Path]:
    """The first ``count`` 整改通知书 of the round, rendered into ``ws/bench-docx``."""
    from reporter.model import Source
    from reporter.render.workers import render_many

    jobs = _round_jobs(ws)[:count]
    folder = ws / "bench-docx"
    folder.mkdir(exist_ok=True)
    paths = []
    for index, data in enumerate(render_many(Source(_template(ws), "t"), jobs)):
        path = folder / f"{index:03d}.docx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _one_core() -> None:
    """Pin this process (and what it starts) to one core."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _template(ws: Path) -> Path:
    return ws / "templates" / "docx" / "整改通知书.docx"


def plain_loop(template: Path, jobs: Sequence) -> int:
    """The loop a docxtpl user writes: a new DocxTemplate, render and save per document."""
    from docxtpl import DocxTemplate

    from reporter.render.environment import make_environment

    for job in jobs:
        doc = DocxTemplate(template)
        doc.render(_inline_images(doc, job.context), jinja_env=make_environment(), autoescape=True)
        doc.save(io.BytesIO())
    return len(jobs)


def _timed(work: Callable[[], int]) -> dict:
    start = time.perf_counter()
    count = work()
    return {"docs": count, "seconds": time.perf_counter() - start}


def step_docs_plain_1(ws: Path) -> dict:
    _one_core()
    jobs = _round_jobs(ws)
    return _timed(lambda: plain_loop(_template(ws), jobs))


def step_docs_plain_2(ws: Path) -> dict:
    jobs = _round_jobs(ws)
    half = len(jobs) // 2

    def work() -> int:
        with ProcessPoolExecutor(2) as pool:
            return sum(pool.map(plain_loop, [_template(ws)] * 2, [jobs[:half], jobs[half:]]))
    return _timed(work)


def _reporter(ws: Path, workers: int) -> dict:
    from reporter.model import Source
    from reporter.render.workers import render_many

    jobs = _round_jobs(ws)
    return _timed(lambda: sum(1 for _ in render_many(Source(_template(ws), "t"), jobs, workers=workers)))


def step_docs_reporter_1(ws: Path) -> dict:
    _one_core()
    return _reporter(ws, 1)


def step_docs_reporter_2(ws: Path) -> dict:
    return _reporter(ws, 2)


def step_pdf_reporter(ws: Path) -> dict:
    from reporter.publish import pdf

    paths = _pdf_sources(ws, PDF_DOCUMENTS)
    return _timed(lambda: len(pdf.convert(paths, workers=2)))


def _soffice(files: Sequence[Path], profile: Path, out: Path) -> int:
    """Convert ``files`` to PDF in one soffice call; how many files it converted."""
    from reporter.publish.pdf import FONTS_CONF, find_soffice

    # The fonts reporter gives LibreOffice, so that every way makes the same PDFs.
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    subprocess.run([find_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, env=env)
    return len(files)


def step_pdf_per_file(ws: Path) -> dict:
    """One soffice call per document, as a script converting files one by one would do."""
    paths = _pdf_sources(ws, PDF_DOCUMENTS)
    with tempfile.TemporaryDirectory() as tmp:
        return _timed(lambda: sum(_soffice([p], Path(tmp) / "profile", Path(tmp)) for p in paths))


def step_pdf_one_call(ws: Path) -> dict:
    """One soffice call with every document on its command line."""
    paths = _pdf_sources(ws, PDF_DOCUMENTS)
    with tempfile.TemporaryDirectory() as tmp:
        return _timed(lambda: _soffice(paths, Path(tmp) / "profile", Path(tmp)))


def step_pdf_start_up(ws: Path) -> dict:
    """One soffice call converting a single document, with a fresh profile as reporter's calls have:
    what a LibreOffice kept running would save per call."""
    paths = _pdf_sources(ws, 1)
    with tempfile.TemporaryDirectory() as tmp:
        return _timed(lambda: _soffice(paths, Path(tmp) / "profile", Path(tmp)))


STEPS = {"docs-plain-1": step_docs_plain_1, "docs-reporter-1": step_docs_reporter_1,
         "docs-plain-2": step_docs_plain_2, "docs-reporter-2": step_docs_reporter_2,
         "pdf-reporter": step_pdf_reporter, "pdf-one-call": step_pdf_one_call,
         "pdf-per-file": step_pdf_per_file, "pdf-start-up": step_pdf_start_up}
#: Steps measured this many times, interleaved, keeping the fastest (a shared machine's load
#: comes and goes): the documents, under a second for reporter, five times; the PDF steps three
#: times; the slow per-file baseline once.
ROUNDS = size(5, 1)
PDF_ROUNDS = size(3, 1)
ONCE = ("pdf-per-file",)


def run_step(name: str, ws: Path) -> dict:
    output = subprocess.run([sys.executable, __file__, "step", name, str(ws)], check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _line(name: str, figure: float, target: float, baselines: str) -> str:
    verdict = "PASS" if figure >= target else "BELOW"
    return f"bench {name}: {figure:.1f}x (target >={target:g}x; baseline {baselines}) {verdict}"


def report(r: dict[str, dict]) -> list[str]:
    """The ``bench`` lines for the measured steps ``r`` (name → docs and seconds)."""
    rate = {name: step["docs"] / step["seconds"] for name, step in r.items()}
    plain = (f"plain docxtpl loop 1 process on 1 core {rate['docs-plain-1']:.1f} docs/s, "
             f"2 processes {rate['docs-plain-2']:.1f} docs/s")
    lines = [(f"#   整改通知书：reporter 单核 {rate['docs-reporter-1']:.0f} 份/秒，"
              f"两进程 {rate['docs-reporter-2']:.0f} 份/秒（{r['docs-reporter-2']['docs']} 份）"),
             _line("docs-one-core", rate["docs-reporter-1"] / rate["docs-plain-1"], 15, plain),
             _line("docs-two-processes", rate["docs-reporter-2"] / rate["docs-plain-2"], 15, plain)]
    if "pdf-reporter" in r:
        seconds = {name: step["seconds"] for name, step in r.items()}
        per_call = (f"one soffice call per file {seconds['pdf-per-file']:.1f} s, "
                    f"one call with all {PDF_DOCUMENTS} files {seconds['pdf-one-call']:.1f} s")
        start_up = seconds["pdf-start-up"]
        lines += [(f"#   PDF（{PDF_DOCUMENTS} 份）：reporter {seconds['pdf-reporter']:.1f} 秒；"
                   f"LibreOffice 启动 {start_up:.1f} 秒/次，常驻 LibreOffice 每个进程每次最多省 {start_up:.1f} 秒"
                   f"（{start_up / seconds['pdf-reporter']:.0%}）"),
                  _line("pdf-vs-per-file", seconds["pdf-per-file"] / seconds["pdf-reporter"], 6, per_call),
                  _line("pdf-vs-one-call", seconds["pdf-one-call"] / seconds["pdf-reporter"], 1.5, per_call)]
    return lines


def main(ws: Path | None = None) -> None:
    """Measure on ``ws`` (a city workspace from ``bench.py``), or on a new one."""
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        if ws is None:
            ws = bench.copy_example(Path(tmp) / "city")
            print("准备城市规模的工作目录（文档与 PDF 对照）…", flush=True)
            bench.make_big_round(ws, units=bench.UNITS, problems=bench.PROBLEMS)
        names = list(STEPS)
        if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
            names = [n for n in names if not n.startswith("pdf")]
        results: dict[str, dict] = {}
        for round_number in range(1, ROUNDS + 1):
            for name in names:
                if (round_number > 1 and name in ONCE) or (round_number > PDF_ROUNDS and name.startswith("pdf")):
                    continue
                print(f"  测量 {name}（第 {round_number} 轮）…", flush=True)
                result = run_step(name, ws)
                print(f"    {result['docs']} 份，{result['seconds']:.2f} 秒", flush=True)
                if name not in results or result["seconds"] < results[name]["seconds"]:
                    results[name] = result
    print("\n".join(report(results)), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "step":
        print(json.dumps(STEPS[sys.argv[2]](Path(sys.argv[3]))))
    else:
        main()
