"""Deadlines per period: ``deadline`` is a rule ("次月5日") or, as before, a date (the configured
period's own, other periods the same day as many months on); ``deadlines`` gives some periods
a date of their own. Forms, reminders and ``reporter check`` use the period's deadline, and a
unit whose workbook is dated after it is listed as 逾期报送."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reporter.errors import InputError
from reporter.figures.punctuality import days_late, late_report
from reporter.model import Period, ReportingDeadline
from reporter.pipeline import build_reminder
from reporter.workspace.reading import campaign_from
from tests.conftest import ROOT, run

CONFIG = (ROOT / "inputs" / "配置.toml").read_text(encoding="utf-8")
EXAMPLE_DEADLINE = "deadline = 2018-11-20"


def configured(deadline_lines: str):
    """The example's campaign with its ``deadline`` line replaced by ``deadline_lines``."""
    assert EXAMPLE_DEADLINE in CONFIG
    return campaign_from(tomllib.loads(CONFIG.replace(EXAMPLE_DEADLINE, deadline_lines)), "inputs/配置.toml")


def set_config(ws: Path, deadline_lines: str) -> None:
    path = ws / "inputs" / "配置.toml"
    text = path.read_text(encoding="utf-8")
    assert EXAMPLE_DEADLINE in text
    path.write_text(text.replace(EXAMPLE_DEADLINE, deadline_lines), encoding="utf-8")


@pytest.mark.parametrize(("rule", "period", "due"), [
    ('"次月5日"', Period(2018, 11), dt.date(2018, 12, 5)),
    ('"次月5日"', Period(2018, 12), dt.date(2019, 1, 5)),      # across the year
    ('"下月5日前"', Period(2019, 1), dt.date(2019, 2, 5)),
    ('"当月25日"', Period(2019, 1), dt.date(2019, 1, 25)),
    ('"本月25日"', Period(2019, 3), dt.date(2019, 3, 25)),
    ('"次月底"', Period(2019, 1), dt.date(2019, 2, 28)),
    ('"次月31日"', Period(2019, 1), dt.date(2019, 2, 28)),     # no 31st in February: its last day
    ('"当月底"', Period(2020, 2), dt.date(2020, 2, 29)),
])
def test_a_rule_gives_each_period_its_deadline(rule: str, period: Period, due: dt.date):
    campaign = configured(f"deadline = {rule}")
    assert campaign.deadline_of(period) == due
    assert replace(campaign, period=period).deadline == due


def test_a_single_date_keeps_its_meaning_for_the_configured_period_and_moves_with_others():
    campaign = configured("deadline = 2018-11-20")
    assert campaign.deadline == dt.date(2018, 11, 20)
    assert campaign.deadline_rule == ReportingDeadline(0, 20)
    assert campaign.deadline_of(Period(2018, 12)) == dt.date(2018, 12, 20)
    assert campaign.deadline_of(Period(2019, 1)) == dt.date(2019, 1, 20)  # not 2018-11-20 for every month
    assert campaign.deadline_of(Period(2018, 10)) == dt.date(2018, 10, 20)


def test_periods_of_their_own_come_before_the_rule():
    campaign = configured('deadline = "次月5日"\ndeadlines = { "2019-01" = 2019-02-12, "2018-11" = 2018-12-07 }')
    assert campaign.deadline == dt.date(2018, 12, 7)
    assert campaign.deadline_of(Period(2019, 1)) == dt.date(2019, 2, 12)
    assert campaign.deadline_of(Period(2019, 2)) == dt.date(2019, 3, 5)


def test_only_a_table_of_periods_leaves_other_periods_without_a_deadline():
    campaign = configured('deadlines = { "2018-11" = 2018-11-22 }')
    assert campaign.deadline == dt.date(2018, 11, 22)
    assert campaign.deadline_of(Period(2018, 12)) is None


def test_no_deadline_at_all():
    campaign = configured("")
    assert campaign.deadline is None and campaign.deadline_rule is None


@pytest.mark.parametrize(("lines", "where", "words"), [
    ('deadline = "每月5号"', "campaign.deadline", "不是可识别的截止日期"),
    ('deadline = "次月32日"', "campaign.deadline", "1 到 31"),
    ('deadline = "次月0日"', "campaign.deadline", "1 到 31"),
    ('deadlines = { "2019-13" = 2019-02-12 }', "campaign.deadlines.2019-13", "不是报送期"),
    ('deadlines = { "2019-01" = "2月12日" }', "campaign.deadlines.2019-01", "不是日期"),
    ('deadlines = "2019-01"', "campaign.deadlines", "应写成"),
])
def test_a_wrong_rule_is_refused_at_its_key(lines: str, where: str, words: str):
    with pytest.raises(InputError) as refused:
        configured(lines)
    problems = refused.value.problems
    assert [p.where for p in problems] == [where]
    assert words in problems[0].message


def test_a_submission_after_the_deadline_is_late_by_its_days():
    campaign = configured('deadline = "当月20日"')
    unit = campaign.units[0]
    assert days_late(campaign, dt.date(2018, 11, 20)) == 0
    assert late_report(campaign, unit, dt.date(2018, 11, 20)) is None
    assert late_report(campaign, unit, None) is None
    late = late_report(campaign, unit, dt.date(2018, 11, 22))
    assert late is not None and late.days == 2
    assert late.label == "逾期报送（2018年11月22日报送，逾期2天）"
    assert days_late(configured(""), dt.date(2030, 1, 1)) == 0  # no deadline: never late


def test_the_form_of_a_period_states_that_periods_deadline(example_ws: Path):
    set_config(example_ws, 'deadline = "次月5日"')
    result = run("forms", "-w", example_ws, "--period", "2018-12")
    assert result.exit_code == 0, result.output
    guide = load_workbook(example_ws / "outputs" / "forms" / "2018-12" / "东城街道.xlsx")["填报说明"]
    text = "\n".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "2019年1月5日" in text
    assert "2018年11月20日" not in text


def test_the_reminder_uses_the_periods_deadline(example_ws: Path):
    set_config(example_ws, 'deadline = "次月5日"')
    (example_ws / "inputs" / "2018-11" / "团区委.xlsx").unlink()
    before = build_reminder(example_ws, dt.date(2018, 11, 27))
    assert "报送截止时间为2018年12月5日。" in before.text and "逾期" not in before.text
    assert "请未报送的单位于2018年12月5日前报送" in before.text
    after = build_reminder(example_ws, dt.date(2018, 12, 8))
    assert "报送截止时间为2018年12月5日，已逾期3天。" in after.text


def test_check_lists_late_units_with_their_dates(example_ws: Path):
    path = example_ws / "inputs" / "2018-11" / "东城街道.xlsx"
    book = load_workbook(path)
    book["基本信息"]["B8"] = dt.datetime(2018, 11, 23)
    book.save(path)

    result = run("check", "-w", example_ws)

    assert result.exit_code == 0, result.output
    late = [line for line in result.output.splitlines() if line.startswith("逾期报送")]
    assert late == ["逾期报送（按填报日期）：东城街道（11月23日，逾期3天）"]


def test_check_lists_no_late_unit_when_all_are_on_time(example_ws: Path):
    result = run("check", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert not re.search("逾期", result.output)
