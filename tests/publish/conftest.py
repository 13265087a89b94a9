"""Fixtures of the publishing tests: a stand-in ``soffice`` on PATH."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# A stand-in for soffice: records its arguments and its profile's settings, then acts as told.
FAKE = """#!{python}
import os, sys, time
args = sys.argv[1:]
with open({record!r}, "w", encoding="utf-8") as record:
    record.write("\\n".join(args))
profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))[len("-env:UserInstallation=file://"):]
with open(os.path.join(profile, "user", "registrymodifications.xcu"), encoding="utf-8") as settings, \\
        open({record!r} + ".xcu", "w", encoding="utf-8") as copy:
    copy.write(settings.read())
outdir = args[args.index("--outdir") + 1]
source = args[-1]
behaviour = {behaviour!r}
if behaviour == "hang":
    with open({record!r} + ".pid", "w") as pid:
        pid.write(str(os.getpid()))
    time.sleep(60)
if behaviour == "fail":
    print("Error: something went wrong")
    sys.exit(5)
if behaviour == "write":
    os.makedirs(outdir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(source))[0]
    with open(source, "rb") as given, open(os.path.join(outdir, stem + ".docx"), "wb") as out:
        out.write(b"converted:" + given.read())
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Puts a stand-in ``soffice`` acting as told on PATH; returns the file it records into."""
    def install(behaviour: str) -> Path:
        folder = tmp_path / "bin"
        folder.mkdir(exist_ok=True)
        record = tmp_path / "soffice-args.txt"
        script = folder / "soffice"
        script.write_text(FAKE.format(python=sys.executable, record=str(record), behaviour=behaviour), encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setenv("PATH", str(folder))
        return record
    return install
