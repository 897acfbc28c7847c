"""outgoing_letter.recipient: whom a letter was sent to, as its "Kính gửi" names it.

The register (Sổ văn bản đi) shows it, and a reminder to a group ("Các sở, ban, ngành"),
whose subjects name no agency, counts only the earlier reminders sent to that same group.
Backfilled for reminders from the agency they concern; other letters stay "" (several
recipients, or a report going upward).

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "outgoing_letter", sa.Column("recipient", sa.String(300), nullable=False, server_default="")
    )
    op.execute(
        "UPDATE outgoing_letter SET recipient = COALESCE(("
        " SELECT agency.name FROM letter_subject JOIN agency ON agency.id = letter_subject.agency_id"
        " WHERE letter_subject.letter_id = outgoing_letter.id ORDER BY letter_subject.id LIMIT 1), '')"
        " WHERE kind = 'remind'"
    )


def downgrade() -> None:
    with op.batch_alter_table("outgoing_letter") as batch:
        batch.drop_column("recipient")
