"""Shared fixtures: a private copy of the example workspace, and the LibreOffice gate."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def example_ws(tmp_path: Path) -> Path:
    """A copy of the example workspace (inputs and templates) that a test may change."""
    ws = tmp_path / "ws"
    for name in ("inputs", "templates"):
        shutil.copytree(ROOT / name, ws / name)
    return ws


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary; skips without it, fails when CI requires it."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("REPORTER_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("REPORTER_REQUIRE_LIBREOFFICE=1 but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return binary


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to show a run changed nothing."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


VALIDATOR = ROOT / "node_modules" / ".bin" / "ooxml-validator"


@pytest.fixture
def ooxml_validator():
    """A function asserting a file passes the Open XML SDK validator; skips without it
    unless REPORTER_REQUIRE_VALIDATOR=1 (as in CI)."""
    import json
    import subprocess

    if not VALIDATOR.exists():
        if os.environ.get("REPORTER_REQUIRE_VALIDATOR") == "1":
            pytest.fail("REPORTER_REQUIRE_VALIDATOR=1 but node_modules/.bin/ooxml-validator is missing")
        pytest.skip("Open XML SDK validator not installed (npm install)")

    def validate(path: Path) -> None:
        run = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=120)
        report = json.loads(run.stdout)
        assert run.returncode == 0 and report["ok"], report["errors"][:5]

    return validate
