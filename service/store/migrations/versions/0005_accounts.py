"""Accounts: one-time links to set a new password, when a password was last changed (sessions
started before it end), the generator's last choices per account; and the result of the last
check of every link in the contact data.

Revision ID: 0005
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("choices", sa.Text, nullable=True))
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "link_checks",
        sa.Column("url", sa.String(300), primary_key=True),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("problem", sa.String(200), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_checks")
    op.drop_table("password_resets")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("choices")
        batch.drop_column("password_changed_at")
