"""Intake server benchmark (part of ``make bench``): 500 units upload their filled workbooks to
``reporter serve`` on localhost, 8 at a time; uploads per second and the slowest answer.
Baseline: the same server answering one upload at a time.

Prints ``bench intake-...: <figure> (target ...; baseline ...) <PASS|BELOW>`` lines.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench import UNITS, add_units, copy_example, fill_synthetic_forms
from scripts.bench_scale import size

PARALLEL = 8
BASELINE_UPLOADS = size(40, 3)
TARGET_SECONDS = 2.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _upload(url: str, csrf: str, data: bytes) -> tuple[float, str]:
    """POST one workbook; (seconds until the answer, status in the JSON contract)."""
    boundary = uuid.uuid4().hex
    body = b"".join([
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{csrf}\r\n".encode(),
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"a.xlsx\"\r\n\r\n".encode(),
        data, f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = json.load(response)["status"]
    except urllib.error.HTTPError as e:
        status = json.load(e).get("status", str(e.code))
    return time.perf_counter() - started, status


def _prepare(ws: Path) -> tuple[dict[str, bytes], dict[str, str], dict[str, str]]:
    """The workspace with UNITS units and nobody reported; their workbooks, links and CSRF values."""
    from reporter.web.links import build_links
    from reporter.web.tokens import csrf_token, secret_key
    from reporter.workspace import open_workspace

    copy_example(ws)
    add_units(ws, UNITS)
    fill_synthetic_forms(ws)
    campaign = open_workspace(ws).campaign
    folder = ws / "inputs" / campaign.period.key
    workbooks = {u.short: (folder / f"{u.short}.xlsx").read_bytes() for u in campaign.units}
    shutil.rmtree(folder)
    folder.mkdir()
    links = build_links(ws)
    urls = {row.short: row.url for row in links.rows}
    key = secret_key(ws)
    csrf = {short: csrf_token(key, url.rsplit("/", 1)[1]) for short, url in urls.items()}
    return workbooks, urls, csrf


def _serve(ws: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    proc = subprocess.Popen([sys.executable, "-m", "reporter", "serve", "-w", str(ws), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("reporter serve did not start")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reporter-bench-intake-") as folder:
        ws = Path(folder) / "ws"
        print(f"  网上填报：准备 {UNITS} 个单位的工作目录 …", flush=True)
        workbooks, urls, csrf = _prepare(ws)
        port = _free_port()
        server = _serve(ws, port)
        try:
            shorts = [s for s in workbooks if s in urls]
            jobs = [(f"{urls[s].replace('http://127.0.0.1:8000', f'http://127.0.0.1:{port}')}/upload", csrf[s],
                     workbooks[s]) for s in shorts]
            started = time.perf_counter()
            baseline = [_upload(*job) for job in jobs[:BASELINE_UPLOADS]]
            baseline_rate = len(baseline) / (time.perf_counter() - started)
            started = time.perf_counter()
            with ThreadPoolExecutor(PARALLEL) as pool:
                answers = list(pool.map(lambda job: _upload(*job), jobs))
            rate = len(answers) / (time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(10)
    slowest = max(seconds for seconds, _ in answers)
    accepted = sum(1 for _, status in answers if status == "accepted")
    print(f"#   网上填报：{len(answers)} 个单位、每次 {PARALLEL} 个并发上传，{accepted} 份通过检查")
    print(f"bench intake-uploads-per-second: {rate:.1f}/s (target every upload answered within "
          f"{TARGET_SECONDS:g} s; baseline one at a time {baseline_rate:.1f}/s) "
          f"{'PASS' if accepted == len(answers) else 'BELOW'}")
    print(f"bench intake-slowest-upload: {slowest:.2f} s (target <={TARGET_SECONDS:g} s; baseline one at a time "
          f"{max(s for s, _ in baseline):.2f} s) {'PASS' if slowest <= TARGET_SECONDS else 'BELOW'}")


if __name__ == "__main__":
    main()
