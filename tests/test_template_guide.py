"""The template guide docs/模板写法.md: every example in it renders to the text it shows.

Each ```jinja example is rendered through the report's renderer, filters and context, as
``reporter report`` renders a template, against the example workspace or a workspace the
guide describes (see ``tests/guide.py`` for the format), and compared with its 输出 block;
an example shown with 报错 must be refused with that message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reporter.errors import InputError
from tests.conftest import ROOT
from tests.guide import EXAMPLE, GUIDE, GuideWorkspace, build_workspace, read_guide

EXAMPLES, SPACES = read_guide(GUIDE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GuideWorkspace]:
    """The example workspace and every workspace the guide describes, read once."""
    built = {EXAMPLE: GuideWorkspace(ROOT)}
    for name, space in SPACES.items():
        built[name] = GuideWorkspace(build_workspace(tmp_path_factory.mktemp("guide") / name, space))
    return built


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_renders_as_the_guide_shows(example, workspaces, tmp_path: Path):
    space = workspaces[example.workspace]
    if example.error:
        with pytest.raises(InputError) as caught:
            space.render(example.template, tmp_path)
        assert [str(p) for p in caught.value.problems] == example.expected
    else:
        assert space.render(example.template, tmp_path) == example.expected
        assert space.lint(example.template, tmp_path) == []


def test_the_guide_covers_every_filter_and_variable():
    """Every filter and every variable of the report is shown in at least one example."""
    from reporter.cnfmt import TEMPLATE_FILTERS
    from reporter.documents.report import ReportValues

    used = "\n".join("\n".join(e.template) for e in EXAMPLES)
    missing = [chinese for chinese, _english, _f in TEMPLATE_FILTERS if f"| {chinese}" not in used
               and f"{chinese}(" not in used]
    missing += [name for name in ReportValues.__annotations__ if name not in used]
    assert missing == []


def test_every_workspace_of_the_guide_is_used():
    assert set(SPACES) <= {e.workspace for e in EXAMPLES}


def test_the_readme_links_the_guide():
    assert "docs/模板写法.md" in (ROOT / "README.md").read_text(encoding="utf-8")
