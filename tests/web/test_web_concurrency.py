"""Parallel uploads: different units at once, and the same unit many times at once (double
clicks), against a real waitress server; nothing lost or mixed."""

from __future__ import annotations

import hashlib
import json
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from reporter.workspace import open_workspace
from tests.intake.hostile_xlsx import filed_bytes
from tests.web.conftest import PERIOD, Server, with_cell


def post_upload(base: str, token: str, csrf: str, data: bytes) -> dict:
    boundary = uuid.uuid4().hex
    body = b"".join([
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{csrf}\r\n".encode(),
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"a.xlsx\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n".encode(), data, f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(f"{base}/u/{token}/upload", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        return json.load(e)


def test_different_units_in_parallel(server: Server, live: str):
    shorts = ["东城街道", "西城街道", "南湖街道", "北山街道", "区城管局", "区住建局", "团区委", "区商务局"]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda s: post_upload(live, server.tokens[s], server.csrf(s), server.workbook(s)),
                                shorts))
    assert [r["status"] for r in results] == ["accepted"] * len(shorts)
    for short in shorts:
        assert server.inputs(short).read_bytes() == filed_bytes(server.workbook(short))


def test_same_unit_many_times_at_once(server: Server, live: str):
    data = server.workbook("东城街道")
    sent_variants = [with_cell(data, "工作指标", "E3", f"第{i}次") for i in range(6)]
    uploads = sent_variants + sent_variants  # each sent twice: double clicks
    variants = [filed_bytes(d) for d in sent_variants]  # what is filed for each: values only
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda d: post_upload(live, server.tokens["东城街道"], server.csrf("东城街道"), d),
                                uploads))
    assert all(r["status"] == "accepted" for r in results)
    code = open_workspace(server.ws).campaign.units[0].code
    versions = server.store.versions_of(PERIOD, code)
    numbers = sorted(v.number for v in versions)
    assert numbers == list(range(1, len(numbers) + 1))  # no gap, no duplicate
    stored = {server.store.content(PERIOD, code, v.number) for v in versions}
    assert set(variants) <= stored  # nothing lost, nothing mixed
    for result in results:  # every answer names a version holding exactly what was sent
        sent = next(d for d in variants if hashlib.sha256(d).hexdigest() == result["sha256"])
        assert server.store.content(PERIOD, code, result["version"]) == sent
    newest = server.store.content(PERIOD, code, versions[0].number)
    assert server.inputs("东城街道").read_bytes() == newest
    assert not [p for p in (server.ws / "inputs" / PERIOD).iterdir() if p.name != "东城街道.xlsx"]
