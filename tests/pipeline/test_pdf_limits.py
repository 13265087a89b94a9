"""How long ``reporter pdf`` lets LibreOffice go without progress: 300 seconds, ``[limits]
pdf_idle_seconds`` in 配置.toml, or ``--idle-seconds``; and long tables are cut for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.pipeline.pdf import PageCut
from tests.conftest import run


@pytest.fixture
def given(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What ``reporter pdf`` hands to the converter (which converts nothing)."""
    seen: dict = {}

    def convert(docs, **options):
        seen.update(options, docs=list(docs))
        return []

    monkeypatch.setattr("reporter.publish.pdf.convert", convert)
    return seen


def _limits(ws: Path, text: str) -> None:
    config = ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[limits]\n{text}\n", encoding="utf-8")


def test_by_default_libreoffice_may_go_300_seconds_without_progress(built_copy: Path, given: dict):
    result = run("pdf", "-w", built_copy, "--force")
    assert result.exit_code == 0, result.output
    assert given["idle"] == 300
    assert isinstance(given["paging"], PageCut)
    assert given["docs"]


def test_the_configuration_sets_it(built_copy: Path, given: dict):
    _limits(built_copy, "pdf_idle_seconds = 600")
    assert run("pdf", "-w", built_copy, "--force").exit_code == 0
    assert given["idle"] == 600


def test_the_option_sets_it_for_one_run(built_copy: Path, given: dict):
    _limits(built_copy, "pdf_idle_seconds = 600")
    assert run("pdf", "-w", built_copy, "--force", "--idle-seconds", "30").exit_code == 0
    assert given["idle"] == 30


@pytest.mark.parametrize("value", ["0", "abc"])
def test_a_wrong_option_is_a_usage_error(built_copy: Path, given: dict, value: str):
    result = run("pdf", "-w", built_copy, "--idle-seconds", value)
    assert result.exit_code == 2 and "--idle-seconds" in result.output
    assert given == {}


def test_a_wrong_configuration_names_the_key(built_copy: Path, given: dict):
    _limits(built_copy, "pdf_idle_seconds = 0")
    result = run("pdf", "-w", built_copy, "--force")
    assert result.exit_code == 1
    assert "limits.pdf_idle_seconds" in result.output and "1 到 86400 之间的整数（秒）" in result.output
