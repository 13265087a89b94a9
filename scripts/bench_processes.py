"""How far one machine goes: 300 units upload to one ``reporter serve`` process, then to two
processes on the same workspace and PostgreSQL (uploads spread over both, as Caddy would),
8 and 16 at a time; uploads per second and the slowest answer. Needs Debian's postgresql.

Run: ``.venv/bin/python scripts/bench_processes.py`` (prints one line per configuration).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import bench_intake
from scripts.bench_intake import _free_port, _upload
from scripts.bench_scale import size

UNITS = size(300, 19)
#: (processes, uploads at a time) of each measurement.
CONFIGURATIONS = size(((1, 8), (2, 8), (1, 16), (2, 16)), ((2, 4),))


def _postgres(folder: Path) -> tuple[str, Callable[[], None]]:
    binaries = max(Path("/usr/lib/postgresql").glob("*/bin"))
    user = "nobody" if os.geteuid() == 0 else None
    shutil.chown(folder, user) if user else None
    data = folder / "data"

    def pg(*args: str) -> None:
        subprocess.run([str(binaries / args[0]), *args[1:]], check=True, capture_output=True, user=user, cwd=folder)

    pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
    pg("pg_ctl", "-D", str(data), "-w", "-l", str(folder / "log"), "-o", f"-k {folder} -c listen_addresses='' -F",
       "start")
    return f"postgresql+psycopg://postgres@/postgres?host={folder}", lambda: pg("pg_ctl", "-D", str(data), "-m",
                                                                              "fast", "-w", "stop")


def _serve(ws: Path, port: int, url: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent), DATABASE_URL=url)
    proc = subprocess.Popen([sys.executable, "-m", "reporter", "serve", "-w", str(ws), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(300):
        try:
            bench_intake.socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("reporter serve did not start")


def run(processes: int, parallel: int) -> None:
    with tempfile.TemporaryDirectory(prefix="reporter-bench-proc-", dir="/tmp") as folder:
        base = Path(folder)
        base.chmod(0o755)  # PostgreSQL runs as nobody when this runs as root
        (base / "pg").mkdir()
        url, stop = _postgres(base / "pg")
        os.environ["DATABASE_URL"] = url
        bench_intake.UNITS = UNITS
        try:
            workbooks, urls, csrf = bench_intake._prepare(base / "ws")
            ports = [_free_port() for _ in range(processes)]
            servers = [_serve(base / "ws", port, url) for port in ports]
            try:
                shorts = [s for s in workbooks if s in urls]
                jobs = [(urls[s].replace("http://127.0.0.1:8000", f"http://127.0.0.1:{ports[n % processes]}")
                         + "/upload", csrf[s], workbooks[s]) for n, s in enumerate(shorts)]
                started = time.perf_counter()
                with ThreadPoolExecutor(parallel) as pool:
                    answers = list(pool.map(lambda job: _upload(*job), jobs))
                rate = len(answers) / (time.perf_counter() - started)
            finally:
                for server in servers:
                    server.terminate()
                    server.wait(20)
        finally:
            del os.environ["DATABASE_URL"]
            stop()
    accepted = sum(1 for _, status in answers if status == "accepted")
    print(f"{processes} 个进程、{parallel} 个并发：{rate:.1f} 份/秒，最慢 {max(s for s, _ in answers):.2f} 秒，"
          f"{accepted}/{len(answers)} 份通过", flush=True)


def main() -> None:
    print(f"本机 {os.cpu_count()} 个 CPU 核，{UNITS} 个单位上传（PostgreSQL）", flush=True)
    for processes, parallel in CONFIGURATIONS:
        run(processes, parallel)


if __name__ == "__main__":
    main()
