"""A shared office on PostgreSQL: row versions, evidence bytes in the database, trigram search.

- ``task`` and ``directive`` get ``version`` (the row version a save checks, so a second
  officer's stale save is refused, never a silent overwrite) and ``changed_by`` (who made the
  last edit, named in that refusal).
- ``stored_blob`` holds evidence bytes when the database is shared (PostgreSQL): every
  workstation reads them, and they are written in the same transaction as their report.
  It stays empty on SQLite, whose evidence lives in the folder beside the file.
- PostgreSQL only: pg_trgm and a GIN index on the words of the folded search text
  (app/services/portable_sql.PG_SEARCH_WORDS), the counterpart of SQLite's task_fts.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PG_SEARCH_WORDS = "(' ' || regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g'))"


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN: a batch rebuild of task would drop its full-text triggers
    for table in ("task", "directive"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        op.add_column(
            table, sa.Column("changed_by", sa.String(length=200), nullable=False, server_default="")
        )
    op.create_table(
        "stored_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["stored_file.sha256"],
            name=op.f("fk_stored_blob_sha256_stored_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_blob")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX ix_task_search_trgm ON task USING gin ({PG_SEARCH_WORDS} gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_task_search_trgm")
    op.drop_table("stored_blob")
    for table in ("directive", "task"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("changed_by")
            batch.drop_column("version")
