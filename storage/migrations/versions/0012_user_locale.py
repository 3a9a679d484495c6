"""user locale: the interface language a user chose (None: follow Telegram's language_code)

Revision ID: 0012_user_locale
Revises: 0005_send_pause
Create Date: 2026-12-01 09:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0012_user_locale"
down_revision: str | None = "0005_send_pause"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", AutoString(length=8), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("locale")
