"""outgoing letters register: outgoing_letter and letter_subject

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outgoing_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("doc_kind", sa.String(length=10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=100), nullable=False),
        sa.Column("full_number", sa.String(length=120), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("series", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_letter")),
        sa.UniqueConstraint("format", "period", "series", "number", name=op.f("uq_outgoing_letter_format")),
    )
    op.create_index("ix_outgoing_letter_issued_on", "outgoing_letter", ["issued_on"])
    op.create_table(
        "letter_subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["outgoing_letter.id"],
            name=op.f("fk_letter_subject_letter_id_outgoing_letter"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_letter_subject_task_id_task"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_letter_subject_agency_id_agency"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_subject")),
    )
    op.create_index("ix_letter_subject_letter_id", "letter_subject", ["letter_id"])
    op.create_index("ix_letter_subject_task_id", "letter_subject", ["task_id"])
    op.create_index("ix_letter_subject_agency_id", "letter_subject", ["agency_id"])


def downgrade() -> None:
    op.drop_table("letter_subject")
    op.drop_table("outgoing_letter")
