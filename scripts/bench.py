"""City-scale benchmark: ``make bench``.

Builds a synthetic workspace (500 units, 500 filled workbooks, a round of 5000 problems) in a
temporary folder and measures, side by side on this machine:

1. reporter check: milliseconds per workbook;
2. the whole reporter notice;
3. peak memory of each step;
4. per-unit documents and PDF against their baselines (``bench_docs.py``);
5. the whole monthly cycle, forms to booklet (``bench_cycle.py``).

Ends with one line per measurement: ``bench <name>: <figure> (target <target>) <PASS|BELOW>``,
then runs the other benchmarks; ``bench.py --alone`` measures only its own steps. With
``REPORTER_BENCH_TINY=1`` every size is tiny (``bench_scale.py``).
"""

from __future__ import annotations

import datetime as dt
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
from scripts.bench_scale import size

ROOT = Path(__file__).resolve().parent.parent
#: The city: units (each with a filled workbook) and the problems of its round 3. At the tiny
#: scale, the example workspace's own 19 units.
UNITS = size(500, 19)
PROBLEMS = size(5000, 6)


def add_units(ws: Path, count: int) -> None:
    """Add synthetic departments to the workspace configuration until it has ``count`` units."""
    config = ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    existing = len(load_campaign(open_workspace(ws)).units)
    extra = "".join(f'\n[[units]]\ncode = "X{i:04d}"\nname = "古塔区测试{i}号单位"\nshort = "测试{i}号单位"\n'
                    f'type = "部门"\n' for i in range(1, count - existing + 1))
    config.write_text(text.replace("# ── 责任分解表", extra + "\n# ── 责任分解表", 1), encoding="utf-8")


def make_big_round(ws: Path, units: int = UNITS, problems: int = PROBLEMS) -> None:
    """A third inspection round over ``units`` units with ``problems`` problems."""
    if units > 19:
        add_units(ws, units)
    campaign = load_campaign(open_workspace(ws))
    wb = build_inspection_form(campaign)
    head = wb[schema.SHEET_ROUND]
    values = {"number": 3, "start": dt.date(2018, 11, 26), "end": dt.date(2018, 11, 30), "doc_seq": 13,
              "units": "全部", "points": units * 3, "issued": dt.date(2018, 12, 3), "report_by": dt.date(2018, 12, 10)}
    for key in schema.ROUND_ROWS:
        head[schema.round_cell(key)].value = values[key]
    sheet = wb[schema.SHEET_FINDINGS]
    photos = sorted(p.name for p in (ws / "inputs" / "督查" / schema.PHOTO_FOLDER).iterdir())
    assert campaign.inspection is not None, "the example workspace has inspection rules"
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
        wb[schema.SHEET_META][schema.META_COLUMNS.cell("value", schema.META_ROWS["unit"])].value = unit.code
        wb[schema.SHEET_INFO][schema.info_cell("code")].value = unit.code
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

def step_check(ws: Path) -> dict:
    import time

    from reporter import pipeline

    start = time.perf_counter()
    result = pipeline.check_inputs(ws, rounds=False)
    seconds = time.perf_counter() - start
    assert not result.problems, result.problems[:3]
    return {"docs": len(result.files), "seconds": seconds}


def step_notice_command(ws: Path) -> dict:
    """The whole reporter notice on the city's round (UNITS units, PROBLEMS problems)."""
    import time

    from reporter import pipeline

    start = time.perf_counter()
    written = pipeline.build_notice(ws, 3).written
    return {"docs": len(written), "seconds": time.perf_counter() - start}


STEPS = {"notice-command": step_notice_command, "check": step_check}


def child_step(script: str, name: str, ws: Path) -> dict:
    """Run ``script step NAME WS`` in a child process: the figures it prints last (JSON), with
    ``peak_mb`` the peak memory of it and its children (or the higher one it reports itself)."""
    import json
    import subprocess

    child = subprocess.Popen([sys.executable, script, "step", name, str(ws)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"step {name} failed")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = max(result.get("peak_mb", 0.0), usage.ru_maxrss / 1024)
    return result


def run_step(name: str, ws: Path) -> dict:
    """Run one of this benchmark's steps in a child process (``child_step``)."""
    return child_step(__file__, name, ws)


def result_line(name: str, figure: str, target: str, ok: bool, baseline: str | None = None) -> str:
    """One result line of ``make bench``: ``bench <name>: <figure> (target <target>[; baseline …]) PASS|BELOW``."""
    against = f"target {target}" if baseline is None else f"target {target}; baseline {baseline}"
    return f"bench {name}: {figure} ({against}) {'PASS' if ok else 'BELOW'}"


def main(alone: bool = False) -> None:
    """Measure the city's steps, then (unless ``alone``) run every other benchmark of ``make bench``."""
    import platform
    import sys
    import tempfile
    import time

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ws = copy_example(Path(tmp) / "city")
        print(f"准备城市规模的工作目录：{UNITS} 个单位、{UNITS} 份填报表、一轮 {PROBLEMS} 个问题 …", flush=True)
        make_big_round(ws, units=UNITS, problems=PROBLEMS)
        workbooks = fill_synthetic_forms(ws)
        print(f"  {workbooks} 份填报表", flush=True)
        results = {}
        for name in STEPS:
            print(f"  测量 {name} …", flush=True)
            results[name] = run_step(name, ws)
            r = results[name]
            print(f"    {r['docs']} 份，{r['seconds']:.2f} 秒，峰值内存 {r['peak_mb']:.0f} MB", flush=True)
    lines = [(f"# {dt.date.today().isoformat()} {platform.machine()} {os.cpu_count()} 核，"
              f"用时 {time.perf_counter() - started:.0f} 秒")]
    whole = results["notice-command"]
    lines.append(f"#   reporter notice（{UNITS} 个单位、{PROBLEMS} 个问题）：{whole['seconds']:.1f} 秒，写出 {whole['docs']} 个文件")
    per_workbook = results["check"]["seconds"] * 1000 / results["check"]["docs"]
    lines.append(result_line("check-ms-per-workbook", f"{per_workbook:.1f} ms", "<=25 ms", per_workbook <= 25))
    for name, r in results.items():
        lines.append(result_line(f"peak-memory-{name}", f"{r['peak_mb']:.0f} MB", "<500 MB", r["peak_mb"] < 500))
    print("\n".join(lines))
    sys.stdout.flush()
    if not alone:
        run_others()


def run_others() -> None:
    """The other benchmarks of ``make bench``, in their order."""
    from scripts import (
        bench_cycle,
        bench_docs,
        bench_forms,
        bench_intake,
        bench_startup,
        bench_templates,
        bench_workbooks,
    )

    for benchmark in (bench_docs, bench_intake, bench_workbooks, bench_startup, bench_templates, bench_forms,
                      bench_cycle):
        benchmark.main()


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
    elif sys.argv[1:] == ["--alone"]:  # only the city's own steps, none of the other benchmarks
        main(alone=True)
    elif sys.argv[1:]:
        raise SystemExit("用法：bench.py [--alone]（--alone：只测本脚本自己的各项，不接着运行其他基准测试）")
    else:
        main()
