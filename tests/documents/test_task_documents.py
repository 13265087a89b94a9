"""The 责任分解表 and 任务清单 as documents: 各街道/各部门, a category on every row, ratings that
agree with what each unit reported, and the line explaining them."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reporter.cli import cli
from reporter.documents.tasks import unit_names
from reporter.figures.progress import LEGEND
from reporter.workspace import load_campaign, open_workspace

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def tasks_ws(example_ws: Path) -> Path:
    result = CliRunner().invoke(cli, ["tasks", "-w", str(example_ws)])
    assert result.exit_code == 0, result.output
    return example_ws


def codes(campaign, kind: str) -> tuple[str, ...]:
    return tuple(u.code for u in campaign.units if u.kind == kind)


def test_all_streets_or_all_departments_are_named_as_a_group(example_ws: Path):
    campaign = load_campaign(open_workspace(example_ws))
    streets, departments = codes(campaign, "街道"), codes(campaign, "部门")
    assert unit_names(campaign, streets) == "各街道"
    assert unit_names(campaign, ("BM03",) + streets) == "区城管局、各街道"
    assert unit_names(campaign, streets[:3]) == "东城街道、西城街道、南湖街道"
    # Every department but the one leading the task: all the others.
    assert unit_names(campaign, departments[1:], others=departments[:1]) == "各部门"
    assert unit_names(campaign, departments[2:], others=departments[:1]).startswith("区城管局、")
    assert unit_names(campaign, departments[1:]) == "、".join(u.short for u in campaign.units[10:])


def test_the_group_names_are_configurable(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('all_streets = "各街道"', 'all_streets = "辖区各街道"')
    config.write_text(text.replace('all_departments = "各部门"', 'all_departments = ""'), encoding="utf-8")
    campaign = load_campaign(open_workspace(example_ws))
    assert unit_names(campaign, codes(campaign, "街道")) == "辖区各街道"
    departments = codes(campaign, "部门")
    assert unit_names(campaign, departments) == "、".join(campaign.unit(c).short for c in departments)


def test_the_breakdown_table_writes_each_street_group_once(tasks_ws: Path):
    table = docx.Document(tasks_ws / "outputs" / "责任分解表.docx").tables[0]
    partners = [row.cells[5].text.replace("\n", "") for row in table.rows[1:]]
    assert "各街道" in partners
    assert not any("东城街道" in p and "公园街道" in p for p in partners)  # never all nine listed
    assert all(row.cells[0].text for row in table.rows[1:])  # every row carries its category


def rows_of(path: Path) -> list[list[str]]:
    table = docx.Document(path).tables[0]
    return [[c._tc.xpath("string(.)") for c in row.cells] for row in table.rows[1:]]


ALLOWED = {
    "已完成": re.compile(r"已完成"),
    "推进中": re.compile(r"按时推进|逾期\d+天"),
    "未启动": re.compile(r"滞后|逾期\d+天"),
    "未报送": re.compile(r"滞后|逾期\d+天"),
}


def test_every_unit_list_rates_what_the_unit_reported(tasks_ws: Path):
    folder = tasks_ws / "outputs" / "任务清单"
    seen = set()
    for path in sorted(folder.glob("*.docx")):
        for row in rows_of(path):
            progress, rating = row[6], row[8]
            assert ALLOWED[progress].fullmatch(rating), (path.stem, row[2], progress, rating)
            seen.add((progress, rating[:2]))
        paragraphs = [p.text for p in docx.Document(path).paragraphs]
        assert "评定截至2018年11月26日" in paragraphs[1]
        assert paragraphs[2] == LEGEND
    assert {("推进中", "逾期"), ("已完成", "已完"), ("推进中", "按时"), ("未启动", "滞后")} <= seen


def test_the_legend_sits_right_above_the_table(tasks_ws: Path):
    body = docx.Document(tasks_ws / "outputs" / "任务清单" / "区城管局.docx").element.body
    legend = body.find(f"{W}tbl").getprevious()
    assert legend.xpath("string(.)") == LEGEND
