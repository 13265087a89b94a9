"""Names and codes from the clause a figure counts: short, unique, usable in templates."""

from __future__ import annotations

from reporter.learn.figures_found import find_figures
from reporter.learn.naming import name_figures

SENTENCE = ("以“零容忍”为原则清理违建，依法拆除各种私搭乱建 2770 处；重拳整治城市秩序，清理流动商贩两万人次，"
            "店外经营、店外加工 6700 余处，累计出动人员 2300 余人次，设立21块禁止售卖警示牌，累计出动人员 41329 人次。")


def test_names_and_codes_come_from_the_clause():
    figures = find_figures(SENTENCE)
    assert len(figures) == 6
    named = name_figures([(SENTENCE, figures)])
    assert [n.code for n in named] == ["私搭乱建", "流动商贩", "店外经营", "人员", "禁止售卖警示牌", "人员2"]
    assert [n.name for n in named] == ["拆除各种私搭乱建", "清理流动商贩", "店外经营、店外加工", "出动人员",
                                       "设立禁止售卖警示牌", "出动人员2"]
    assert named[0].sentence == "以“零容忍”为原则清理违建，依法拆除各种私搭乱建 2770 处；"
    assert all(n.code.isidentifier() and len(n.code) <= 8 for n in named)
