"""indexes for the task list's order, the directive lookup and the per-agency counts

- task (directive_id DESC, seq, id): the list's ORDER BY, so pages walk the index by keyset
  instead of sorting every row and skipping an OFFSET;
- directive.number_key: the normalised number, so a lookup is one indexed equality instead of
  folding every directive's number in Python (backfilled with the same normalisation);
- covering indexes for the agency and directive pages' counts (leads, overdue, by status), so
  each is one grouped query that reads an index, never the wide task rows.

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

from models.entities import directive_number_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("directive") as batch:
        batch.add_column(sa.Column("number_key", sa.String(length=100), nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, number FROM directive")).all()
    for d_id, number in rows:
        conn.execute(
            sa.text("UPDATE directive SET number_key = :k WHERE id = :i"),
            {"k": directive_number_key(number), "i": d_id},
        )
    op.create_index("ix_directive_number_key", "directive", ["number_key"])
    op.create_index("ix_task_list_order", "task", [sa.text("directive_id DESC"), "seq", "id"])
    op.create_index("ix_task_suspension_kind", "task", ["suspension", "deadline_kind"])
    op.create_index(
        "ix_task_progress",
        "task",
        ["completed", "first_unmet", "suspension", "deadline_kind", "directive_id"],
    )
    op.create_index("ix_assignment_agency_role", "assignment", ["agency_id", "role"])
    op.create_index(
        "ix_assignment_agency_progress",
        "assignment",
        ["agency_id", "completed", "first_unmet", "completed_late"],
    )
    op.create_index(
        "ix_assignment_task_progress",
        "assignment",
        ["task_id", "agency_id", "completed", "completed_late", "first_unmet"],
    )


def downgrade() -> None:
    op.drop_index("ix_assignment_task_progress", table_name="assignment")
    op.drop_index("ix_assignment_agency_progress", table_name="assignment")
    op.drop_index("ix_assignment_agency_role", table_name="assignment")
    op.drop_index("ix_task_progress", table_name="task")
    op.drop_index("ix_task_suspension_kind", table_name="task")
    op.drop_index("ix_task_list_order", table_name="task")
    op.drop_index("ix_directive_number_key", table_name="directive")
    with op.batch_alter_table("directive") as batch:
        batch.drop_column("number_key")
