"""prescribed products, monthly schedules and remembered food choices

Revision ID: 0008_prescribed_monthly
Revises: 0010_reminder_nudge_message
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_prescribed_monthly"
down_revision: str | None = "0010_reminder_nudge_message"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    # Both columns take a constant default, so existing rows need no backfill pass.
    with op.batch_alter_table("supplement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prescribed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("month_day", sa.Integer(), nullable=True))
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("food_choices", sa.JSON(), nullable=False, server_default="{}")
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("food_choices")
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.drop_column("month_day")
    with op.batch_alter_table("supplement", schema=None) as batch_op:
        batch_op.drop_column("prescribed")
