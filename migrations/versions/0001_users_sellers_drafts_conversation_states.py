"""users, sellers, drafts, conversation states

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:05:51.938133
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conversation_states',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=128), nullable=False),
    sa.Column('state', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('name', 'key', name=op.f('pk_conversation_states'))
    )
    op.create_table('users',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('first_name', sa.String(length=256), nullable=False),
    sa.Column('last_name', sa.String(length=256), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('telegram_language', sa.String(length=16), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('is_blocked', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('last_seen_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    op.create_table('drafts',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_drafts'))
    )
    op.create_table('sellers',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=False),
    sa.Column('province_code', sa.String(length=32), nullable=False),
    sa.Column('city_code', sa.String(length=48), nullable=False),
    sa.Column('district', sa.Integer(), nullable=True),
    sa.Column('crafts', sa.JSON(), nullable=False),
    sa.Column('group_name', sa.String(length=80), nullable=True),
    sa.Column('registered_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sellers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_sellers'))
    )
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sellers_city_code'), ['city_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_sellers_phone'), ['phone'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sellers_phone'))
        batch_op.drop_index(batch_op.f('ix_sellers_city_code'))

    op.drop_table('sellers')
    op.drop_table('drafts')
    op.drop_table('users')
    op.drop_table('conversation_states')
