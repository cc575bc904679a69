"""search index, favourites, buyer preferences, shop links

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-25 10:00:00

Hand-written. A branch from 0003 (0004 is another feature's); the runner upgrades to "heads".
SQLite: an FTS5 external-content table over listing_search, kept in sync by triggers.
PostgreSQL: a generated tsvector column ('simple' configuration) with a GIN index.
Existing public listings are indexed at the end.
"""

from collections.abc import Sequence
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = '0005'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE listing_fts USING fts5(title, body, content='listing_search', "
    "content_rowid='listing_id', tokenize='unicode61 remove_diacritics 0', "
    "prefix='3 4 5 6')",
    "CREATE TRIGGER listing_search_ai AFTER INSERT ON listing_search BEGIN "
    "INSERT INTO listing_fts(rowid, title, body) VALUES (new.listing_id, new.title, new.body); "
    "END",
    "CREATE TRIGGER listing_search_ad AFTER DELETE ON listing_search BEGIN "
    "INSERT INTO listing_fts(listing_fts, rowid, title, body) "
    "VALUES ('delete', old.listing_id, old.title, old.body); END",
    "CREATE TRIGGER listing_search_au AFTER UPDATE OF title, body ON listing_search BEGIN "
    "INSERT INTO listing_fts(listing_fts, rowid, title, body) "
    "VALUES ('delete', old.listing_id, old.title, old.body); "
    "INSERT INTO listing_fts(rowid, title, body) VALUES (new.listing_id, new.title, new.body); "
    "END",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        'listing_search',
        sa.Column('listing_id', ID, autoincrement=False, nullable=False),
        sa.Column('seller_id', sa.BigInteger(), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=True),
        sa.Column('city_code', sa.String(length=48), nullable=True),
        sa.Column('posts', sa.Boolean(), nullable=False),
        sa.Column('price', sa.BigInteger(), nullable=True),
        sa.Column('status_rank', sa.SmallInteger(), nullable=False),
        sa.Column('sort_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], ondelete='CASCADE',
                                name=op.f('fk_listing_search_listing_id_listings')),
        sa.PrimaryKeyConstraint('listing_id', name=op.f('pk_listing_search')),
    )
    op.create_index('ix_listing_search_rank_sort', 'listing_search', ['status_rank', 'sort_at'])
    op.create_index('ix_listing_search_category_rank_sort', 'listing_search',
                    ['category', 'status_rank', 'sort_at'])
    op.create_index('ix_listing_search_category_rank_price', 'listing_search',
                    ['category', 'status_rank', 'price'])
    op.create_index('ix_listing_search_city_rank_sort', 'listing_search',
                    ['city_code', 'status_rank', 'sort_at'])
    op.create_index('ix_listing_search_seller_rank_sort', 'listing_search',
                    ['seller_id', 'status_rank', 'sort_at'])
    if dialect == 'sqlite':
        for stmt in SQLITE_FTS:
            op.execute(stmt)
    elif dialect == 'postgresql':
        # The words as they are ('simple': no stemming, no stop words); prefix queries with :*
        op.execute("ALTER TABLE listing_search ADD COLUMN body_tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED")
        op.execute("ALTER TABLE listing_search ADD COLUMN title_tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED")
        op.execute('CREATE INDEX ix_listing_search_body_tsv ON listing_search '
                   'USING gin (body_tsv)')
        op.execute('CREATE INDEX ix_listing_search_title_tsv ON listing_search '
                   'USING gin (title_tsv)')

    op.create_table(
        'favourites',
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('listing_id', ID, nullable=False),
        sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column('notified_price', sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_favourites_user_id_users')),
        sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], ondelete='CASCADE',
                                name=op.f('fk_favourites_listing_id_listings')),
        sa.PrimaryKeyConstraint('user_id', 'listing_id', name=op.f('pk_favourites')),
    )
    op.create_index(op.f('ix_favourites_listing_id'), 'favourites', ['listing_id'])

    op.create_table(
        'buyer_prefs',
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('city_code', sa.String(length=48), nullable=True),
        sa.Column('last_query', sa.String(length=256), nullable=True),
        sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_buyer_prefs_user_id_users')),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_buyer_prefs')),
    )

    op.create_table(
        'shop_links',
        sa.Column('seller_id', sa.BigInteger(), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['seller_id'], ['sellers.user_id'], ondelete='CASCADE',
                                name=op.f('fk_shop_links_seller_id_sellers')),
        sa.PrimaryKeyConstraint('seller_id', name=op.f('pk_shop_links')),
        sa.UniqueConstraint('code', name=op.f('uq_shop_links_code')),
    )

    _backfill()


def _backfill() -> None:
    """Index the listings that are already public."""
    from bot.services.search import row_values
    from models.listing import PUBLIC

    listings = sa.table(
        'listings', sa.column('id', ID), sa.column('seller_id', sa.BigInteger()),
        sa.column('status', sa.String()), sa.column('category', sa.String()),
        sa.column('title', sa.String()), sa.column('description', sa.Text()),
        sa.column('price', sa.BigInteger()), sa.column('delivery', sa.JSON()),
        sa.column('published_at', models.base.UTCDateTime()),
        sa.column('created_at', models.base.UTCDateTime()),
    )
    sellers = sa.table(
        'sellers', sa.column('user_id', sa.BigInteger()), sa.column('name', sa.String()),
        sa.column('city_code', sa.String()), sa.column('province_code', sa.String()),
    )
    target = sa.table(
        'listing_search', *(sa.column(c) for c in (
            'listing_id', 'seller_id', 'category', 'city_code', 'posts', 'price',
            'status_rank', 'title', 'body')),
        sa.column('sort_at', models.base.UTCDateTime()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(listings, sellers.c.name, sellers.c.city_code, sellers.c.province_code)
        .join(sellers, sellers.c.user_id == listings.c.seller_id)
        .where(listings.c.status.in_(PUBLIC))
    ).mappings().all()
    values = []
    for r in rows:
        listing = SimpleNamespace(**{k: r[k] for k in listings.c.keys()})
        seller = SimpleNamespace(name=r['name'], city_code=r['city_code'],
                                 province_code=r['province_code'])
        values.append(row_values(listing, seller))
    if values:
        bind.execute(target.insert(), values)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_table('shop_links')
    op.drop_table('buyer_prefs')
    op.drop_index(op.f('ix_favourites_listing_id'), table_name='favourites')
    op.drop_table('favourites')
    if dialect == 'sqlite':
        for name in ('listing_search_ai', 'listing_search_ad', 'listing_search_au'):
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
        op.execute('DROP TABLE IF EXISTS listing_fts')
    op.drop_table('listing_search')  # its indexes go with it
