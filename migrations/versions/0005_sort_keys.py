"""Vietnamese sort keys for the task list's columns, so it sorts in SQL

- directive.number_sort: the number's Vietnamese sort key (the "Văn bản" column);
- task.lead_key / task.content_key: the keys of the joined lead names and of the content's
  first characters (models.vn_collation.stored_key), each indexed with the id so the list
  sorted by either is paged by keyset like the plain list.

Backfilled with the same functions the writers use (task_writer.reindex).

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa

from models.vn_collation import sort_key, stored_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("directive") as batch:
        batch.add_column(sa.Column("number_sort", sa.String(length=400), nullable=False, server_default=""))
    # plain ALTER TABLE ADD COLUMN: a batch rebuild of task would drop its full-text triggers
    op.add_column("task", sa.Column("lead_key", sa.String(length=400), nullable=False, server_default=""))
    op.add_column("task", sa.Column("content_key", sa.String(length=400), nullable=False, server_default=""))
    conn = op.get_bind()
    directives = conn.execute(sa.text("SELECT id, number FROM directive")).all()
    if directives:
        conn.execute(
            sa.text("UPDATE directive SET number_sort = :k WHERE id = :i"),
            [{"k": sort_key(number), "i": d_id} for d_id, number in directives],
        )
    leads: dict[int, list[str]] = {}
    parties = conn.execute(
        sa.text(
            "SELECT a.task_id, COALESCE(ag.name, g.name, '') FROM assignment a "
            "LEFT JOIN agency ag ON ag.id = a.agency_id "
            "LEFT JOIN agency_group g ON g.id = a.group_id "
            "WHERE a.role = 'lead' ORDER BY a.id"
        )
    )
    for task_id, name in parties:
        leads.setdefault(task_id, []).append(name)
    tasks = conn.execute(sa.text("SELECT id, content FROM task")).all()
    if tasks:
        conn.execute(
            sa.text("UPDATE task SET lead_key = :l, content_key = :c WHERE id = :i"),
            [
                {"l": stored_key("; ".join(leads.get(t_id, []))), "c": stored_key(content or ""), "i": t_id}
                for t_id, content in tasks
            ],
        )
    op.create_index("ix_task_lead_key", "task", ["lead_key", "id"])
    op.create_index("ix_task_content_key", "task", ["content_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_task_content_key", table_name="task")
    op.drop_index("ix_task_lead_key", table_name="task")
    op.drop_column("task", "content_key")  # native DROP COLUMN (SQLite 3.35+) keeps the triggers
    op.drop_column("task", "lead_key")
    with op.batch_alter_table("directive") as batch:
        batch.drop_column("number_sort")
