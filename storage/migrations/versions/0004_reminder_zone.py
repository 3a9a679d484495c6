"""reminder zone: the time zone an occurrence was planned in

Revision ID: 0004_reminder_zone
Revises: 0003
Create Date: 2026-12-01 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0004_reminder_zone"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # Existing rows stay NULL: the planner then reads them in the user's current zone, which
    # is where they were planned unless the zone changed since (no backfill: start-up must not
    # do work proportional to the reminder table).
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("zone", AutoString(length=64), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_column("zone")
