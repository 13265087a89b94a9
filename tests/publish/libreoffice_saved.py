"""Files saved by LibreOffice the way a user saves them (``soffice --convert-to``), for tests of
templates that went through another editor."""

from __future__ import annotations

import subprocess
from pathlib import Path


def saved_as(soffice: str, source: Path, fmt: str, folder: Path) -> Path:
    """``source`` saved by LibreOffice as ``fmt`` (``doc``, ``docx``) into ``folder``, with a
    throwaway profile of its own; the path of the saved file."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / ".profile").resolve().as_uri()
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", fmt,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    saved = folder / f"{source.stem}.{fmt}"
    assert saved.is_file(), f"LibreOffice did not save {source} as {fmt}"
    return saved
