"""Impact runs: a candidate bundle's run over the logged decisions of a
period, its progress and its report.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "impact_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_by", sa.String(100), nullable=True),
        sa.Column("since", sa.String(10), nullable=True),
        sa.Column("until", sa.String(10), nullable=True),
        sa.Column("candidate_revision", sa.String(32), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("report", sa.LargeBinary, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("impact_runs")
