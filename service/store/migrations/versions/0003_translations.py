"""Translations as revisioned data: revisions per language with a state per message, the
unpublished edits of each language, and translator accounts (their languages, name and
authorization number). The catalogs under locales/ are read into the new tables when the
store opens after this migration, in the same transaction (see Store.open): an existing
database keeps its contacts, accounts and usage and gains its translations.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "translation_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("messages", sa.Text, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("restores", sa.Integer, nullable=True),
        sa.UniqueConstraint("language", "number", name="uq_translation_revisions_language_number"),
    )
    op.create_table(
        "translation_drafts",
        sa.Column("language", sa.String(20), primary_key=True),
        sa.Column("edits", sa.Text, nullable=False),
        sa.Column("updated_by", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "catalog_sync",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("template", sa.Text, nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("languages", sa.String(200), nullable=True))
        batch.add_column(sa.Column("full_name", sa.String(120), nullable=True))
        batch.add_column(sa.Column("authorization", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("authorization")
        batch.drop_column("full_name")
        batch.drop_column("languages")
    op.drop_table("catalog_sync")
    op.drop_table("translation_drafts")
    op.drop_table("translation_revisions")
