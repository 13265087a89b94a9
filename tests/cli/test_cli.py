"""The command line as users run it: exit codes, Chinese output, the submission summary."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run


def test_check_accepts_the_example(example_ws: Path):
    result = run("check", "-w", str(example_ws))
    assert result.exit_code == 0, result.output
    assert "共检查 22 个文件，未发现问题。" in result.output  # 19 forms, 责任分解表, 2 rounds
    assert "2018年11月应报单位 19 个，已报 19 个，未报 0 个。" in result.output
    assert "未报单位" not in result.output


def test_missing_unit_is_listed(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "区商务局.xlsx").unlink()
    (example_ws / "inputs" / "2018-11" / "西城街道.xlsx").unlink()
    result = run("check", "-w", str(example_ws))
    assert result.exit_code == 0
    assert "已报 17 个，未报 2 个" in result.output
    assert "未报单位：西城街道、区商务局" in result.output


def test_office_lock_files_are_ignored(example_ws: Path):
    (example_ws / "inputs" / "2018-11" / "~$东城街道.xlsx").write_bytes(b"lock")
    assert run("check", "-w", str(example_ws)).exit_code == 0


def test_not_a_workspace_is_a_usage_error(tmp_path: Path):
    result = run("check", "-w", str(tmp_path))
    assert result.exit_code == 2
    assert "不是 reporter 工作目录" in result.output


def test_bad_configuration_exits_1_with_key_path(example_ws: Path):
    config = example_ws / "inputs" / "配置.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('type = "部门"', 'type = "局"', 1),
                      encoding="utf-8")
    result = run("forms", "-w", str(example_ws))
    assert result.exit_code == 1
    assert "inputs/配置.toml: units[10].type: “局” 不是有效的单位类型" in result.output
    assert not (example_ws / "outputs").exists()


def test_help_is_chinese():
    result = run("--help")
    assert result.exit_code == 0
    assert "生成个性化填报表" in result.output and "检查" in result.output


def test_usage_errors_are_explained_in_chinese(example_ws: Path):
    for args in (["check", "-w", str(example_ws), "额外"], ["notice", "--round", "abc"], ["没有这个命令"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "命令用法有误：" in result.output and "reporter --help" in result.output


def test_a_problem_is_one_line_whatever_the_value_holds():
    from reporter.errors import Problem

    shown = str(Problem("inputs/2018-11/a.xlsx", "“a\nb\tc\r\n”不是配置中的部分", sheet="工作举措", cell="E5"))
    assert shown == "inputs/2018-11/a.xlsx:工作举措!E5: “a↵b c↵”不是配置中的部分"
