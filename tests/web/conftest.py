"""Fixtures of the intake server's tests: a workspace where no unit has reported yet (the
example's filled workbooks kept aside to upload), its links, the app and its test client."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from waitress.server import create_server

from reporter.intake.unit_form import read_submission
from reporter.model import Source, Submission
from reporter.pipeline.check import load_tasks
from reporter.web.app import create_app
from reporter.web.links import build_links
from reporter.web.storage import Store
from reporter.web.tokens import csrf_token, secret_key
from reporter.workspace import open_workspace
from tests.conftest import ROOT, copy_example, missing

PERIOD = "2018-11"
#: Two days before the example's deadline (2018-11-20).
TODAY = dt.date(2018, 11, 18)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Server:
    """An intake app over a fresh workspace, with every link token by unit short name."""

    ws: Path
    returned: Path  # the example's filled workbooks, to upload
    app: Flask
    client: FlaskClient
    tokens: dict[str, str]  # short name (or 办公室) -> token
    store: Store

    def csrf(self, short: str) -> str:
        return csrf_token(secret_key(self.ws), self.tokens[short])

    def workbook(self, short: str) -> bytes:
        return (self.returned / f"{short}.xlsx").read_bytes()

    def upload(self, short: str, data: bytes, name: str = "表.xlsx", json: bool = True, token: str | None = None,
               csrf: str | None = None, client: FlaskClient | None = None):
        """POST ``data`` as ``short``'s upload (through ``token``, ``short``'s own by default)."""
        token = token or self.tokens[short]
        form = {"workbook": (io.BytesIO(data), name), "csrf_token": self.csrf(short) if csrf is None else csrf}
        headers = {"Accept": "application/json"} if json else {}
        return (client or self.client).post(f"/u/{token}/upload", data=form, headers=headers,
                                            content_type="multipart/form-data")

    def inputs(self, short: str) -> Path:
        return self.ws / "inputs" / PERIOD / f"{short}.xlsx"


def with_cell(data: bytes, sheet: str, cell: str, value: object) -> bytes:
    """A copy of the workbook ``data`` with one cell changed (as a person would in Excel)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def make_server(tmp_path: Path, store: Store | None = None, max_upload: int = 10 * 1024 * 1024,
                today: dt.date = TODAY) -> Server:
    ws = copy_example(tmp_path / "ws")
    returned = tmp_path / "returned"
    shutil.move(ws / "inputs" / PERIOD, returned)
    (ws / "inputs" / PERIOD).mkdir()
    links = build_links(ws, "http://127.0.0.1:8000", store=store)
    tokens = {row.short: row.url.rsplit("/", 1)[1] for row in links.rows}
    app = create_app(ws, store=store, max_upload=max_upload, today=lambda: today)
    return Server(ws, returned, app, app.test_client(), tokens, app.extensions["reporter"].store)


@pytest.fixture
def server(tmp_path: Path) -> Server:
    """An intake server on a copy of the example workspace where nobody has reported."""
    return make_server(tmp_path)


@pytest.fixture
def live(server: Server):
    """``server``'s app on waitress at a free localhost port; yields the base URL."""
    httpd = create_server(server.app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=httpd.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.effective_port}"
    httpd.close()
    thread.join(5)


# --- submissions as data -------------------------------------------------------------------------


def submission(server: Server, path) -> Submission:
    ws = open_workspace(server.ws)
    found = read_submission(Source(path, "x"), ws.campaign, tuple(load_tasks(ws, ws.campaign)))
    assert found.ok, found.problems
    assert found.value is not None
    return found.value


def content(s: Submission) -> tuple:
    """What a submission says, without where it was read from."""
    return (s.unit_code, s.filled_by, s.phone, s.filled_on,
            [(v.indicator_code, v.value, v.note) for v in s.values],
            [(n.section_code, n.title, n.text, n.highlight, n.order) for n in s.notes],
            [(p.task_id, p.state, p.note) for p in s.progress])


def form_of(server: Server, s: Submission) -> dict[str, str]:
    """The page's fields filled with what ``s`` holds."""
    titles = {sec.code: sec.title for sec in open_workspace(server.ws).campaign.sections}
    form = {"csrf_token": "", "filled_by": s.filled_by, "phone": s.phone,
            "filled_on": s.filled_on.isoformat() if s.filled_on else ""}
    for v in s.values:
        form[f"value-{v.indicator_code}"] = str(v.value)
        form[f"remark-{v.indicator_code}"] = v.note
    for n, note in enumerate(s.notes):
        form.update({f"note-section-{n}": titles[note.section_code], f"note-title-{n}": note.title,
                     f"note-text-{n}": note.text, f"note-highlight-{n}": "是" if note.highlight else "否",
                     f"note-order-{n}": "" if note.order is None else str(note.order)})
    for p in s.progress:
        form[f"task-state-{p.task_id}"] = p.state
        form[f"task-note-{p.task_id}"] = p.note
    return form


# --- the browser ------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    """A headless chromium; skipped without it or Playwright unless REPORTER_REQUIRE_BROWSER=1."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("REPORTER_REQUIRE_BROWSER", "playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing("REPORTER_REQUIRE_BROWSER", "chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        except Exception as e:  # noqa: BLE001 - a broken or partial install: say so, as for a missing one
            if os.environ.get("REPORTER_REQUIRE_BROWSER") == "1":
                raise
            pytest.skip(f"chromium cannot be started ({type(e).__name__}); reinstall it (apt-get install chromium)")
        yield launched
        launched.close()


def screenshot_folder(tmp_path: Path) -> Path:
    """Where a browser test saves its screenshots: docs/ with REPORTER_SCREENSHOTS=1, else ``tmp_path``."""
    return ROOT / "docs" if os.environ.get("REPORTER_SCREENSHOTS") == "1" else tmp_path


# --- PostgreSQL -----------------------------------------------------------------------------------

POSTGRES_BINARIES = "/usr/lib/postgresql/*/bin"


def _postgres_bin() -> Path | None:
    found = sorted(Path("/").glob(POSTGRES_BINARIES.lstrip("/")), key=lambda p: p.parent.name)
    found = [p for p in found if (p / "initdb").exists() and (p / "pg_ctl").exists()]
    return found[-1] if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of Debian's ``postgresql`` package, started in a temporary folder
    (unix socket only, as ``nobody`` when run as root); yields the folder of its socket.
    Skipped without the package unless REPORTER_REQUIRE_POSTGRES=1."""
    binaries = _postgres_bin()
    if binaries is None:
        missing("REPORTER_REQUIRE_POSTGRES", "PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="reporter-pg-", dir="/tmp"))
    user = "nobody" if os.geteuid() == 0 else None
    if user:
        shutil.chown(folder, user)
    data = folder / "data"

    def pg(*args: str) -> None:
        subprocess.run([str(binaries / args[0]), *args[1:]], check=True, capture_output=True, user=user,
                       timeout=120, cwd=folder)

    pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
    pg("pg_ctl", "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
       f"-k {folder} -c listen_addresses='' -F", "start")
    try:
        yield folder
    finally:
        pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: Path) -> str:
    """A fresh, empty database on the test PostgreSQL server, as a ``DATABASE_URL``."""
    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"postgresql+psycopg://postgres@/postgres?host={postgres_server}",
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"postgresql+psycopg://postgres@/{name}?host={postgres_server}"
