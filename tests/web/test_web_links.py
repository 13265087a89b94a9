"""reporter links: one unguessable link per unit and the office, kept across runs, renewed on
request; stored hashed; written to outputs/填报链接.xlsx."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import openpyxl

from reporter.workspace import open_workspace
from tests.conftest import run

LINE = re.compile(r"^(?P<name>[^\t]+)\t(?P<url>https?://\S+/(u|office)/(?P<token>[A-Za-z0-9_-]{40,}))$")


def links(ws: Path, *options: str) -> dict[str, str]:
    result = run("links", "-w", ws, *options)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, result.output
    found = {}
    for line in lines:
        match = LINE.match(line)
        assert match, line
        found[match["name"]] = match["url"]
    return found


def test_one_line_per_unit_then_the_office(example_ws: Path):
    found = links(example_ws, "--base-url", "http://192.168.1.10:8000/")
    campaign = open_workspace(example_ws).campaign
    assert list(found) == [u.short for u in campaign.units] + ["办公室"]
    assert all(url.startswith("http://192.168.1.10:8000/u/") for url in list(found.values())[:-1])
    assert found["办公室"].startswith("http://192.168.1.10:8000/office/")
    assert len(set(found.values())) == len(found)


def test_workbook_lists_every_link(example_ws: Path):
    found = links(example_ws)
    sheet = openpyxl.load_workbook(example_ws / "outputs" / "填报链接.xlsx")["填报链接"]
    rows = [(r[2], r[3], r[4]) for r in sheet.iter_rows(min_row=3, values_only=True)]
    # Column E holds each link's QR code as an image (tests/publish/test_links_book.py), not the link again.
    assert [(short, url, None) for short, url in found.items()] == rows
    assert sheet["D3"].hyperlink.target == rows[0][1]
    assert len(sheet._images) == len(rows)


def test_rerun_keeps_links_and_renew_replaces_them(example_ws: Path):
    first = links(example_ws)
    assert links(example_ws) == first
    renewed = links(example_ws, "--renew")
    assert not set(renewed.values()) & set(first.values())


def test_tokens_are_stored_hashed_only(example_ws: Path):
    found = links(example_ws)
    database = example_ws / ".reporter" / "intake.sqlite3"
    dump = "\n".join(sqlite3.connect(database).iterdump())
    assert found
    for url in found.values():
        assert url.rsplit("/", 1)[1] not in dump
    assert (example_ws / ".reporter" / "secret.key").stat().st_mode & 0o077 == 0


def test_base_url_must_be_a_web_address(example_ws: Path):
    result = run("links", "-w", example_ws, "--base-url", "192.168.1.10")
    assert result.exit_code == 2
    assert "不是网址" in result.output
    assert not (example_ws / "outputs" / "填报链接.xlsx").exists()
