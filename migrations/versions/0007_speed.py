"""task.gaps: how many "06 rõ" criteria each task misses, indexed with the id (ix_task_gaps), so
the task list sorted by «06 rõ» pages by keyset like the other stored sort keys.

Backfilled with the rule the writers use (models.six_clear.missing, as
app.services.task_writer.gap_count calls it).

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa

from models.deadlines import DeadlineKind
from models.six_clear import TaskFacts, missing

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN: a batch rebuild of task would drop its full-text triggers
    op.add_column("task", sa.Column("gaps", sa.Integer(), nullable=False, server_default="0"))
    conn = op.get_bind()
    leads: dict[int, list[bool]] = {}  # per task, for each lead: is it a group
    for task_id, group_id in conn.execute(
        sa.text("SELECT task_id, group_id FROM assignment WHERE role = 'lead'")
    ):
        leads.setdefault(task_id, []).append(group_id is not None)
    kinds = {k.value: k for k in DeadlineKind}
    tasks = conn.execute(
        sa.text(
            "SELECT t.id, t.content, t.deadline_kind, t.product, d.number "
            "FROM task t JOIN directive d ON d.id = t.directive_id"
        )
    ).all()
    if tasks:
        conn.execute(
            sa.text("UPDATE task SET gaps = :g WHERE id = :i"),
            [
                {
                    "g": len(
                        missing(
                            TaskFacts(
                                content=content or "",
                                lead_count=len(leads.get(t_id, [])),
                                lead_is_group=any(leads.get(t_id, [])),
                                deadline_kind=kinds.get(kind, DeadlineKind.UNKNOWN),
                                product=product or "",
                                directive_number=number or "",
                            )
                        )
                    ),
                    "i": t_id,
                }
                for t_id, content, kind, product, number in tasks
            ],
        )
    op.create_index("ix_task_gaps", "task", ["gaps", "id"])


def downgrade() -> None:
    op.drop_index("ix_task_gaps", table_name="task")
    op.drop_column("task", "gaps")  # native DROP COLUMN (SQLite 3.35+) keeps the triggers
