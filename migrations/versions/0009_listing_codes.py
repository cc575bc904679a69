"""listing and shop numbers: the short code a buyer types (bot/services/codes.py)

Adds `listings.short_code` and `shop_links.short_code` (one numbering for both, unique) and
gives a number to every listing already published (it has a public code) and every shop
link already made. The numbers are drawn as the bot draws them: random, four digits while
less than half of them are taken, then five, and so on.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _draw(taken: set[int]) -> int:
    digits = 4
    while True:
        lo, hi = 10 ** (digits - 1), 10 ** digits - 1
        used = sum(1 for c in taken if lo <= c <= hi)
        if used * 2 < hi - lo + 1:
            while True:
                code = lo + secrets.randbelow(hi - lo + 1)
                if code not in taken:
                    taken.add(code)
                    return code
        digits += 1


def upgrade() -> None:
    with op.batch_alter_table("listings") as batch:
        batch.add_column(sa.Column("short_code", sa.Integer(), nullable=True))
        batch.create_unique_constraint("uq_listings_short_code", ["short_code"])
    with op.batch_alter_table("shop_links") as batch:
        batch.add_column(sa.Column("short_code", sa.Integer(), nullable=True))
        batch.create_unique_constraint("uq_shop_links_short_code", ["short_code"])

    bind = op.get_bind()
    taken: set[int] = set()
    listings = bind.execute(sa.text(
        "SELECT id FROM listings WHERE public_code IS NOT NULL AND short_code IS NULL "
        "AND status NOT IN ('draft', 'merged') ORDER BY id")).scalars().all()
    for listing_id in listings:
        bind.execute(sa.text("UPDATE listings SET short_code = :c WHERE id = :i"),
                     {"c": _draw(taken), "i": listing_id})
    shops = bind.execute(sa.text(
        "SELECT seller_id FROM shop_links WHERE short_code IS NULL ORDER BY seller_id")).scalars().all()
    for seller_id in shops:
        bind.execute(sa.text("UPDATE shop_links SET short_code = :c WHERE seller_id = :i"),
                     {"c": _draw(taken), "i": seller_id})


def downgrade() -> None:
    with op.batch_alter_table("shop_links") as batch:
        batch.drop_constraint("uq_shop_links_short_code", type_="unique")
        batch.drop_column("short_code")
    with op.batch_alter_table("listings") as batch:
        batch.drop_constraint("uq_listings_short_code", type_="unique")
        batch.drop_column("short_code")
