"""Old .xls and WPS .et uploads: converted by LibreOffice Calc headless, then checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.libreoffice_saved import saved_as
from tests.web.conftest import Server

pytestmark = pytest.mark.libreoffice


def test_xls_and_et_are_converted_then_checked(server: Server, soffice: str, tmp_path: Path):
    data = saved_as(soffice, server.returned / "团区委.xlsx", "xls", tmp_path).read_bytes()
    body = server.upload("团区委", data, name="团区委.xls").get_json()
    assert body["status"] == "accepted", body
    assert body["converted"] is True
    assert server.inputs("团区委").read_bytes()[:2] == b"PK"  # stored as .xlsx
    page = server.upload("团区委", data, name="团区委.et", json=False).get_data(as_text=True)
    assert "LibreOffice 转换" in page and "已报送" in page


def test_a_non_spreadsheet_named_xls_is_refused(server: Server, soffice: str):
    body = server.upload("团区委", b"\x00\x01 not a spreadsheet", name="团区委.xls").get_json()
    assert body["status"] == "rejected"
    assert not server.inputs("团区委").exists()
