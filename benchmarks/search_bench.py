"""Search latency over 100,000 public listings, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/search_bench.py                       # SQLite only
    .venv/bin/python benchmarks/search_bench.py \
        --pg postgresql+asyncpg://postgres@127.0.0.1:5432/bench        # and PostgreSQL

The PostgreSQL database's `public` schema is dropped and recreated. Each database is migrated
with the project's migrations, seeded in bulk (executemany on SQLite, COPY on PostgreSQL) with
sellers, listings and their `listing_search` rows built by `bot.services.search.row_values`,
then every query of the mix (common and rare words, several words, Persian spelling variants)
is run through `search.search()` — the same call the bot makes, ORM session included — in a
shuffled order, several rounds. The baseline is a bare `SELECT listing_id FROM listing_search
ORDER BY listing_id DESC LIMIT 10` through the same kind of session, so the ratio means
something on a shared machine. Results go to stdout (copy them to benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import pct
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot import geo
from bot.db import Database
from bot.ops.migrate import upgrade
from bot.services import search
from models.search import ListingSearch

N_LISTINGS = 100_000
N_SELLERS = 5_000
PAGE = 5

# Real words of the trade, common in titles and descriptions.
COMMON = ("دستباف گلیم جوراب بافتنی ملیله نقره مینا رشته لحاف عروسک پارچه پشمی نخی ابریشم "
          "سنتی زیبا رنگ قرمز آبی سبز مشکی سفید اندازه بزرگ کوچک هدیه خانگی مرغوب طرح "
          "اصل کیف شال روسری کوسن رومیزی تابلو گردنبند انگشتر دستبند گوشواره سرویس "
          "ترشی مربا کیک نان شیرینی سبزی خشک عسل").split()
SYLLABLES = "با کا ری نو مه سا تی ده لا پو زر گل شی ما دو ران شن فر وی جو".split()


def rare_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def make_text(rng: random.Random, n: int, rare: list[str]) -> str:
    """A quarter of the words from the trade's common words (Zipf-like: the first ones in
    about a third of the listings), the rest from a long tail of 20,000 made-up words."""
    common = rng.choices(COMMON, weights=COMMON_WEIGHTS, k=n)
    tail = rng.choices(rare, cum_weights=RARE_CUM, k=n)
    return " ".join(common[i] if rng.random() < 0.25 else tail[i] for i in range(n))


COMMON_WEIGHTS = [1 / (k + 1) ** 0.9 for k in range(len(COMMON))]
RARE_CUM: list[float] = []


def dataset(seed: int = 7) -> tuple[list[dict], list[dict], list[dict], list[dict], list[str]]:
    rng = random.Random(seed)
    rare = list(dict.fromkeys(rare_word(rng) for _ in range(22_000)))[:20_000]
    RARE_CUM.clear()
    acc = 0.0
    for k in range(len(rare)):
        acc += 1 / (k + 10)
        RARE_CUM.append(acc)
    cities = list(geo.ALL_CITIES)
    users, sellers = [], []
    now = datetime.now(UTC)
    for i in range(N_SELLERS):
        uid = 10_000 + i
        city = rng.choice(cities)
        users.append({"id": uid, "first_name": f"seller{i}", "is_blocked": False,
                      "created_at": now, "updated_at": now})
        sellers.append({"user_id": uid, "name": f"{rng.choice(COMMON)} {rng.choice(rare)}",
                        "phone": f"+98912{i:07d}", "province_code": city.province_code,
                        "city_code": city.code, "crafts": [], "registered_at": now,
                        "created_at": now, "updated_at": now})
    by_id = {s["user_id"]: s for s in sellers}
    listings, index = [], []
    crafts = [c.code for c in geo.CRAFTS]
    for i in range(1, N_LISTINGS + 1):
        seller = by_id[10_000 + rng.randrange(N_SELLERS)]
        at = now - timedelta(minutes=N_LISTINGS - i)
        title = make_text(rng, rng.randint(2, 5), rare)
        if i % 1000 == 0:
            title += " ملیله‌کاری"
        if i % 1500 == 0:
            title += " جوراب‌بافی ۱۲۰ سانتی"
        delivery = [{"method": rng.choice(["pickup", "courier", "post"]), "cost": 0}]
        row = {"id": i, "seller_id": seller["user_id"], "status": "published" if i % 20 else
               "sold_out", "category": rng.choice(crafts), "title": title,
               "description": make_text(rng, rng.randint(10, 40), rare),
               "price": rng.randint(10, 5000) * 1000, "availability": "stock", "stock": 3,
               "delivery": delivery, "flow": {}, "channel_message_ids": [],
               "public_code": f"c{i}", "published_at": at, "created_at": at, "updated_at": at}
        listings.append(row)
        index.append(search.row_values(
            SimpleNamespace(**row), SimpleNamespace(**{k: seller[k] for k in (
                "name", "city_code", "province_code")})))
    queries = [("common", w) for w in COMMON[:8]]
    queries += [("common", q) for q in ("گلیم دستباف", "جوراب بافتنی پشمی", "نقره ملیله")]
    queries += [("rare", w) for w in rng.sample(rare[2000:], 8)]
    queries += [("rare", f"{rng.choice(rare[2000:])} {rng.choice(COMMON)}") for _ in range(3)]
    queries += [("variant", q) for q in ("مليله", "ملیله کاری", "جوراب بافی", "جورابافی",
                                          "١٢٠", "۱۲۰", "كيف", "زنجان", "Zanjan", "گل")]
    return users, sellers, listings, index, queries


async def seed(db: Database, users: list, sellers: list, listings: list, index: list) -> float:
    from models.listing import Listing
    from models.user import Seller, User

    t0 = time.perf_counter()
    if db.is_sqlite:
        async with db.engine.begin() as conn:
            for table, rows in ((User, users), (Seller, sellers), (Listing, listings),
                                (ListingSearch, index)):
                for i in range(0, len(rows), 5000):
                    await conn.execute(table.__table__.insert(), rows[i:i + 5000])
    else:
        async with db.engine.begin() as conn:
            raw = (await conn.get_raw_connection()).driver_connection
            import json

            for table, rows in ((User, users), (Seller, sellers), (Listing, listings),
                                (ListingSearch, index)):
                cols = list(rows[0])
                json_cols = {c.name for c in table.__table__.columns
                             if c.type.__class__.__name__ == "JSON"}
                records = [tuple(json.dumps(r[c]) if c in json_cols else r[c] for c in cols)
                           for r in rows]
                await raw.copy_records_to_table(table.__tablename__, records=records,
                                                columns=cols)
    if not db.is_sqlite:  # as autovacuum would: GIN pending list merged, visibility map set
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("VACUUM ANALYZE"))
    if db.is_sqlite:
        async with db.engine.begin() as conn:
            await conn.execute(text("INSERT INTO listing_fts(listing_fts) VALUES ('optimize')"))
            await conn.execute(text("ANALYZE"))
    return time.perf_counter() - t0


async def measure(db: Database, queries: list[tuple[str, str]], rounds: int) -> dict[str, Any]:
    rng = random.Random(1)
    times: dict[str, list[float]] = {"baseline": []}
    found: dict[str, int] = {}
    async with db.sessionmaker() as s:  # warm-up: caches, statement preparation
        for _, q in queries:
            found[q] = (await search.search(s, q, limit=PAGE)).total
        await s.scalars(select(ListingSearch.listing_id).limit(10))
    for _ in range(rounds):
        order = list(queries)
        rng.shuffle(order)
        for kind, q in order:
            async with db.sessionmaker() as s:
                t0 = time.perf_counter()
                await search.search(s, q, limit=PAGE)
                times.setdefault(kind, []).append(time.perf_counter() - t0)
            async with db.sessionmaker() as s:
                t0 = time.perf_counter()
                (await s.scalars(select(ListingSearch.listing_id)
                                 .order_by(ListingSearch.listing_id.desc()).limit(10))).all()
                times["baseline"].append(time.perf_counter() - t0)
    times["all"] = [t for k, v in times.items() if k != "baseline" for t in v]
    return {"times": times, "found": found}


def report(name: str, seed_s: float, result: dict[str, Any]) -> None:
    times = result["times"]
    base50 = statistics.median(times["baseline"])
    print(f"\n## {name}: seeded {N_LISTINGS:,} listings in {seed_s:.1f} s")
    print(f"{'queries':<10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/base':>9}")
    for kind in ("all", "common", "rare", "variant", "baseline"):
        v = times.get(kind)
        if not v:
            continue
        print(f"{kind:<10} {len(v):>5} {pct(v, 50) * 1000:>8.2f} {pct(v, 95) * 1000:>8.2f} "
              f"{pct(v, 99) * 1000:>8.2f} {pct(v, 50) / base50:>8.1f}x")
    print("matches per query: " + ", ".join(f"{q}={n}" for q, n in result["found"].items()))


async def run(url: str, name: str, data: tuple, rounds: int) -> None:
    users, sellers, listings, index, queries = data
    if url.startswith("postgresql"):
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    db = Database(url)
    try:
        await upgrade(db)
        seed_s = await seed(db, users, sellers, listings, index)
        report(name, seed_s, await measure(db, queries, rounds))
    finally:
        await db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg", help="a PostgreSQL URL (its public schema is dropped)")
    ap.add_argument("--sqlite", help="SQLite file (default: a temporary one)")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    t0 = time.perf_counter()
    data = dataset()
    print(f"data set built in {time.perf_counter() - t0:.1f} s; {len(data[4])} queries x "
          f"{args.rounds} rounds")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.sqlite or f"{tmp}/bench.db"
        Path(path).unlink(missing_ok=True)
        asyncio.run(run(f"sqlite+aiosqlite:///{path}", "SQLite", data, args.rounds))
    if args.pg:
        asyncio.run(run(args.pg, "PostgreSQL", data, args.rounds))


if __name__ == "__main__":
    main()
