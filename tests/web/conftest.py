"""Fixtures of the intake server's tests: a workspace where no unit has reported yet (the
example's filled workbooks kept aside to upload), its links, the app and its test client."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from reporter.web.app import create_app
from reporter.web.links import build_links
from reporter.web.storage import Store
from reporter.web.tokens import csrf_token, secret_key
from tests.conftest import copy_example

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
