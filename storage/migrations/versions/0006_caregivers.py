"""caregiver links, invites and alerts

Revision ID: 0006_caregivers
Revises: 0009_medicine_kind

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006_caregivers"
down_revision: str | None = "0009_medicine_kind"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""

    op.create_table(
        "caregiver_invite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("patient_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["patient_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("caregiver_invite", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_caregiver_invite_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "caregiver_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("caregiver_id", sa.Integer(), nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("patient_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("caregiver_name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("missed", sa.Boolean(), nullable=False),
        sa.Column("over_limit", sa.Boolean(), nullable=False),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("details", sa.Boolean(), nullable=False),
        sa.Column("muted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("approved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["caregiver_id"], ["user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["invite_id"], ["caregiver_invite.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["patient_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("caregiver_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_caregiver_link_caregiver_id"), ["caregiver_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_caregiver_link_patient_id"), ["patient_id"], unique=False
        )

    op.create_table(
        "care_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("subject_reminder_id", sa.Integer(), nullable=True),
        sa.Column("local_date", sa.Date(), nullable=True),
        sa.Column("nudged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["link_id"], ["caregiver_link.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reminder_id"], ["reminder.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subject_reminder_id"], ["reminder.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("reminder_id"),
    )
    with op.batch_alter_table("care_alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_alert_link_id"), ["link_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""

    with op.batch_alter_table("care_alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_alert_link_id"))

    op.drop_table("care_alert")
    with op.batch_alter_table("caregiver_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_caregiver_link_patient_id"))
        batch_op.drop_index(batch_op.f("ix_caregiver_link_caregiver_id"))

    op.drop_table("caregiver_link")
    with op.batch_alter_table("caregiver_invite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_caregiver_invite_patient_id"))

    op.drop_table("caregiver_invite")
