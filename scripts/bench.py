"""City-scale benchmark: ``make bench``.

Builds a synthetic workspace (500 units, 500 filled workbooks, a round of 5000 problems) in a
temporary folder and measures, side by side on this machine:

1. per-unit 整改通知书 per second: reporter's batch against the plain docxtpl loop;
2. PDF conversion: reporter pdf on 100 documents against one soffice call per document;
3. reporter check: milliseconds per workbook;
4. peak memory of each step.

Ends with one line per measurement: ``bench <name>: <figure> (target <target>) <PASS|BELOW>``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import load_workbook

from reporter.intake import schema
from reporter.intake.inspection_form import build_inspection_form
from reporter.publish.xlsx import set_text, workbook_bytes
from reporter.workspace import load_campaign, open_workspace

ROOT = Path(__file__).resolve().parent.parent


def add_units(ws: Path, count: int) -> None:
    """Add synthetic departments to the workspace configuration until it has ``count`` units."""
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    existing = len(load_campaign(open_workspace(ws)).units)
    extra = "".join(f'\n[[units]]\ncode = "X{i:04d}"\nname = "古塔区测试{i}号单位"\nshort = "测试{i}号单位"\n'
                    f'type = "部门"\n' for i in range(1, count - existing + 1))
    config.write_text(text.replace("# ── 责任分解表", extra + "\n# ── 责任分解表", 1), encoding="utf-8")


def make_big_round(ws: Path, units: int = 500, problems: int = 5000) -> None:
    """A third inspection round over ``units`` units with ``problems`` problems."""
    if units > 19:
        add_units(ws, units)
    campaign = load_campaign(open_workspace(ws))
    wb = build_inspection_form(campaign)
    head = wb[schema.SHEET_ROUND]
    values = {"number": 3, "start": dt.date(2018, 11, 26), "end": dt.date(2018, 11, 30), "doc_seq": 13,
              "units": "全部", "points": units * 3, "issued": dt.date(2018, 12, 3), "report_by": dt.date(2018, 12, 10)}
    for key, (row, _label) in schema.ROUND_ROWS.items():
        head[f"B{row}"].value = values[key]
    sheet = wb[schema.SHEET_FINDINGS]
    photos = sorted(p.name for p in (ws / "inputs" / "督查" / schema.PHOTO_FOLDER).iterdir())
    categories = [c.name for c in campaign.inspection.categories]
    for index in range(problems):
        row = schema.TABLE_FIRST_ROW + index
        unit = campaign.units[index % len(campaign.units)]
        cells = {"number": f"3-{index + 1:04d}", "team": f"第{index % 6 + 1}组", "unit": unit.short,
                 "place": f"{unit.short}辖区第{index // len(campaign.units) + 1}处点位",
                 "category": categories[index % len(categories)], "description": "问题描述：" + "未按要求整改" * (1 + index % 3),
                 "photos": photos[index % len(photos)] if index % 4 == 0 else None,
                 "state": ("未整改", "整改中", "已整改")[index % 3]}
        for field, value in cells.items():
            set_text(sheet[f"{schema.FINDING_FIELDS[field]}{row}"], value)
        sheet[f"{schema.FINDING_FIELDS['date']}{row}"].value = dt.date(2018, 11, 26 + index % 5)
        sheet[f"{schema.FINDING_FIELDS['deadline']}{row}"].value = dt.date(2018, 12, 5)
    (ws / "inputs" / "督查" / "第3轮督查.xlsx").write_bytes(workbook_bytes(wb, dt.datetime(2018, 12, 3)))


def copy_example(target: Path) -> Path:
    """A copy of the example workspace's inputs and templates at ``target``."""
    for name in ("inputs", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


def fill_forms(ws: Path) -> None:
    """Give every synthetic unit a filled workbook (the example's 区商务局 form, re-addressed)."""
    campaign = load_campaign(open_workspace(ws))
    sample = ws / "inputs" / "2018-11" / "区商务局.xlsx"
    for unit in campaign.units:
        target = ws / "inputs" / "2018-11" / f"{unit.short}.xlsx"
        if target.exists():
            continue
        wb = load_workbook(sample)
        wb[schema.SHEET_META][f"B{schema.META_ROWS['unit']}"].value = unit.code
        wb[schema.SHEET_INFO]["B2"].value = unit.code
        wb.save(target)


def fill_synthetic_forms(ws: Path) -> int:
    """A filled workbook for every unit that has none yet; returns how many workbooks there are."""
    import io

    from reporter.intake import build
    from reporter.intake.task_book import read_tasks
    from reporter.model import Source

    campaign = load_campaign(open_workspace(ws))
    tasks = read_tasks(Source(ws / "inputs" / "责任分解表.xlsx", "t"), campaign).value or ()
    master = ws / "templates" / "xlsx" / schema.MASTER_NAME
    folder = ws / "inputs" / campaign.period.key
    for unit in campaign.units:
        target = folder / f"{unit.short}.xlsx"
        if target.exists():
            continue
        wb = load_workbook(io.BytesIO(build.form_bytes(master, "master", campaign, unit, tuple(tasks))))
        info = wb[schema.SHEET_INFO]
        info["B6"].value, info["B7"].value, info["B8"].value = "测试", "0416-0000000", dt.date(2018, 11, 20)
        sheet = wb[schema.SHEET_VALUES]
        for row in range(schema.TABLE_FIRST_ROW, sheet.max_row + 1):
            if sheet[f"{schema.VALUE_CODE}{row}"].value:
                sheet[f"{schema.VALUE_CELL}{row}"].value = row
        target.write_bytes(workbook_bytes(wb, dt.datetime(2018, 11, 20)))
    return len(list(folder.glob("*.xlsx")))


# --- the measured steps, each run in a child process of its own ---------------------------------

def _round_jobs(ws: Path):
    from reporter import pipeline
    from reporter.documents.notice import (
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


def _inline_images(doc, value):
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


def step_notices_plain(ws: Path) -> dict:
    """The loop a docxtpl user writes: a new DocxTemplate, render and save per document."""
    import io
    import time

    from docxtpl import DocxTemplate

    from reporter.render.environment import make_environment

    jobs = _round_jobs(ws)
    template = ws / "templates" / "docx" / "整改通知书.docx"
    start = time.perf_counter()
    for job in jobs:
        doc = DocxTemplate(template)
        doc.render(_inline_images(doc, job.context), jinja_env=make_environment(), autoescape=True)
        doc.save(io.BytesIO())
    return {"docs": len(jobs), "seconds": time.perf_counter() - start}


def step_notices_reporter(ws: Path) -> dict:
    import time

    from reporter.model import Source
    from reporter.render.workers import render_many

    jobs = _round_jobs(ws)
    template = ws / "templates" / "docx" / "整改通知书.docx"
    start = time.perf_counter()
    count = sum(1 for _ in render_many(Source(template, "t"), jobs, workers=2))
    return {"docs": count, "seconds": time.perf_counter() - start}


def _pdf_sources(ws: Path, count: int = 100) -> list[Path]:
    from reporter.model import Source
    from reporter.render.workers import render_many

    jobs = _round_jobs(ws)[:count]
    folder = ws / "bench-docx"
    folder.mkdir(exist_ok=True)
    paths = []
    for index, data in enumerate(render_many(Source(ws / "templates" / "docx" / "整改通知书.docx", "t"), jobs)):
        path = folder / f"{index:03d}.docx"
        path.write_bytes(data)
        paths.append(path)
    return paths


def step_pdf_reporter(ws: Path) -> dict:
    import time

    from reporter.publish import pdf

    paths = _pdf_sources(ws)
    start = time.perf_counter()
    pdf.convert(paths, workers=2)
    return {"docs": len(paths), "seconds": time.perf_counter() - start}


def step_pdf_plain(ws: Path) -> dict:
    """One soffice call per document, as a script converting files one by one would do."""
    import subprocess
    import tempfile
    import time

    from reporter.publish.pdf import find_soffice

    paths = _pdf_sources(ws)
    soffice = find_soffice()
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        for path in paths:
            subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", out, str(path)], check=True, capture_output=True)
        seconds = time.perf_counter() - start
    return {"docs": len(paths), "seconds": seconds}


def step_check(ws: Path) -> dict:
    import time

    from reporter import pipeline

    start = time.perf_counter()
    result = pipeline.check_inputs(ws, rounds=False)
    seconds = time.perf_counter() - start
    assert not result.problems, result.problems[:3]
    return {"docs": len(result.files), "seconds": seconds}


def step_notice_command(ws: Path) -> dict:
    """The whole reporter notice on the 500-unit, 5000-problem round."""
    import time

    from reporter import pipeline

    start = time.perf_counter()
    written = pipeline.build_notice(ws, 3)
    return {"docs": len(written), "seconds": time.perf_counter() - start}


STEPS = {"notice-command": step_notice_command, "notices-plain": step_notices_plain, "notices-reporter": step_notices_reporter,
         "pdf-reporter": step_pdf_reporter, "pdf-plain": step_pdf_plain, "check": step_check}


def run_step(name: str, ws: Path) -> dict:
    """Run one step in a child process; its figures plus the peak memory of it and its children."""
    import json
    import os
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, __file__, "step", name, str(ws)], stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"step {name} failed")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = max(result["peak_mb"], usage.ru_maxrss / 1024)
    return result


def _report_line(name: str, figure: str, target: str, ok: bool) -> str:
    return f"bench {name}: {figure} (target {target}) {'PASS' if ok else 'BELOW'}"


def main() -> None:
    import platform
    import shutil
    import sys
    import tempfile
    import time

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ws = copy_example(Path(tmp) / "city")
        print("准备城市规模的工作目录：500 个单位、500 份填报表、一轮 5000 个问题 …", flush=True)
        make_big_round(ws, units=500, problems=5000)
        workbooks = fill_synthetic_forms(ws)
        print(f"  {workbooks} 份填报表", flush=True)
        results = {}
        names = list(STEPS)
        if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
            print("  未安装 LibreOffice：跳过 PDF 测量", flush=True)
            names = [n for n in names if not n.startswith("pdf")]
        for name in names:
            print(f"  测量 {name} …", flush=True)
            results[name] = run_step(name, ws)
            r = results[name]
            print(f"    {r['docs']} 份，{r['seconds']:.2f} 秒，峰值内存 {r['peak_mb']:.0f} MB", flush=True)
    rate = {n: r["docs"] / r["seconds"] for n, r in results.items()}
    lines = [f"# {dt.date.today().isoformat()} {platform.machine()} {os.cpu_count()} 核，"
             f"用时 {time.perf_counter() - started:.0f} 秒"]
    speedup = rate["notices-reporter"] / rate["notices-plain"]
    lines.append(f"#   整改通知书：reporter {rate['notices-reporter']:.1f} 份/秒，"
                 f"逐份 docxtpl {rate['notices-plain']:.1f} 份/秒")
    lines.append(_report_line("notice-speedup", f"{speedup:.1f}x", ">=4x", speedup >= 4))
    if "pdf-reporter" in results:
        pdf_speedup = results["pdf-plain"]["seconds"] / results["pdf-reporter"]["seconds"]
        lines.append(f"#   PDF：reporter {results['pdf-reporter']['seconds']:.1f} 秒，"
                     f"逐份 soffice {results['pdf-plain']['seconds']:.1f} 秒（各 100 份）")
        lines.append(_report_line("pdf-speedup", f"{pdf_speedup:.1f}x", ">=6x", pdf_speedup >= 6))
    whole = results["notice-command"]
    lines.append(f"#   reporter notice（500 个单位、5000 个问题）：{whole['seconds']:.1f} 秒，写出 {whole['docs']} 个文件")
    per_workbook = results["check"]["seconds"] * 1000 / results["check"]["docs"]
    lines.append(_report_line("check-ms-per-workbook", f"{per_workbook:.1f} ms", "<=25 ms", per_workbook <= 25))
    for name, r in results.items():
        lines.append(_report_line(f"peak-memory-{name}", f"{r['peak_mb']:.0f} MB", "<500 MB", r["peak_mb"] < 500))
    print("\n".join(lines))
    sys.stdout.flush()
    import scripts.bench_forms
    scripts.bench_forms.main()


def _child(name: str, ws: str) -> None:
    import json
    import resource

    result = STEPS[name](Path(ws))
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    result["peak_mb"] = peak / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 4 and sys.argv[1] == "step":
        _child(sys.argv[2], sys.argv[3])
    else:
        main()
