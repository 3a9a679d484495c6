"""the nudge's own message id, so a missed or answered reminder closes both messages

Revision ID: 0010_reminder_nudge_message
Revises: 0007_records
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_reminder_nudge_message"
down_revision: str | None = "0007_records"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("reminder") as batch:
        batch.add_column(sa.Column("nudge_message_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("reminder") as batch:
        batch.drop_column("nudge_message_id")
