"""Applications on the statutory clock: the application, its duties (the steps
of its procedure as its events leave them) and its events.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("holder", sa.String(100), nullable=True, index=True),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("decision_id", sa.String(36), nullable=False),
        sa.Column("jurisdiction", sa.String(20), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("path", sa.String(60), nullable=True),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("next_due", sa.Date, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("decision", sa.LargeBinary, nullable=False),
        sa.Column("projection", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_applications_next_due_id", "applications", ["next_due", "id"])
    op.create_table(
        "application_duties",
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_en", sa.String(200), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("due", sa.Date, nullable=True, index=True),
    )
    op.create_table(
        "application_events",
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("type", sa.String(30), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=True),
        sa.Column("body", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("application_events")
    op.drop_table("application_duties")
    op.drop_index("ix_applications_next_due_id", "applications")
    op.drop_table("applications")
