"""The 催报通知 template: a short notice to the units that have not reported or must correct
what they sent."""

from __future__ import annotations

from reporter.render.templates.blocks import (
    BODY,
    H1,
    TITLE,
    TO,
    Block,
    Para,
    document_bytes,
    kept_together,
)
from reporter.render.templates.notice import BLANK, SIGN_DATE, SIGNER

REMINDER: list[Block] = [
    (TITLE, "{{ 标题 | 分行 }}"),
    (BLANK, ""),
    (TO, "{{ 主送 }}："),
    (BODY, "按照“{{ 活动.名称 }}”工作安排，各单位应按时报送{{ 报送期 }}工作情况和数据。{{ 概况 }}"),
    (BODY, "{%p if 未报单位 %}"),
    (BODY, "{%p if 未报标题 %}"),
    (H1, "{{ 未报标题 }}"),
    (BODY, "{%p endif %}"),
    (BODY, "{{ 未报单位 }}"),
    (BODY, "{%p endif %}"),
    (BODY, "{%p if 有误单位 %}"),
    (BODY, "{%p if 有误标题 %}"),
    (H1, "{{ 有误标题 }}"),
    (BODY, "{%p endif %}"),
    (BODY, "{{ 有误单位 }}"),
    (BODY, "{%p endif %}"),
    Para(BODY, "请{{ 要求 }}", keep_with_next=True),
    (BODY, "{%p if 联系方式 %}"),
    Para(BODY, "{{ 联系方式 }}", keep_with_next=True),
    (BODY, "{%p endif %}"),
    Para(BODY, "", keep_with_next=True),  # room for the seal
    *kept_together((SIGNER, "{{ 落款 }}"), (SIGN_DATE, "{{ 成文日期 }}")),
]


def reminder_template_bytes() -> bytes:
    """The 催报通知 template."""
    return document_bytes(REMINDER, "催报通知")
