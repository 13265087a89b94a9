"""``serve --public-url``: pages made for the address users reach the server by through its
proxy (scheme, host, path prefix); a host beyond this machine served with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.errors import UsageError
from reporter.web.app import create_app
from werkzeug.test import Client
from werkzeug.wrappers import Request

from reporter.web.public import PublicAddress, checked_public_url
from reporter.web.server import EXPOSED, GUIDE, loopback, prepare
from tests.web.conftest import TODAY, Server
from tests.web.serving import free_port


def test_pages_carry_the_public_address(server: Server):
    app = create_app(server.ws, today=lambda: TODAY, public_url="https://tb.example.gov.cn/tianbao/")
    client = app.test_client()
    token = server.tokens["东城街道"]
    page = client.get(f"/tianbao/u/{token}")  # the proxy passed the prefix on
    assert page.status_code == 200
    assert f'action="/tianbao/u/{token}/upload"' in page.get_data(as_text=True)
    assert client.get(f"/u/{token}").status_code == 200  # or stripped it

    def echo(environ, start_response):  # what a redirect or an absolute link is built from
        start_response("200 OK", [])
        return [Request(environ).url.encode()]

    behind = Client(PublicAddress(echo, "https://tb.example.gov.cn/tianbao"))
    assert behind.get(f"/tianbao/u/{token}").data.decode() == f"https://tb.example.gov.cn/tianbao/u/{token}"
    assert behind.get("/u/x", headers={"Host": "127.0.0.1:8001"}).data == b"https://tb.example.gov.cn/tianbao/u/x"

@pytest.mark.parametrize("url", ["tb.example.gov.cn", "ftp://x.cn", "https://", "https://x.cn/?a=1"])
def test_a_public_url_must_be_an_address(url: str):
    with pytest.raises(UsageError) as refused:
        checked_public_url(url)
    assert "--public-url" in refused.value.lines()[0]


def test_a_host_beyond_this_machine_is_warned_about(server: Server):
    assert loopback("127.0.0.1") and loopback("::1") and loopback("localhost")
    assert not loopback("0.0.0.0") and not loopback("192.168.1.10")
    running = prepare(server.ws, host="0.0.0.0", port=free_port())
    try:
        assert EXPOSED.format(host="0.0.0.0") in running.notes and GUIDE in running.notes[-1]
        assert (Path(__file__).resolve().parents[2] / GUIDE).is_file()
    finally:
        running.server.close()  # type: ignore[attr-defined]
    quiet = prepare(server.ws, port=free_port())
    quiet.server.close()  # type: ignore[attr-defined]
    assert not any(GUIDE in note for note in quiet.notes)
