"""The hash of a document's input bytes (``documents.raw_hash``), so that a rerun can skip
inputs already stored by the same pipeline version without analysing them again.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("raw_hash", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_documents_raw_hash", ["raw_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_raw_hash")
        batch_op.drop_column("raw_hash")
