"""What section 二、得分排名 of a 督查通报 says: the ranking tables (shared places written 并列),
the sentence naming the units that share a place, and each ranking's 红榜 and 黑榜 with the
rule that put them there and the office's words of praise and criticism."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reporter import cnfmt
from reporter.figures.ranking import Ranking, UnitScore
from reporter.model import Campaign, InspectionRules

#: More groups of shared places than this: the sentence states the rule without naming them.
NAMED_TIES = 4
#: More units on a board than this: the sentence names the places, the table the units.
NAMED_ON_BOARD = 20
ORDER_WITHIN_TIES = "名次并列的单位，表中按未整改问题少者在前；仍相同的，按单位简称排列。"


def place(score: UnitScore) -> str:
    """The place as the ranking table writes it: 3, or 并列3 when shared."""
    return f"并列{score.rank}" if score.tied else str(score.rank)


def ranking_rows(campaign: Campaign, scores: Sequence[UnitScore]) -> list[dict[str, str]]:
    """The rows of a ranking table, best first."""
    return [{"名次": place(s), "单位": campaign.unit(s.unit_code).short, "得分": cnfmt.points(s.score),
             "问题数": str(s.found), "未整改": str(s.open)} for s in scores]


def tie_sentence(campaign: Campaign, parts: Sequence[Ranking]) -> str:
    """Which units share a place (东城街道、西城街道并列第1名), and how they are ordered in the
    table; "" when no two units share a place."""
    ties = [(part.group, tie) for part in parts for tie in part.ties]
    if not ties:
        return ""
    if len(ties) > NAMED_TIES:
        return "得分相同的单位名次并列；" + ORDER_WITHIN_TIES
    several = len(parts) > 1
    named = "；".join(f"{group + '中' if several else ''}{'、'.join(campaign.unit(s.unit_code).short for s in tie)}"
                     f"并列第{tie[0].rank}名" for group, tie in ties)
    return f"得分相同的名次并列：{named}。{ORDER_WITHIN_TIES}"


def _score(value: object) -> str:
    return f"{cnfmt.exact(value)}分"


def board_rules(rules: InspectionRules, part: Ranking) -> tuple[str, str]:
    """How each board was filled, as the text states it: 得分前3名（含并列）, 得分低于95分 …"""
    if rules.red_min_score is not None:
        good = f"得分{_score(rules.red_min_score)}及以上"
    else:
        shared = any(s.tied for s in part.red) and len(part.red) > rules.board_size
        good = f"得分前{rules.board_size}名{'，含并列' if shared else ''}"
    if rules.black_below_score is not None:
        bad = f"得分低于{_score(rules.black_below_score)}"
    else:
        shared = any(s.tied for s in part.black) and len(part.black) > rules.board_size
        bad = f"得分后{rules.board_size}名{'，含并列' if shared else ''}"
    return good, bad


def _counting(rules: InspectionRules) -> tuple[bool, bool]:
    """Whether each board is in use: by score, or by place with a board size above 0."""
    return (rules.red_min_score is not None or rules.board_size > 0,
            rules.black_below_score is not None or rules.board_size > 0)


def _board_names(campaign: Campaign, board: Sequence[UnitScore]) -> str:
    """The units of a board by name; a board of more than NAMED_ON_BOARD units (ties in a large
    round) by the places it covers in the ranking table."""
    if len(board) <= NAMED_ON_BOARD:
        return "、".join(campaign.unit(s.unit_code).short for s in board)
    low, high = min(s.rank for s in board), max(s.rank for s in board)
    covered = f"并列第{low}名" if low == high else f"第{low}名至第{high}名"
    return f"上表中名次为{covered}的{len(board)}个单位"


def board_sentence(campaign: Campaign, part: Ranking) -> str:
    """红榜（得分前3名）：东城街道、西城街道，予以通报表扬。黑榜（…）：无。 — each board in use,
    its rule, its units, and the office's words after them."""
    rules = campaign.rules
    used = _counting(rules)
    sentences = []
    for name, rule, board, words, in_use in zip(rules.board_names, board_rules(rules, part),
                                                (part.red, part.black), (rules.praise, rules.criticism), used):
        if not in_use:
            continue
        names = _board_names(campaign, board)
        if not names:
            sentences.append(f"{name}（{rule}）：无。")
            continue
        sentences.append(f"{name}（{rule}）：{names}{'，' + words.rstrip('。') if words else ''}。")
    return "".join(sentences)


def ranking_groups(campaign: Campaign, parts: Sequence[Ranking]) -> list[dict[str, Any]]:
    """Each ranking of the round for the template: its heading when there are several (（一）街道),
    its rows, its board sentence and the names on each board."""
    several = len(parts) > 1
    short = {u.code: u.short for u in campaign.units}
    return [{"标题": f"{cnfmt.heading(i, 2)}{part.group}" if several else "",
             "类型": part.group,
             "排名": ranking_rows(campaign, part.scores),
             "榜单": board_sentence(campaign, part),
             "红榜": "、".join(short[s.unit_code] for s in part.red),
             "黑榜": "、".join(short[s.unit_code] for s in part.black)}
            for i, part in enumerate(parts, start=1)]
