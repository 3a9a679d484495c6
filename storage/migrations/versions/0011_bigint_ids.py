"""64-bit row ids and foreign keys on PostgreSQL

Revision ID: 0011_bigint_ids
Revises: 0008_prescribed_monthly

Callback data carry ids up to 2**63 - 1, and a PostgreSQL INTEGER column raises on anything
past 2**31 - 1, so a forged button could crash a query. SQLite's INTEGER is already 64-bit
and stays (it is what makes a column the rowid), so this changes PostgreSQL only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_bigint_ids"
down_revision: str | None = "0008_prescribed_monthly"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table with a serial id, and its foreign keys to other rows.
_IDS: dict[str, tuple[str, ...]] = {
    "user": (),
    "supplement": ("user_id",),
    "schedule": ("user_id", "supplement_id"),
    "reminder": ("schedule_id", "user_id"),
    "intake": ("user_id", "reminder_id", "supplement_id"),
    "dayflag": ("user_id",),
    "custom_food": ("user_id",),
    "meal_draft": ("user_id",),
    "caregiver_invite": ("patient_id",),
    "caregiver_link": ("patient_id", "caregiver_id", "invite_id"),
    "care_alert": ("reminder_id", "link_id", "subject_reminder_id"),
}
# Tables keyed by another row's id (no sequence of their own).
_KEYED: dict[str, tuple[str, ...]] = {"supply": ("supplement_id", "user_id")}


def _retype(new: sa.types.TypeEngine[int], old: sa.types.TypeEngine[int], sequence: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, foreign_keys in _IDS.items():
        for column in ("id", *foreign_keys):
            op.alter_column(table, column, type_=new, existing_type=old)
        # A serial's sequence has a type of its own (PostgreSQL 10+), capped like its column.
        op.execute(f'ALTER SEQUENCE "{table}_id_seq" AS {sequence}')
    for table, columns in _KEYED.items():
        for column in columns:
            op.alter_column(table, column, type_=new, existing_type=old)


def upgrade() -> None:
    """Apply this revision."""
    _retype(sa.BigInteger(), sa.Integer(), "bigint")


def downgrade() -> None:
    """Revert this revision."""
    _retype(sa.Integer(), sa.BigInteger(), "integer")
