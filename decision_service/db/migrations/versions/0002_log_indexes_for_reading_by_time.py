"""Decision log: keep only the index its reads use.

The log is written on every decision and read rarely: the search lists the
newest first (``created_at``), which its index serves, and filters those rows
by jurisdiction and outcome. Single-column indexes on five jurisdictions, five
outcomes and the batch id served no query, and each cost every insert a
page write.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DROPPED = {"ix_decision_log_batch_id": "batch_id", "ix_decision_log_jurisdiction": "jurisdiction",
           "ix_decision_log_outcome": "outcome"}


def upgrade() -> None:
    for name in DROPPED:
        op.drop_index(name, table_name="decision_log")


def downgrade() -> None:
    for name, column in DROPPED.items():
        op.create_index(name, "decision_log", [column])
