"""candidate keys: index by plan and status; recompute the derived name keys

The sort key, search text and duplicate key are derived from the names by the rules of
dienhinh_desktop.text. This step (re)computes them for every row, so databases made
before a rule change sort and search the same as new ones.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.create_index("ix_candidates_plan_status", "candidates", ["plan_id", "status"])
    from dienhinh_desktop.services.derived import derived_keys

    conn = op.get_bind()
    candidates = sa.table(
        "candidates",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("name", sa.String),
        sa.column("birth_year", sa.Integer),
        sa.column("position_unit", sa.String),
        sa.column("position", sa.String),
        sa.column("ethnicity", sa.String),
        sa.column("address", sa.String),
        sa.column("origin_unit_name", sa.String),
        sa.column("family_name", sa.String),
        sa.column("middle_name", sa.String),
        sa.column("given_name", sa.String),
        sa.column("sort_key", sa.String),
        sa.column("search_text", sa.Text),
        sa.column("dup_key", sa.String),
    )
    rows = conn.execute(sa.select(candidates)).mappings().all()
    updates = [{"b_id": r["id"], **derived_keys(dict(r))} for r in rows]
    stmt = (
        candidates.update()
        .where(candidates.c.id == sa.bindparam("b_id"))
        .values(
            {
                k: sa.bindparam(k)
                for k in (
                    "name",
                    "family_name",
                    "middle_name",
                    "given_name",
                    "sort_key",
                    "search_text",
                    "dup_key",
                )
            }
        )
    )
    for start in range(0, len(updates), BATCH):
        conn.execute(stmt, updates[start : start + BATCH])


def downgrade() -> None:
    op.drop_index("ix_candidates_plan_status", table_name="candidates")
