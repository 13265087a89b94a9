"""A stand-in for ``soffice --convert-to pdf``, told by each document what to do, for testing
how reporter runs LibreOffice without LibreOffice.

``document(path, name, *behaviour)`` writes a .docx-like zip whose body says, for instance,
``good 3`` (a PDF of 3 pages), ``bad`` (print an error and exit 1 at once, leaving the
documents after it unconverted), ``hang`` (print nothing, write nothing, sleep a minute) or
``slow 3`` (write its PDF a little at a time for 3 seconds, then finish it). ``stand_in(folder)``
writes the program; every document it starts is logged as a JSON line (its name, the
process, how many documents the call had) in ``folder/calls.log``.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

PROGRAM = """#!{python}
import json, os, re, sys, time, zipfile
from pypdf import PdfWriter
args = sys.argv[1:]
outdir = args[args.index("--outdir") + 1]
docs = [a for a in args if a.endswith(".docx")]
for doc in docs:
    with zipfile.ZipFile(doc) as archive:
        said = json.loads(archive.read("word/document.xml"))
    with open({log!r}, "a", encoding="utf-8") as log:
        log.write(json.dumps({{"name": said["name"], "pid": os.getpid(), "call": len(docs)}}, ensure_ascii=False) + "\\n")
    kind, value = said["do"][0], (said["do"][1:] or [1])[0]
    target = os.path.join(outdir, os.path.splitext(os.path.basename(doc))[0] + ".pdf")
    if kind == "bad":
        print("Error: source file could not be loaded", flush=True)
        sys.exit(1)
    if kind == "hang":
        with open({log!r} + ".pid", "w") as pid:
            pid.write(str(os.getpid()))
        time.sleep(60)
    writer = PdfWriter()
    for _ in range(int(value) if kind == "good" else 1):
        writer.add_blank_page(595, 842)
    if kind == "slow":
        with open(target + ".part", "wb") as part:
            for _ in range(int(value * 5)):
                part.write(b"%" * 100)
                part.flush()
                time.sleep(0.2)
        os.remove(target + ".part")
    with open(target, "wb") as out:
        writer.write(out)
"""


def stand_in(folder: Path) -> tuple[str, Path]:
    """The stand-in program in ``folder`` and the log of the documents it was given."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "calls.log"
    program = folder / "soffice"
    program.write_text(PROGRAM.format(python=sys.executable, log=str(log)), encoding="utf-8")
    program.chmod(0o755)
    return str(program), log


def document(path: Path, name: str, *behaviour: object, padding: int = 0) -> Path:
    """A document the stand-in acts on as ``behaviour`` says; ``padding`` makes its body
    larger (what reporter takes for the work it is)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"name": name, "do": list(behaviour), "padding": "x" * padding}, ensure_ascii=False)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", body)
    return path


def calls(log: Path) -> list[dict]:
    """What the stand-in was given, document by document, in order."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
