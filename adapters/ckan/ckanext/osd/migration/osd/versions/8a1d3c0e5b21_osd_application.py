"""osd_application: applications for access with their decisions

Revision ID: 8a1d3c0e5b21
Revises:
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "8a1d3c0e5b21"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "osd_application",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("owner_org", sa.UnicodeText, index=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("outcome", sa.UnicodeText, nullable=False),
        sa.Column("route", sa.UnicodeText),
        sa.Column("due", sa.Date),
        sa.Column("usage_to", sa.Date),
        sa.Column("decision_id", sa.UnicodeText),
        sa.Column("decision", sa.UnicodeText, nullable=False),
        sa.Column("request", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("answered", sa.DateTime),
        sa.Column("answered_by", sa.UnicodeText),
        sa.Column("reason", sa.UnicodeText),
    )


def downgrade():
    op.drop_table("osd_application")
