"""The template guide docs/模板写法.md: every example in it renders to the text it shows.

Each ```jinja example is rendered through the report's renderer, filters and context, as
``reporter report`` renders a template, against the example workspace or a workspace the
guide describes (see ``tests/guide.py`` for the format), and compared with its 输出 block;
an example shown with 报错 must be refused with that message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporter.documents.report import REPORT
from reporter.errors import InputError
from reporter.model import Source
from reporter.pipeline.history import read_history
from reporter.pipeline.report import context_of
from reporter.render.renderer import Renderer
from tests.conftest import ROOT
from tests.docs.guide import (
    EXAMPLE,
    GUIDE,
    INFO,
    GuideWorkspace,
    build_workspace,
    read_guide,
    write_template,
)

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
            space.render(example.template, tmp_path, example.draft)
        assert [str(p) for p in caught.value.problems] == example.expected
    else:
        assert space.render(example.template, tmp_path, example.draft) == example.expected
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


def test_a_villages_form_says_it_is_a_village(workspaces):
    """Forms show each unit's configured type (基本信息, 单位类型)."""
    forms = workspaces["村庄"].root / "outputs" / "forms" / "2019-05"
    kinds = {name: load_workbook(forms / f"{name}.xlsx")["基本信息"]["B4"].value for name in ("东北村", "镇环卫所")}
    assert kinds == {"东北村": "村", "镇环卫所": "部门"}


def test_a_units_own_figure_is_traced_to_its_cell(workspaces, tmp_path: Path):
    """A figure printed for one unit appears in 数据来源 with the cell it was read from."""
    space = workspaces["村庄"]
    template = write_template(tmp_path / "模板.docx", ["{% for 位 in 单位.村.其中('改厕', '>', 70) %}{{ 位.指标.改厕 }}{% endfor %}"])
    context = context_of(space.ws.campaign, space.checked.submissions, space.checked.tasks,
                         read_history(space.ws, space.ws.campaign, space.checked.submissions, space.checked.tasks))
    Renderer(Source(template, "模板.docx"), REPORT.template_filters()).render(context.values, INFO)
    [shown] = context.shown.items
    assert (shown.figure.indicator.name, shown.text, shown.figure.total) == ("完成户厕改造（东北村）", "72户", 72)
    [cell] = shown.figure.contributions
    assert str(cell.source).startswith("inputs/2019-05/东北村.xlsx:工作指标!D")


def test_every_workspace_of_the_guide_is_used():
    assert set(SPACES) <= {e.workspace for e in EXAMPLES}


def test_the_readme_links_the_guide():
    assert "docs/模板写法.md" in (ROOT / "README.md").read_text(encoding="utf-8")
