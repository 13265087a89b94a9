"""Reports over several months: 累计, 上期, 同期, 环比/同比, --period, office figures, draft marks
and 数据来源 showing each figure as printed. Expected figures are computed here from the
workbooks' cells, independently of reporter's aggregation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import docx_paragraphs, make_template, run

REPORT = Path("outputs") / "工作情况汇报.docx"
SOURCES = Path("outputs") / "工作情况汇报-数据来源.xlsx"
DRAFT = Path("outputs") / "工作情况汇报（草稿）.docx"
DRAFT_SOURCES = Path("outputs") / "工作情况汇报（草稿）-数据来源.xlsx"


def cells_total(ws: Path, period: str, code: str) -> Decimal:
    """The sum of every unit's value of ``code`` in inputs/<period>/, read from the cells."""
    total = Decimal(0)
    for path in sorted((ws / "inputs" / period).glob("*.xlsx")):
        wb = load_workbook(path, read_only=True)
        for row in wb["工作指标"].iter_rows(min_row=3, values_only=True):
            if len(row) > 5 and row[5] == code and row[3] is not None:
                total += Decimal(str(row[3]))
        wb.close()
    return total


def copy_period(ws: Path, source: str, target: str, halve: bool = False) -> None:
    """inputs/<target>/ as a copy of inputs/<source>/ re-marked for the target month."""
    folder = ws / "inputs" / target
    folder.mkdir()
    for path in sorted((ws / "inputs" / source).glob("*.xlsx")):
        wb = load_workbook(path)
        wb["_reporter"]["B4"].value = target
        if halve:
            sheet = wb["工作指标"]
            for row in range(3, sheet.max_row + 1):
                if sheet[f"F{row}"].value and isinstance(sheet[f"D{row}"].value, int):
                    sheet[f"D{row}"].value = sheet[f"D{row}"].value // 2
        wb.save(folder / path.name)


def use_template(ws: Path, paragraphs: list[str]) -> None:
    make_template(ws / "templates" / "docx" / "工作情况汇报.docx", paragraphs)


def source_rows(ws: Path, sources: Path = SOURCES) -> list[tuple]:
    return list(load_workbook(ws / sources)["数字来源"].iter_rows(min_row=2, values_only=True))


def growth(now: Decimal, before: Decimal) -> str:
    change = (abs(now - before) / before * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return "持平" if change == 0 else f"{'增长' if now > before else '下降'}{change}%"


def test_three_month_history(example_ws: Path):
    copy_period(example_ws, "2018-11", "2017-11", halve=True)
    use_template(example_ws, [
        "累计{{ 累计.私搭乱建 | 确数 }}",
        "上期{{ 上期.私搭乱建 | 确数 }}",
        "环比{{ 指标.私搭乱建 | 环比 }}",
        "同比{{ 指标.私搭乱建 | 同比 }}",
        "比上月{{ 指标.私搭乱建 | 比上期 }}",
        "同期{{ 同期.私搭乱建 | 确数 }}",
        "累计占比{{ 累计.志愿者占比 | 百分比(2) }}",
        "常住人口{{ 累计.常住人口 | 确数 }}",
    ])
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    months = {p: cells_total(example_ws, p, "私搭乱建") for p in ("2018-09", "2018-10", "2018-11", "2017-11")}
    running = months["2018-09"] + months["2018-10"] + months["2018-11"]
    now, before, year_ago = months["2018-11"], months["2018-10"], months["2017-11"]
    # Both operands of 志愿者占比 are stocks (running = "最新"): their 累计 is November's figure.
    people = cells_total(example_ws, "2018-11", "常住人口")
    share = (cells_total(example_ws, "2018-11", "注册志愿者") / people * 100).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert docx_paragraphs(example_ws / REPORT) == [
        f"累计{running}处",
        f"上期{before}处",
        f"环比{growth(now, before)}",
        f"同比{growth(now, year_ago)}",
        f"比上月增加{now - before}处",
        f"同期{year_ago}处",
        f"累计占比{share}%",
        f"常住人口{people}人",
    ]
    assert before < now and year_ago < now  # the example's months grow, so the words are checked
    rows = source_rows(example_ws)
    start = next(i for i, r in enumerate(rows) if r[1] == "依法拆除私搭乱建（累计）")
    assert rows[start][2] == f"{running}处" and rows[start][3] == running
    end = next(i for i in range(start + 1, len(rows)) if rows[i][0] is not None)
    block = rows[start + 1:end]
    by_month = {r[1]: r[3] for r in block if r[1] and r[1].startswith("2018年")}
    assert by_month == {"2018年9月": months["2018-09"], "2018年10月": months["2018-10"],
                        "2018年11月": months["2018-11"]}
    # Every unit's cell of every month is listed under the running total.
    cells = [r[7] for r in block if r[8] and "inputs/" in r[8]]
    assert sum(Decimal(str(c)) for c in cells) == running
    assert {r[8].split("/")[1] for r in block if r[8]} == {"2018-09", "2018-10", "2018-11"}
    compared = next(i for i, r in enumerate(rows) if r[1] == "依法拆除私搭乱建（环比）")
    assert rows[compared][2] == growth(now, before)
    assert [r[3] for r in rows[compared + 1:] if r[1] and r[1][:3] in ("本期：", "上期：")][:2] == [now, before]


def test_period_option_renders_an_earlier_month(example_ws: Path):
    use_template(example_ws, ["{{ 活动.报送期 }}：{{ 指标.私搭乱建 | 确数 }}，累计{{ 累计.私搭乱建 | 确数 }}"])
    result = run("report", "-w", example_ws, "--period", "2018-10")
    assert result.exit_code == 0, result.output
    oct_, sep = (cells_total(example_ws, p, "私搭乱建") for p in ("2018-10", "2018-09"))
    assert docx_paragraphs(example_ws / REPORT) == [f"2018年10月：{oct_}处，累计{oct_ + sep}处"]
    early = run("report", "-w", example_ws, "--period", "2018-08")
    assert early.exit_code == 2 and "早于活动起始期 2018-09" in early.output
    check = run("check", "-w", example_ws, "--period", "2018-09")
    assert check.exit_code == 0 and "2018年9月应报单位 19 个，已报 19 个" in check.output
    assert run("check", "-w", example_ws, "--period", "2019-01").output.count("应报单位 19 个，已报 0 个") == 1
    tasks = run("tasks", "-w", example_ws, "--period", "2018-10")
    assert tasks.exit_code == 0, tasks.output


def test_missing_month_is_an_error_naming_it_or_marked_in_a_draft(example_ws: Path):
    for path in (example_ws / "inputs" / "2018-10").iterdir():
        path.unlink()
    use_template(example_ws, ["累计{{ 累计.私搭乱建 | 确数 }}"])
    refused = run("report", "-w", example_ws)
    assert refused.exit_code == 1
    assert "缺少2018年10月的数据" in refused.output and "inputs/2018-10/" in refused.output
    assert not (example_ws / REPORT).exists()
    draft = run("report", "-w", example_ws, "--allow-missing")
    assert draft.exit_code == 0, draft.output
    total = cells_total(example_ws, "2018-09", "私搭乱建") + cells_total(example_ws, "2018-11", "私搭乱建")
    assert docx_paragraphs(example_ws / DRAFT) == [f"累计{total}处〔缺2018年10月〕"]
    rows = source_rows(example_ws, DRAFT_SOURCES)
    assert any(r[1] == "2018年10月" and r[8] == "缺：inputs/2018-10/ 中没有填报表" for r in rows)


def test_draft_marks_figures_missing_units(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "区城管局.xlsx").unlink()
    use_template(example_ws, ["处理{{ 指标.私搭乱建 | 确数 }}，宣传板{{ 指标.公益宣传板 | 确数 }}"])
    draft = run("report", "-w", example_ws, "--allow-missing")
    assert draft.exit_code == 0, draft.output
    partial = cells_total(example_ws, "2018-11", "私搭乱建")
    boards = cells_total(example_ws, "2018-11", "公益宣传板")  # not reported by 区城管局: whole
    assert docx_paragraphs(example_ws / DRAFT) == [f"处理{partial}处〔1个单位未报〕，宣传板{boards}块"]
    rows = source_rows(example_ws, DRAFT_SOURCES)
    assert any(r[6] == "区城管局" and r[8] == "未报送" for r in rows)
    assert any(r[1] == "依法拆除私搭乱建" and r[2] == f"{partial}处〔1个单位未报〕" for r in rows)


def test_sources_show_the_printed_form_after_template_filters(example_ws: Path):
    use_template(example_ws, [("清理{{ 指标.店外经营 | 约数 | replace('余', '多') }}，"
                               "{{ 指标.店外经营 | 确数 | replace('处', '个地方') }}")])
    assert run("report", "-w", example_ws).exit_code == 0
    printed = docx_paragraphs(example_ws / REPORT)
    assert printed == ["清理6700多处，6743个地方"]
    shown = [r[2] for r in source_rows(example_ws) if r[1] == "清理店外经营、店外加工"]
    assert shown == ["6700多处", "6743个地方"]
    assert "\ue000" not in printed[0] and "\ue001" not in printed[0]


OFFICE_INDICATOR = '''
[[indicators]]
code = "整洁村"
name = "整洁村"
measure = "个"
value = 21
target = 25
'''


def test_office_figure_and_target(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    marker = "# ── 汇编"
    config.write_text(text.replace(marker, OFFICE_INDICATOR + "\n" + marker), encoding="utf-8")
    use_template(example_ws, [("建成{{ 指标.整洁村 | 确数 }}，目标{{ 指标.整洁村.目标 | 确数 }}，"
                               "累计{{ 累计.整洁村 | 确数 }}")])
    result = run("report", "-w", example_ws)
    assert result.exit_code == 0, result.output
    assert docx_paragraphs(example_ws / REPORT) == ["建成21个，目标25个，累计21个"]
    rows = source_rows(example_ws)
    head = next(i for i, r in enumerate(rows) if r[1] == "整洁村")
    assert rows[head][2:6] == ("21个", 21, "个", "办公室给定")
    assert rows[head + 1][6] == "古塔区联创办" and "value" in rows[head + 1][8]
    assert any(r[1] == "整洁村（指标任务）" and r[2] == "25个" and r[3] == 25 for r in rows)


@pytest.mark.parametrize(("extra", "message"), [
    ('value = 5\nreport_by = ["街道"]', "不能同时写 report_by"),
])
def test_office_figure_configuration_errors(example_ws: Path, extra: str, message: str):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8")
    block = f'\n[[indicators]]\ncode = "整洁村"\nname = "整洁村"\nmeasure = "个"\n{extra}\n'
    config.write_text(text.replace("# ── 汇编", block + "# ── 汇编"), encoding="utf-8")
    result = run("check", "-w", example_ws)
    assert result.exit_code == 1 and message in result.output


def test_start_after_period_is_refused(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    text = config.read_text(encoding="utf-8").replace('start = "2018-09"', 'start = "2018-12"')
    config.write_text(text, encoding="utf-8")
    result = run("check", "-w", example_ws)
    assert result.exit_code == 1 and "campaign.start" in result.output and "晚于报送期" in result.output


def test_forms_for_a_period_show_last_periods_values_read_only(example_ws: Path):
    result = run("forms", "-w", example_ws, "--period", "2018-11")
    assert result.exit_code == 0, result.output
    form = load_workbook(example_ws / "outputs" / "forms" / "2018-11" / "区城管局.xlsx")
    sheet = form["工作指标"]
    assert sheet["G2"].value == "上期数值（仅供参考）"
    assert form["_reporter"]["B4"].value == "2018-11"
    october = load_workbook(example_ws / "inputs" / "2018-10" / "区城管局.xlsx")["工作指标"]
    last = {october[f"F{r}"].value: october[f"D{r}"].value for r in range(3, october.max_row + 1)}
    shown = {sheet[f"F{r}"].value: sheet[f"G{r}"].value for r in range(3, sheet.max_row + 1) if sheet[f"F{r}"].value}
    assert shown and shown == {code: value for code, value in last.items() if code}
    assert sheet.protection.sheet and all(sheet[f"G{r}"].protection.locked for r in range(3, 3 + len(shown)))
    # Filled in, its 工作指标 sheet reads back without a word about the reference column
    # (the other sheets of this blank form still ask for their cells).
    for row in range(3, 3 + len(shown)):
        sheet[f"D{row}"].value = 1
    form.save(example_ws / "inputs" / "2018-11" / "区城管局.xlsx")
    check = run("check", "-w", example_ws)
    assert "基本信息!B7" in check.output and "工作指标" not in check.output
    plain = run("forms", "-w", example_ws)
    assert plain.exit_code == 0
    assert load_workbook(example_ws / "outputs" / "forms" / "2018-11" / "区城管局.xlsx")["工作指标"]["G2"].value is None


@pytest.mark.parametrize(("paragraph", "message"), [
    ("{{ 同期.私搭乱建 | 确数 }}", "缺少2017年11月的数据：inputs/2017-11/"),
    ("{{ 指标.私搭乱建 | 同比 }}", "缺少2017年11月的数据"),
    ("{{ 累计.私搭乱建 | 环比 }}", "环比 只能用在本期指标上"),
])
def test_comparisons_refused_with_their_paragraph(example_ws: Path, paragraph: str, message: str):
    before = sorted((example_ws / "inputs").rglob("*"))
    use_template(example_ws, ["第一段", paragraph])
    result = run("report", "-w", example_ws)
    assert result.exit_code == 1 and "第2段" in result.output and message in result.output, result.output
    assert not (example_ws / "outputs").exists() or not any((example_ws / "outputs").iterdir())
    assert sorted((example_ws / "inputs").rglob("*")) == before


def test_earlier_months_are_read_only_for_templates_that_look_back(example_ws: Path):
    broken = example_ws / "inputs" / "2018-10" / "东城街道.xlsx"
    wb = load_workbook(broken)
    wb["工作指标"]["D3"].value = "两千"
    wb.save(broken)
    use_template(example_ws, ["{{ 指标.私搭乱建 | 确数 }}"])
    assert run("report", "-w", example_ws).exit_code == 0
    use_template(example_ws, ["{{ 累计.私搭乱建 | 确数 }}"])
    refused = run("report", "-w", example_ws)
    assert refused.exit_code == 1 and "inputs/2018-10/东城街道.xlsx:工作指标!D3" in refused.output


def test_the_word_in_plain_text_does_not_count(tmp_path: Path):
    from reporter.render.mentions import mentions

    plain = make_template(tmp_path / "a.docx", ["累计出动人员{{ 指标.社区出动人员 | 确数 }}"])
    tagged = make_template(tmp_path / "b.docx", ["出动人员{% if 上期.社区出动人员.合计 %}{{ 累计.社区出动人员 }}{% endif %}"])
    assert not mentions(plain, ("累计", "上期")) and mentions(tagged, ("上期",))
