"""The database tables. The schema changes only through migrations (``migrations/versions``)."""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, PrimaryKeyConstraint, String,
                        Table, Text, UniqueConstraint)

metadata = MetaData()

# Staff and administrators, and translators. ``municipality`` is empty for county
# administrators and translators.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(120), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(20), nullable=False),
    Column("municipality", String(4), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer, ForeignKey("users.id"), nullable=True),
    # translators: the languages they review (comma-separated codes), their name as a
    # reviewed translation records it, and their authorization number where they have one
    Column("languages", String(200), nullable=True),
    Column("full_name", String(120), nullable=True),
    Column("authorization", String(40), nullable=True),
    Column("password_changed_at", DateTime(timezone=True), nullable=True),  # sessions started before it end
    Column("choices", Text, nullable=True),  # JSON: the generator's last audience, topics and languages
)

# One-time links to set a new password, made by an administrator; only the hash of the token is kept.
password_resets = Table(
    "password_resets",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_by", Integer, ForeignKey("users.id"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

# The last check of every link in the contact data (``infogen links --check``): empty problem when it answered.
link_checks = Table(
    "link_checks",
    metadata,
    Column("url", String(300), primary_key=True),
    Column("status", Integer, nullable=True),  # the HTTP status, if any answer came
    Column("problem", String(200), nullable=False),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)

# Contact data as published revisions. A scope is a municipality code, or "actors" for the
# regional and national actors; its current data is its highest-numbered revision. The
# unique (scope, number) makes two publishers racing from the same base collide instead of
# one silently overwriting the other.
revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(10), nullable=False),
    Column("number", Integer, nullable=False),
    Column("data", Text, nullable=False),  # JSON, valid against the schema of the scope
    Column("changes", Text, nullable=False),  # JSON list of what changed, in words
    Column("author_id", Integer, ForeignKey("users.id"), nullable=True),  # empty: seeded from files
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("restores", Integer, nullable=True),  # the number of the revision a rollback brought back
    UniqueConstraint("scope", "number", name="uq_revisions_scope_number"),
)

# One row per leaflet a staff member generated: what the county's action 4.3 counts.
generations = Table(
    "generations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("municipality", String(4), nullable=False, index=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("audience", String(20), nullable=False),
    Column("topics", String(80), nullable=False),
    Column("language", String(20), nullable=False),
    Column("format", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
)

# What every usage report reads: counts per day and per month (Stockholm time) and per
# municipality, one row per dimension value. Staff generations count under ``user`` (the
# account id, so distinct users can be counted), ``audience``, ``language``, ``topic`` and
# ``format``, written in the same transaction as the generation itself, so they always add
# up to it; public views under ``views_audience``, ``views_language``, ``views_format`` and
# ``views_channel``, written with the daily totals below.
usage = Table(
    "usage",
    metadata,
    Column("grain", String(5), nullable=False),  # "day" or "month"
    Column("period", Date, nullable=False),  # the day, or the first day of the month
    Column("municipality", String(4), nullable=False),
    Column("dimension", String(16), nullable=False),
    Column("value", String(40), nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("grain", "period", "municipality", "dimension", "value", name="pk_usage"),
    sqlite_with_rowid=False,
)

# Public views and downloads, only as daily totals: no time of day, no address, no agent.
public_views = Table(
    "public_views",
    metadata,
    Column("day", Date, nullable=False),
    Column("municipality", String(4), nullable=False),
    Column("audience", String(20), nullable=False),
    Column("language", String(20), nullable=False),
    Column("format", String(10), nullable=False),  # "web" or "pdf"
    Column("channel", String(10), nullable=False),  # "link" or "qr"
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("day", "municipality", "audience", "language", "format", "channel", name="pk_public_views"),
    sqlite_with_rowid=False,
)

# Translations as revisions per language, like contact data: ``messages`` is JSON, every
# message of the template with its text and state (missing, draft, reviewed, outdated) and,
# once reviewed, who reviewed it and when. A language's current translation is its
# highest-numbered revision; a rollback publishes an old one again.
translation_revisions = Table(
    "translation_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("language", String(20), nullable=False),
    Column("number", Integer, nullable=False),
    Column("messages", Text, nullable=False),
    Column("changes", Text, nullable=False),  # JSON list: message, old and new text and state
    Column("note", String(200), nullable=False),  # how it came: seeded, sync, edited, import of a file
    Column("author_id", Integer, ForeignKey("users.id"), nullable=True),  # empty: from the catalog files
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("restores", Integer, nullable=True),
    UniqueConstraint("language", "number", name="uq_translation_revisions_language_number"),
)

# The unpublished edits of a language (its working copy), kept until published or dropped,
# so nothing typed is lost on a refresh or a new login.
translation_drafts = Table(
    "translation_drafts",
    metadata,
    Column("language", String(20), primary_key=True),
    Column("edits", Text, nullable=False),  # JSON: message → {"text", "review"}
    Column("updated_by", Integer, ForeignKey("users.id"), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# What the catalog files under locales/ looked like when the store was last brought in line
# with them (a digest, so a start with unchanged files does no work), and where each message
# of the template came from (to match a changed Swedish text with the one it replaces).
catalog_sync = Table(
    "catalog_sync",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("digest", String(64), nullable=False),
    Column("template", Text, nullable=False),  # JSON: msgid → the files it came from
    Column("synced_at", DateTime(timezone=True), nullable=False),
)
