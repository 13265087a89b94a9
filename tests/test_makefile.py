"""The Makefile's batches: real file dependencies, so a change rebuilds only what depends on it;
and make demo without LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, missing


def running_python(stamp_dir: Path) -> list[str]:
    """make variables that run reporter from this checkout with the running interpreter, its
    environment taken as installed (a stamp newer than pyproject.toml), never touching .venv."""
    stamp = stamp_dir / "installed"
    if not stamp.exists():  # touched again, it would make every output out of date
        stamp.touch()
    return [f"VENV={sys.prefix}", f"STAMP={stamp}", f"REPORTER={sys.executable} -m reporter", "SYSTEM_DEPS=no"]


def make_env(path: str | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if path is not None:
        env["PATH"] = path
    return env


def make(ws: Path, *targets: str, dry: bool = False) -> str:
    args = ["make", "--no-print-directory", f"WS={ws}", *running_python(ws.parent), *targets] + (["-n"] if dry else [])
    run = subprocess.run(args, check=False, cwd=ROOT, capture_output=True, text=True, timeout=600, env=make_env())
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def back_in_time(folder: Path, seconds: int = 10) -> None:
    """Everything under ``folder`` made ``seconds`` older, in the same order: a file touched
    now is then newer than every output, without waiting for the clock to move on."""
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9), follow_symlinks=False)


def mtimes(folder: Path) -> dict[str, float]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(example_ws: Path) -> Path:
    if shutil.which("make") is None:
        missing("REPORTER_REQUIRE_SYSTEM", "make is not installed")
    make(example_ws, "report", "tasks", "notice")
    return example_ws


def test_changing_one_workbook_rebuilds_only_what_uses_it(built: Path):
    back_in_time(built.parent)  # the workspace and the stamp of the installed environment
    before = mtimes(built / "outputs")
    os.utime(built / "inputs" / "2018-11" / "东城街道.xlsx")
    planned = make(built, "report", "tasks", "notice", dry=True)
    assert "reporter report" in planned and "reporter tasks" in planned
    assert "reporter notice" not in planned and "reporter forms" not in planned
    make(built, "report", "tasks", "notice")
    after = mtimes(built / "outputs")
    changed = {name for name in after if after[name] != before.get(name)}
    assert "工作情况汇报.docx" in changed and "责任分解表.docx" in changed
    assert not any(name.startswith("整改通知/") or name == "督查通报.docx" for name in changed)
    assert "reporter" not in make(built, "report", "tasks", "notice", dry=True)


def test_changing_a_round_rebuilds_only_the_notice(built: Path):
    back_in_time(built.parent)
    os.utime(built / "inputs" / "督查" / "第2轮督查.xlsx")
    planned = make(built, "report", "tasks", "notice", dry=True)
    assert "reporter notice" in planned
    assert "reporter report" not in planned and "reporter tasks" not in planned


@pytest.mark.libreoffice
def test_all_builds_the_booklet_and_pdfs_follow_their_documents(built: Path, soffice: str):
    make(built, "all")
    assert (built / "outputs" / "汇编.pdf").is_file()
    back_in_time(built.parent)
    os.utime(built / "inputs" / "督查" / "第2轮督查.xlsx")
    planned = make(built, "all", dry=True)
    assert "reporter notice" in planned and "reporter pdf" in planned and "reporter booklet" in planned
    assert "reporter report" not in planned


def path_without_libreoffice(shadow: Path) -> str:
    """PATH with every folder holding soffice or libreoffice replaced by a folder of links to
    all its other programs."""
    folders = []
    for index, folder in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        entry = Path(folder)
        if not any((entry / name).exists() for name in ("soffice", "libreoffice")):
            folders.append(folder)
            continue
        copy = shadow / str(index)
        copy.mkdir(parents=True)
        for program in entry.iterdir():
            if program.name not in ("soffice", "libreoffice"):
                (copy / program.name).symlink_to(program)
        folders.append(str(copy))
    return os.pathsep.join(folders)


def test_demo_without_libreoffice_makes_the_rest_and_says_what_it_skipped(example_ws: Path, tmp_path: Path):
    if shutil.which("make") is None:
        missing("REPORTER_REQUIRE_SYSTEM", "make is not installed")
    path = path_without_libreoffice(tmp_path / "bin")
    assert shutil.which("soffice", path=path) is None and shutil.which("libreoffice", path=path) is None
    args = ["make", "--no-print-directory", f"WS={example_ws}", *running_python(tmp_path), "demo"]
    run = subprocess.run(args, check=False, cwd=ROOT, capture_output=True, text=True, timeout=600, env=make_env(path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "已跳过 PDF 和汇编" in run.stdout and "未找到 LibreOffice" in run.stdout
    assert "sudo make system-deps" in run.stdout
    outputs = example_ws / "outputs"
    for name in ("工作情况汇报.docx", "责任分解表.docx", "督查通报.docx", "督查问题台账.xlsx", "forms"):
        assert (outputs / name).exists(), name
    assert not list(outputs.rglob("*.pdf"))


def test_demo_as_root_installs_system_packages_unless_told_not_to(tmp_path: Path):
    if shutil.which("make") is None:
        missing("REPORTER_REQUIRE_SYSTEM", "make is not installed")
    env = make_env()
    planned = subprocess.run(["make", "-n", "--no-print-directory", "demo"], check=False, cwd=ROOT, capture_output=True,
                             text=True, timeout=60, env=env).stdout
    assert "scripts/install-system-deps.sh" in planned and "id -u" in planned
    quiet = subprocess.run(["make", "-n", "--no-print-directory", "demo", "SYSTEM_DEPS=no"], check=False, cwd=ROOT,
                           capture_output=True, text=True, timeout=60, env=env).stdout
    assert 'if [ "no" != no ]' in quiet
