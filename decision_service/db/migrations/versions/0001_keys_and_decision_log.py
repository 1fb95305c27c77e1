"""API keys and the decision log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "decision_log",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_name", sa.String(100), nullable=True),
        sa.Column("batch_id", sa.String(36), nullable=True),
        sa.Column("jurisdiction", sa.String(20), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("bundle_revision", sa.String(32), nullable=False),
        sa.Column("request", sa.LargeBinary, nullable=False),
        sa.Column("decision", sa.LargeBinary, nullable=False),
        sa.Column("masked", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_decision_log_created_at", "decision_log", ["created_at"])
    op.create_index("ix_decision_log_batch_id", "decision_log", ["batch_id"])
    op.create_index("ix_decision_log_jurisdiction", "decision_log", ["jurisdiction"])
    op.create_index("ix_decision_log_outcome", "decision_log", ["outcome"])


def downgrade() -> None:
    op.drop_table("decision_log")
    op.drop_table("api_keys")
