"""The uploads themselves, kept in the database beside the workbooks filed from them only when the
office asks for it (``[intake] keep_originals``), up to ``original_max_mb``: never in inputs/,
never in the office's zip; for looking into a dispute, not for reading.

Their table lives apart from ``storage``'s (created on first use, also in an existing database).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, String, Table, UniqueConstraint, insert, select

from reporter.model import Campaign, Unit
from reporter.web.storage import Store, now

MB = 1024 * 1024

originals_metadata = MetaData()
originals = Table(
    "originals", originals_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(16), nullable=False),
    Column("unit_code", String(64), nullable=False),
    Column("number", Integer, nullable=False),  # the version filed from it
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("content", LargeBinary, nullable=False),
    UniqueConstraint("period", "unit_code", "number", name="one_original_per_version"),
)


def keep_original(store: Store, campaign: Campaign, unit: Unit, number: int, data: bytes) -> bool:
    """``data``, the upload version ``number`` was filed from, kept when the office asked for it
    and it is within ``original_max_mb``; whether it was kept (a version's original once)."""
    if not campaign.intake_keep_originals or len(data) > campaign.intake_original_max_mb * MB:
        return False
    originals_metadata.create_all(store.engine)
    key = (originals.c.period == campaign.period.key, originals.c.unit_code == unit.code,
           originals.c.number == number)
    with store.engine.begin() as db:
        if db.execute(select(originals.c.id).where(*key)).first() is not None:
            return True
        db.execute(insert(originals).values(period=campaign.period.key, unit_code=unit.code, number=number,
                                            sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                            received_at=now(), content=data))
    return True


def original(store: Store, period: str, unit_code: str, number: int) -> bytes | None:
    """The upload version ``number`` was filed from, when it was kept."""
    originals_metadata.create_all(store.engine)
    with store.engine.connect() as db:
        return db.execute(select(originals.c.content).where(
            originals.c.period == period, originals.c.unit_code == unit_code, originals.c.number == number)).scalar()
