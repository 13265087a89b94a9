"""What one unit may file through the intake server ([intake] in 配置.toml): versions per hour and
megabytes per period, refused in Chinese (429) before anything is stored. (Whether the uploads
themselves are kept is ``originals``.)
"""

from __future__ import annotations

import datetime as dt
import hashlib

from reporter.model import Campaign, Unit
from reporter.web.originals import keep_original
from reporter.web.storage import Store, now

__all__ = ["keep_original", "too_much", "too_often"]

MB = 1024 * 1024
TOO_OFTEN = ("{short}在过去一小时内已报送 {count} 个版本，达到每小时 {limit} 个的上限，请稍后再报送"
             "（如需更正，请一次改好后再上传）")
TOO_MUCH = ("{short}本期各版本合计已有 {used:.1f} MB，再存这份 {size:.1f} MB 的表将超过每期 {limit} MB 的上限，"
            "请联系办公室")



def too_often(store: Store, campaign: Campaign, unit: Unit, at: dt.datetime | None = None) -> str | None:
    """Why ``unit`` may file no further version now (its versions of the last hour), or None."""
    since = (at or now()) - dt.timedelta(hours=1)
    count = sum(1 for v in store.versions_of(campaign.period.key, unit.code) if v.submitted_at > since)
    limit = campaign.intake_versions_per_hour
    return TOO_OFTEN.format(short=unit.short, count=count, limit=limit) if count >= limit else None


def too_much(store: Store, campaign: Campaign, unit: Unit, workbook: bytes) -> str | None:
    """Why filing ``workbook`` would take ``unit`` past its megabytes of the period, or None.
    A workbook equal to the latest version (a double submit) costs nothing."""
    filed = store.versions_of(campaign.period.key, unit.code)
    if filed and filed[0].sha256 == hashlib.sha256(workbook).hexdigest():
        return None
    used, size = sum(v.size for v in filed), len(workbook)
    limit = campaign.intake_period_mb
    if used + size <= limit * MB:
        return None
    return TOO_MUCH.format(short=unit.short, used=used / MB, size=size / MB, limit=limit)
