"""Report latency over 10,000 sellers, 100,000 listings and 200,000 orders, on SQLite and on
PostgreSQL; the cost of the spreadsheet and of the charts.

    .venv/bin/python benchmarks/report_bench.py                                   # SQLite
    .venv/bin/python benchmarks/report_bench.py \
        --pg postgresql+asyncpg://postgres@127.0.0.1:5432/i12_pg                  # and PostgreSQL

The PostgreSQL database's `public` schema is dropped and recreated. Each database is migrated
with the project's migrations and seeded in bulk (a year of history: registrations, listings,
one decision per submitted listing, orders in every status, reviews), then the calls the bot
makes for /report (every figure for the whole scope plus one breakdown) are timed as /report
runs them (`api.report_for`: a finished period read back once kept) for a
manager (everything) and a trainer (one city; one group), for every period a button offers and
a typed range that has ended, in several rounds; a finished period computed (not kept yet);
then the files (every breakdown, the sellers' list, XLSX and CSV) and the two charts. Results
go to stdout (copy them to benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete, insert, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot import geo
from bot.db import Database
from bot.i18n import I18n
from bot.ops.migrate import upgrade
from bot.services.reports import api, periods
from bot.services.reports import figures as F
from bot.services.reports.report import build
from bot.services.runtime import configure
from models.group import GroupMember, GroupTrainer, HamyarGroup, ReportCache
from models.listing import Listing
from models.moderation import Decision, Trainer
from models.order import Order, Review
from models.user import Seller, User

N_SELLERS, N_LISTINGS, N_ORDERS = 10_000, 100_000, 200_000
NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
MANAGER, TRAINER, TRAINER_GROUP = 1, 2, 3
TYPED = "14050801-14050815"  # a typed range that has ended (NOW is 1405/09/07)
CITIES = [c.code for c in geo.ALL_CITIES[:12]]
CRAFTS = [c.code for c in geo.CRAFTS]
STATUSES = ["new", "accepted", "preparing", "shipped", "completed", "completed", "completed",
            "declined", "cancelled"]


def _t(rng: random.Random, a: datetime, b: datetime) -> datetime:
    return a + timedelta(seconds=rng.randrange(max(1, int((b - a).total_seconds()))))


async def _bulk(db: Database, model: Any, rows: list[dict]) -> None:
    async with db.engine.begin() as conn:
        for i in range(0, len(rows), 5000):
            await conn.execute(insert(model), rows[i:i + 5000])


async def seed(db: Database) -> None:
    rng = random.Random(12)
    start = NOW - timedelta(days=365)
    users = [dict(id=i, first_name=f"u{i}") for i in range(1, N_SELLERS + 10)]
    await _bulk(db, User, users)
    sellers, members = [], []
    groups = [dict(id=g + 1, name=f"group {g}", norm_name=f"group {g}", kind="hamyar",
                   city_code=CITIES[g % len(CITIES)], district=None, join_code=f"G{g:05d}",
                   created_by=MANAGER, created_at=start) for g in range(60)]
    await _bulk(db, HamyarGroup, groups)
    reg: dict[int, datetime] = {}
    for i in range(10, N_SELLERS + 10):
        city = rng.choice(CITIES)
        reg[i] = _t(rng, start, NOW)
        sellers.append(dict(user_id=i, name=f"seller {i}", phone="+989120000000",
                            province_code=city.split(".")[0], city_code=city,
                            district=rng.randint(1, 5), crafts=[], registered_at=reg[i],
                            created_at=reg[i], updated_at=reg[i]))
        if rng.random() < 0.7:
            members.append(dict(seller_id=i, group_id=rng.randint(1, 60), how="link", joined_at=reg[i]))
    await _bulk(db, Seller, sellers)
    await _bulk(db, GroupMember, members)
    await _bulk(db, Trainer, [dict(user_id=TRAINER, added_by=MANAGER, scope=[CITIES[0]],
                                   created_at=start, updated_at=start)])
    listings, decisions, published = [], [], []
    for lid in range(1, N_LISTINGS + 1):
        sid = rng.randrange(10, N_SELLERS + 10)
        sub = _t(rng, reg[sid], NOW)
        decided = min(sub + timedelta(hours=rng.randint(1, 72)), NOW)
        action = rng.choice(["approve", "approve", "approve", "reject", "changes"])
        pub = decided if action == "approve" else None
        status = "published" if pub else ("rejected" if action == "reject" else "needs_changes")
        listings.append(dict(id=lid, seller_id=sid, status=status, category=rng.choice(CRAFTS),
                             title="x", price=100_000, delivery=[], flow={}, review_round=1,
                             submitted_at=sub, published_at=pub, created_at=sub, updated_at=decided))
        decisions.append(dict(listing_id=lid, round=1, trainer_id=MANAGER, action=action,
                              reason="photos" if action != "approve" else None, created_at=decided))
        if pub:
            published.append((lid, sid, pub))
    await _bulk(db, Listing, listings)
    await _bulk(db, Decision, decisions)
    orders, reviews = [], []
    for oid in range(1, N_ORDERS + 1):
        lid, sid, pub = rng.choice(published)
        created = _t(rng, pub, NOW)
        status = rng.choice(STATUSES)
        done = min(created + timedelta(days=3), NOW) if status == "completed" else None
        orders.append(dict(id=oid, listing_id=lid, seller_id=sid, buyer_id=5, status=status,
                           quantity=rng.randint(1, 3), unit_price=rng.choice([50_000, 120_000]),
                           delivery_method="post", delivery_cost=30_000, total=0,
                           receiver_name="x", phone="+98", created_at=created,
                           updated_at=done or created + timedelta(hours=5),
                           accepted_at=created + timedelta(hours=1) if status not in ("new", "declined") else None,
                           completed_at=done))
        if done and rng.random() < 0.4:
            reviews.append(dict(order_id=oid, listing_id=lid, seller_id=sid, buyer_id=5,
                                rating=rng.randint(3, 5), created_at=done))
    await _bulk(db, Order, orders)
    await _bulk(db, Review, reviews)
    # fresh statistics, as a running database has; on PostgreSQL the visibility map too (what
    # autovacuum keeps), without which an index-only scan still reads every row's page
    async with db.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("ANALYZE" if db.is_sqlite else "VACUUM ANALYZE"))


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


async def timed(label: str, fn: Any, rounds: int) -> None:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        await fn()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"| {label:<44} | {rounds:>3} | {statistics.median(times):>7.0f} | {_pct(times, 95):>7.0f} |"
          f" {max(times):>7.0f} |", flush=True)


async def run(url: str, name: str, rounds: int, *, fresh: bool = True) -> None:
    db = Database(url)
    await upgrade(db)
    if fresh:
        t0 = time.perf_counter()
        await seed(db)
        print(f"\n{name}: seeded in {time.perf_counter() - t0:.0f} s\n", flush=True)
    print("| call                                         |   n |  p50 ms |  p95 ms |  max ms |")
    print("|----------------------------------------------|----:|--------:|--------:|--------:|")
    configure(managers=(MANAGER,))
    i18n = I18n()

    def t(key: str, **a: object) -> str:
        return i18n.t("fa", key, a)

    async with db.session() as s:  # the trainer of one group (seeded before she was added)
        if await s.get(Trainer, TRAINER_GROUP) is None:
            s.add(Trainer(user_id=TRAINER_GROUP, added_by=MANAGER, scope=[], created_at=NOW,
                          updated_at=NOW))
            await s.flush()
            s.add(GroupTrainer(group_id=1, trainer_id=TRAINER_GROUP))
        await s.execute(delete(ReportCache))  # every run starts with nothing kept
    codes = (periods.THIS_WEEK, periods.LAST_WEEK, periods.THIS_MONTH, periods.LAST_MONTH,
             periods.ALL, TYPED)
    # what /report runs (api.report_for): a finished period is computed at its first call and
    # read back after (report.CACHE_TTL); the first round is that computation
    for who, uid, bds in (("manager", MANAGER, (F.AREA, F.CRAFT, F.GROUP)),
                          ("trainer, one city", TRAINER, (F.AREA,)),
                          ("trainer, one group", TRAINER_GROUP, (F.GROUP,))):
        for code in codes:
            for bd in bds:
                async def one(code=code, bd=bd, uid=uid) -> None:
                    async with db.session() as s:
                        await api.report_for(s, uid, code, bd, NOW)
                await timed(f"/report {who}, {code}, by {bd}", one, rounds)
    # a finished period when it is not kept yet (the first call of the day)
    for code in (periods.LAST_WEEK, periods.LAST_MONTH, TYPED):
        for bd in (F.AREA, F.CRAFT, F.GROUP):
            period = periods.from_code(code, NOW)

            async def computed(period=period, bd=bd) -> None:
                async with db.session() as s:
                    await build(s, MANAGER, period, NOW, breakdowns=(bd,))
            await timed(f"computed: manager, {code}, by {bd}", computed, max(2, rounds // 2))

    async def files(code: str = periods.LAST_MONTH) -> None:
        async with db.session() as s:
            await api.files_for(s, MANAGER, code, NOW, t, "fa")

    async def pictures(code: str = periods.ALL) -> None:
        async with db.session() as s:
            await api.charts_for(s, MANAGER, code, F.AREA, NOW, t, "fa")

    n = max(2, rounds // 5)
    await timed("XLSX + CSV, manager, last month (1st computes)", files, n)
    await timed("XLSX + CSV, manager, since the start", lambda: files(periods.ALL), n)
    await timed("two charts (12 weeks + by area), manager, all", pictures, n)
    await timed("two charts, manager, last month (1st computes)",
                lambda: pictures(periods.LAST_MONTH), n)
    await db.dispose()


def import_cost() -> None:
    code = ("import sys, time; t=time.perf_counter(); import bot.app, handlers; "
            "print(round((time.perf_counter()-t)*1000), 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout.split()
    code2 = "import time; t=time.perf_counter(); import matplotlib.pyplot; print(round((time.perf_counter()-t)*1000))"
    mpl = subprocess.run([sys.executable, "-c", code2], capture_output=True, text=True).stdout.strip()
    print(f"\nimport bot.app + handlers: {out[0]} ms, matplotlib loaded: {out[1]}; "
          f"import matplotlib.pyplot alone: {mpl} ms")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", help="a PostgreSQL URL (its public schema is dropped)")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--keep", help="a SQLite file to seed once and reuse (seeded if missing)")
    args = ap.parse_args()
    import_cost()
    if args.keep:
        fresh = not Path(args.keep).exists()  # noqa: ASYNC240
        await run(f"sqlite+aiosqlite:///{args.keep}", "SQLite", args.rounds, fresh=fresh)
    elif not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            await run(f"sqlite+aiosqlite:///{tmp}/bench.db", "SQLite", args.rounds)
    if args.pg:
        engine = create_async_engine(args.pg)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
        await run(args.pg, "PostgreSQL", args.rounds)


if __name__ == "__main__":
    asyncio.run(main())
