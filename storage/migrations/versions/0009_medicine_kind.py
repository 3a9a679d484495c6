"""a medicine's kind and the user's entered spacing from calcium

Revision ID: 0009_medicine_kind
Revises: 0012_user_locale
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009_medicine_kind"
down_revision: str | None = "0012_user_locale"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "supplement",
        sa.Column("medicine_kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
    )
    op.add_column("supplement", sa.Column("spacing_after_min", sa.Integer(), nullable=True))
    op.add_column("supplement", sa.Column("spacing_before_min", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("supplement", "spacing_before_min")
    op.drop_column("supplement", "spacing_after_min")
    op.drop_column("supplement", "medicine_kind")
