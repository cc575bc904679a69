"""hamyar groups, group members and trainers, report runs, report prefs; report indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

Hand-written. The indexes on existing tables serve the report's range filters (orders by
creation and completion time, listings by submission and publication time, sellers by
registration time, decisions by time) so that each figure is one indexed GROUP BY.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = models.base.UTCDateTime(timezone=True)

INDEXES = [
    ("ix_orders_created_at", "orders", ["created_at"]),
    ("ix_orders_completed_at", "orders", ["completed_at"]),
    ("ix_orders_accepted_at", "orders", ["accepted_at"]),
    ("ix_orders_updated_at", "orders", ["updated_at"]),
    ("ix_listings_submitted_at", "listings", ["submitted_at"]),
    ("ix_listings_published_at", "listings", ["published_at"]),
    ("ix_sellers_registered_at", "sellers", ["registered_at"]),
    ("ix_moderation_decisions_created_at", "moderation_decisions", ["created_at"]),
    ("ix_reviews_created_at", "reviews", ["created_at"]),
]


def upgrade() -> None:
    op.create_table(
        "hamyar_groups",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("norm_name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("city_code", sa.String(length=48), nullable=False),
        sa.Column("district", sa.Integer(), nullable=True),
        sa.Column("join_code", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hamyar_groups")),
        sa.UniqueConstraint("join_code", name=op.f("uq_hamyar_groups_join_code")),
    )
    op.create_index(op.f("ix_hamyar_groups_norm_name"), "hamyar_groups", ["norm_name"])
    op.create_index(op.f("ix_hamyar_groups_city_code"), "hamyar_groups", ["city_code"])
    op.create_table(
        "group_members",
        sa.Column("seller_id", sa.BigInteger(), nullable=False),
        sa.Column("group_id", ID, nullable=False),
        sa.Column("how", sa.String(length=8), nullable=False),
        sa.Column("joined_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.user_id"], ondelete="CASCADE",
                                name=op.f("fk_group_members_seller_id_sellers")),
        sa.ForeignKeyConstraint(["group_id"], ["hamyar_groups.id"], ondelete="CASCADE",
                                name=op.f("fk_group_members_group_id_hamyar_groups")),
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_group_members")),
    )
    op.create_index(op.f("ix_group_members_group_id"), "group_members", ["group_id"])
    op.create_table(
        "group_trainers",
        sa.Column("group_id", ID, nullable=False),
        sa.Column("trainer_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["hamyar_groups.id"], ondelete="CASCADE",
                                name=op.f("fk_group_trainers_group_id_hamyar_groups")),
        sa.PrimaryKeyConstraint("group_id", "trainer_id", name=op.f("pk_group_trainers")),
    )
    op.create_index(op.f("ix_group_trainers_trainer_id"), "group_trainers", ["trainer_id"])
    op.create_table(
        "report_runs",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_runs")),
        sa.UniqueConstraint("kind", "week", name="uq_report_runs_kind_week"),
    )
    op.create_table(
        "report_prefs",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("weekly_note", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_report_prefs_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_report_prefs")),
    )
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols)


def downgrade() -> None:
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_table("report_prefs")
    op.drop_table("report_runs")
    op.drop_index(op.f("ix_group_trainers_trainer_id"), table_name="group_trainers")
    op.drop_table("group_trainers")
    op.drop_index(op.f("ix_group_members_group_id"), table_name="group_members")
    op.drop_table("group_members")
    op.drop_index(op.f("ix_hamyar_groups_city_code"), table_name="hamyar_groups")
    op.drop_index(op.f("ix_hamyar_groups_norm_name"), table_name="hamyar_groups")
    op.drop_table("hamyar_groups")
