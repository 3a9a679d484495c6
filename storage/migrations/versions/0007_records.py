"""supply: tablets left per product and the once-only refill reminder

Revision ID: 0007_records
Revises: 0006_caregivers
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0007_records"
down_revision: str | None = "0006_caregivers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "supply",
        sa.Column("supplement_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("units_left", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("refill_days", sa.Integer(), nullable=False),
        sa.Column("reminded", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["supplement_id"], ["supplement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("supplement_id"),
    )
    op.create_index(op.f("ix_supply_user_id"), "supply", ["user_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_supply_user_id"), table_name="supply")
    op.drop_table("supply")
