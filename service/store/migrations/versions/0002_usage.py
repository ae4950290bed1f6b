"""Usage aggregates for the reports (staff generations per day and month) and public views
as daily totals (and in the aggregates); generations already recorded are counted into the aggregates.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    usage = op.create_table(
        "usage",
        sa.Column("grain", sa.String(5), nullable=False),
        sa.Column("period", sa.Date, nullable=False),
        sa.Column("municipality", sa.String(4), nullable=False),
        sa.Column("dimension", sa.String(16), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("grain", "period", "municipality", "dimension", "value", name="pk_usage"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "public_views",
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("municipality", sa.String(4), nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("day", "municipality", "audience", "language", "format", "channel",
                                name="pk_public_views"),
        sqlite_with_rowid=False,
    )
    # generations recorded before this migration: counted into the aggregates once
    from service.store.database import as_utc
    from service.store.usage import Generation, usage_rows

    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT g.municipality, g.user_id, g.audience, g.topics, g.language, g.format, g.created_at, u.role"
        " FROM generations g JOIN users u ON u.id = g.user_id")).all()
    generations = [Generation(r[0], r[1], r[2], tuple(r[3].split(",")), r[4], r[5], _when(r[6], as_utc),
                              counts_as_user=r[7] != "county_admin")
                   for r in rows]
    aggregated = usage_rows(generations)
    if aggregated:
        op.bulk_insert(usage, aggregated)


def _when(value, as_utc):
    if isinstance(value, str):  # SQLite without type information
        from datetime import datetime

        value = datetime.fromisoformat(value)
    return as_utc(value)


def downgrade() -> None:
    op.drop_table("public_views")
    op.drop_table("usage")
