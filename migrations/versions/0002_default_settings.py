"""default settings: the "sắp đến hạn" window of 7 days

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.bulk_insert(setting, [{"key": "soon_days", "value": "7"}])


def downgrade() -> None:
    op.execute("DELETE FROM setting WHERE key = 'soon_days'")
