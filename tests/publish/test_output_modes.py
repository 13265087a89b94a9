"""The permission of outputs written in one step (``reporter.atomic``): staged privately, then
given the mode new files get under the umask; a converted template likewise."""

from __future__ import annotations

from pathlib import Path

from reporter.publish.files import OutputBatch
from reporter.publish.word_convert import convert_to_docx
from tests.conftest import mode_of


def test_outputs_are_staged_privately_and_published_with_the_mode_of_new_files(tmp_path: Path, umask_027: None):
    outputs = tmp_path / "outputs"
    batch = OutputBatch()
    batch.add(outputs / "汇报.docx", b"docx")
    batch.add(outputs / "forms" / "东城街道.xlsx", b"xlsx")
    staged = [p for p in outputs.rglob(".~*.tmp")]
    assert len(staged) == 2 and {mode_of(p) for p in staged} == {0o600}
    done = batch.commit()
    assert done == [outputs / "汇报.docx", outputs / "forms" / "东城街道.xlsx"]
    assert [mode_of(p) for p in done] == [0o640, 0o640] and (outputs / "汇报.docx").read_bytes() == b"docx"
    assert not list(outputs.rglob("*.tmp"))


def test_a_converted_template_gets_the_mode_of_new_files(tmp_path: Path, fake_soffice, umask_027: None):
    fake_soffice("write")
    source = tmp_path / "汇报.doc"
    source.write_bytes(b"a doc")
    target = tmp_path / "cache" / "汇报.docx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    assert convert_to_docx(source, target, "templates/docx/汇报.doc") is True
    assert target.read_bytes() == b"converted:a doc" and mode_of(target) == 0o640
    assert list(target.parent.iterdir()) == [target]
