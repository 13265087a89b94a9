"""Converting a .doc or .wps into .docx through LibreOffice: the no-fetch profile, the result written
whole or not at all, timeouts and failures as exit code 3, and nothing fetched from the network
(with a real LibreOffice, against a recording web server)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reporter.errors import EXIT_TOOL, ToolError
from reporter.publish import profile
from reporter.publish.word_convert import convert_to_docx
from reporter.render.sanitize import template_problems
from tests.publish.libreoffice_saved import saved_as
from tests.render.hostile_docx import hostile_template, linked_image, recording_server


def test_converts_with_the_no_fetch_profile_and_writes_the_result(tmp_path: Path, fake_soffice):
    record = fake_soffice("write")
    source = tmp_path / "-汇报 模板.WPS"
    source.write_bytes(b"a WPS file")
    target = tmp_path / "cache" / "ab12" / "汇报.docx"
    assert convert_to_docx(source, target, "templates/docx/汇报.wps") is True
    assert target.read_bytes() == b"converted:a WPS file"
    args = record.read_text(encoding="utf-8").splitlines()
    assert args[args.index("--convert-to") + 1] == "docx"
    assert args[-1].endswith("/in/template.wps")  # a name of its own: no leading "-", no encoding
    assert "--headless" in args and "--norestore" in args
    assert Path(str(record) + ".xcu").read_text(encoding="utf-8") == profile.registry_xml()
    assert list(target.parent.iterdir()) == [target]  # nothing staged left beside it


def test_nothing_written_is_false_and_leaves_no_file(tmp_path: Path, fake_soffice):
    fake_soffice("nothing")
    source = tmp_path / "x.doc"
    source.write_bytes(b"?")
    target = tmp_path / "cache" / "x.docx"
    assert convert_to_docx(source, target, "x.doc") is False
    assert not target.exists()


def test_a_failing_libreoffice_is_a_tool_error_with_its_last_words(tmp_path: Path, fake_soffice):
    fake_soffice("fail")
    source = tmp_path / "x.doc"
    source.write_bytes(b"?")
    with pytest.raises(ToolError) as caught:
        convert_to_docx(source, tmp_path / "x.docx", "templates/docx/x.doc")
    assert caught.value.exit_code == EXIT_TOOL
    assert str(caught.value) == ("templates/docx/x.doc: LibreOffice 转换失败，退出码 5（Error: something went wrong）；"
                                 "请在 Word 或 WPS 中把它另存为 .docx 格式")


def test_a_libreoffice_that_hangs_is_stopped(tmp_path: Path, fake_soffice):
    record = fake_soffice("hang")
    source = tmp_path / "x.doc"
    source.write_bytes(b"?")
    with pytest.raises(ToolError, match="LibreOffice 转换超过 1 秒仍未完成，已终止") as caught:
        convert_to_docx(source, tmp_path / "x.docx", "templates/docx/x.doc", timeout=1)
    assert caught.value.exit_code == EXIT_TOOL
    pid = int(Path(str(record) + ".pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not (tmp_path / "x.docx").exists()


def test_without_libreoffice_the_advice_is_to_save_as_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    source = tmp_path / "x.doc"
    source.write_bytes(b"?")
    with pytest.raises(ToolError) as caught:
        convert_to_docx(source, tmp_path / "x.docx", "templates/docx/x.doc")
    assert caught.value.exit_code == EXIT_TOOL
    assert str(caught.value).startswith("templates/docx/x.doc: 需要先由 LibreOffice 转换为 .docx 才能使用，"
                                        "但本机未安装 LibreOffice。请在 Word 或 WPS 中把它另存为 .docx 格式")


def _doc_with_linked_picture(soffice: str, base: str, folder: Path) -> Path:
    """A Word 97-2003 file showing a picture from ``base`` (linked, not embedded)."""
    return saved_as(soffice, hostile_template(folder / "linked.docx", linked_image(f"{base}/image.png")), "doc",
                    folder / "saved")


@pytest.mark.libreoffice
def test_a_doc_with_a_linked_picture_fetches_nothing(tmp_path: Path, soffice: str):
    with recording_server() as (base, requests):
        doc = _doc_with_linked_picture(soffice, base, tmp_path)
        requests.clear()
        target = tmp_path / "converted.docx"
        assert convert_to_docx(doc, target, "linked.doc")
        assert requests == []
    # The link survives the conversion, and the safety scan refuses it.
    assert any("模板引用了外部资源" in p.message for p in template_problems(target, "linked.doc"))


@pytest.mark.libreoffice
def test_without_the_proxy_settings_libreoffice_fetches_a_doc_s_linked_picture(
        tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch):
    """The control: LibreOffice's Word 97-2003 import fetches linked pictures even with untrusted
    referers blocked, so the test above would see a request if the proxy settings were missing."""
    with recording_server() as (base, requests):
        doc = _doc_with_linked_picture(soffice, base, tmp_path)
        requests.clear()
        inet = "/org.openoffice.Inet/Settings"
        monkeypatch.setattr(profile, "SETTINGS", tuple(s for s in profile.SETTINGS if s[0] != inet))
        convert_to_docx(doc, tmp_path / "converted.docx", "linked.doc")
        assert "/image.png" in requests
