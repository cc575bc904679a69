"""report speed (issue 12, item 7): covering indexes for the report's scans, per-seller
indexes for the active and quiet probes, and the table of finished periods' reports

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30

Hand-written. Each report figure is one aggregate over a family's rows in the period
(bot/services/reports/figures.py). Through the single-column time indexes of 0008 every row
in the period cost an index entry and then a look-up of the whole (wide) table row; "since
the start" is every row. The covering indexes below hold every column a family's query
reads, so the query reads the narrow index alone (SQLite's "USING COVERING INDEX",
PostgreSQL's index-only scan when the visibility map allows). The (seller, time) indexes let
"active" and "quiet" be one index probe per seller instead of a set of every active seller
built per report. `report_cache` keeps the report of a period that has ended
(bot/services/reports/report.py says when it is used and when computed again).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = models.base.UTCDateTime(timezone=True)

INDEXES = [
    # orders whose [created, last update] meets the period, with every column a figure reads
    ("ix_orders_report", "orders",
     ["updated_at", "created_at", "seller_id", "status", "accepted_at", "completed_at",
      "quantity", "unit_price", "listing_id"]),
    # the same per seller: the active and quiet probes, and a whole-history scan seller by seller
    ("ix_orders_seller_report", "orders",
     ["seller_id", "created_at", "status", "updated_at", "accepted_at", "completed_at",
      "quantity", "unit_price", "listing_id"]),
    ("ix_listings_report", "listings", ["submitted_at", "seller_id", "category"]),
    ("ix_listings_seller_submitted", "listings", ["seller_id", "submitted_at", "category"]),
    ("ix_listings_seller_published", "listings", ["seller_id", "published_at"]),
    # a decision's listing, narrow: what the decisions' figures, the median and the reasons read
    ("ix_listings_report_id", "listings",
     ["id", "seller_id", "category", "review_round", "submitted_at"]),
    ("ix_moderation_decisions_report", "moderation_decisions",
     ["created_at", "listing_id", "action", "round", "reason"]),
    ("ix_reviews_report", "reviews", ["created_at", "seller_id", "listing_id", "rating"]),
    ("ix_sellers_report", "sellers", ["registered_at", "user_id", "city_code", "district"]),
    # a row's seller and group, one probe each (the breakdown's key and the trainer's scope)
    ("ix_sellers_report_id", "sellers", ["user_id", "city_code", "district", "registered_at"]),
    ("ix_group_members_report", "group_members", ["seller_id", "group_id"]),
]


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols)
    op.create_table(
        "report_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("computed_at", TS, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_report_cache")),
    )
    op.create_index(op.f("ix_report_cache_computed_at"), "report_cache", ["computed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_report_cache_computed_at"), table_name="report_cache")
    op.drop_table("report_cache")
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
