"""occurrence_cover: each covered occurrence and when its report arrived (status of any past day)

Filled by the progress refresh that RULES_VERSION "5" triggers on the first open after this
upgrade (app/services/progress.py), never here: the rules live in models.status.

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "occurrence_cover",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("occurrence", sa.Date(), nullable=False),
        sa.Column("received", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_occurrence_cover_assignment_id_assignment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assignment_id", "occurrence", name=op.f("pk_occurrence_cover")),
    )
    op.create_index(
        "ix_occurrence_cover_received", "occurrence_cover", ["received", "assignment_id", "occurrence"]
    )


def downgrade() -> None:
    op.drop_index("ix_occurrence_cover_received", table_name="occurrence_cover")
    op.drop_table("occurrence_cover")
