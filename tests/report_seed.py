"""A seeded history for the report tests: sellers in three districts (Tabriz 1, Tabriz 3,
Abhar), two groups, listings, decisions, orders and reviews across two Jalali months (Aban and
Azar 1405), and the expected figures computed independently, in plain Python over the seed."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.persian import to_persian_digits
from models.group import GroupMember, GroupTrainer, HamyarGroup
from models.listing import Listing
from models.moderation import Decision, Trainer
from models.order import Order, Review
from models.user import Seller, User

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)  # Saturday 1405/09/07, 09:30 in Tehran
PLACES = [("az_east.tabriz", 1), ("az_east.tabriz", 3), ("zanjan.abhar", None)]
CRAFTS = ["kilim", "socks", "food"]
REASONS = ["عکس‌ها واضح نیست", "قیمت روشن نیست"]
MANAGER, TRAINER_T3, TRAINER_G2, STRANGER = 900, 901, 902, 903


@dataclass
class Seed:
    sellers: list[dict] = field(default_factory=list)
    listings: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)
    groups: dict[int, str] = field(default_factory=dict)  # id -> name


def _t(rng: random.Random, a: datetime, b: datetime) -> datetime:
    return a + timedelta(seconds=rng.randrange(int((b - a).total_seconds())))


def make_seed(n_sellers: int = 14, seed: int = 12) -> Seed:
    rng = random.Random(seed)
    out = Seed(groups={1: "گروه همیار نرگس", 2: "تعاونی یاس ابهر"})
    begin, end = datetime(2026, 9, 20, tzinfo=UTC), NOW - timedelta(hours=1)
    lid = oid = 0
    for i in range(n_sellers):
        city, district = PLACES[i % 3]
        group = 1 if (city, district) == PLACES[1] and i % 2 else 2 if city == "zanjan.abhar" and i % 2 else None
        reg = _t(rng, begin, end)
        sid = 1000 + i
        out.sellers.append(dict(id=sid, name=f"فروشنده {to_persian_digits(i)}", city=city, district=district,
                                group=group, registered=reg, phone=f"+98912000{i:04d}"))
        for _ in range(rng.randrange(0, 4)):
            lid += 1
            sub = _t(rng, reg, end + timedelta(minutes=30))
            action = rng.choice(["approve", "approve", "reject", "changes", None])
            decided = sub + timedelta(hours=rng.randrange(1, 48)) if action else None
            if decided and decided > NOW:
                decided, action = None, None
            published = decided if action == "approve" else None
            cat = rng.choice(CRAFTS)
            out.listings.append(dict(id=lid, seller=sid, cat=cat, submitted=sub, published=published,
                                     status="published" if published else "pending" if not action else "rejected"))
            if action:
                out.decisions.append(dict(listing=lid, seller=sid, cat=cat, action=action, at=decided,
                                          submitted=sub,
                                          reason=rng.choice(REASONS) if action != "approve" else None))
            if not published:
                continue
            for _ in range(rng.randrange(0, 4)):
                oid += 1
                created = _t(rng, published, NOW)
                status = rng.choice(["new", "accepted", "completed", "completed", "declined", "cancelled"])
                accepted = created + timedelta(hours=2) if status in ("accepted", "completed") else None
                completed = created + timedelta(days=2) if status == "completed" else None
                if completed and completed > NOW:
                    status, completed = "accepted", None
                updated = completed or (created + timedelta(hours=5))
                if updated > NOW:
                    updated = NOW - timedelta(minutes=1)
                qty, price = rng.randrange(1, 4), rng.choice([50_000, 120_000, 350_000])
                out.orders.append(dict(id=oid, listing=lid, seller=sid, cat=cat, status=status,
                                       created=created, accepted=accepted, completed=completed,
                                       updated=updated, qty=qty, price=price))
                if completed and rng.random() < 0.7:
                    out.reviews.append(dict(order=oid, listing=lid, seller=sid, cat=cat,
                                            rating=rng.randrange(1, 6),
                                            at=min(completed + timedelta(hours=3), NOW)))
    return out


async def store(session, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    for uid in (MANAGER, TRAINER_T3, TRAINER_G2, STRANGER):
        session.add(User(id=uid, first_name=f"u{uid}", telegram_language="fa"))
    for s in seed.sellers:
        session.add(User(id=s["id"], first_name=s["name"], telegram_language="fa"))
    await session.flush()
    session.add(Trainer(user_id=TRAINER_T3, added_by=MANAGER, scope=["az_east.tabriz:3"]))
    session.add(Trainer(user_id=TRAINER_G2, added_by=MANAGER, scope=[]))
    session.add(HamyarGroup(id=1, name=seed.groups[1], norm_name="x1", city_code="az_east.tabriz",
                            district=3, join_code="NARGES", created_by=MANAGER))
    session.add(HamyarGroup(id=2, name=seed.groups[2], norm_name="x2", city_code="zanjan.abhar",
                            join_code="YASABH", created_by=MANAGER))
    for s in seed.sellers:
        session.add(Seller(user_id=s["id"], name=s["name"], phone=s["phone"],
                           province_code=s["city"].split(".")[0], city_code=s["city"],
                           district=s["district"], crafts=[], registered_at=s["registered"]))
    await session.flush()
    session.add(GroupTrainer(group_id=2, trainer_id=TRAINER_G2))
    for s in seed.sellers:
        if s["group"]:
            session.add(GroupMember(seller_id=s["id"], group_id=s["group"]))
    for x in seed.listings:
        session.add(Listing(id=x["id"], seller_id=x["seller"], status=x["status"], category=x["cat"],
                            title="محصول", price=100_000, submitted_at=x["submitted"],
                            published_at=x["published"], review_round=1, delivery=[], flow={}))
    await session.flush()
    for d in seed.decisions:
        session.add(Decision(listing_id=d["listing"], round=1, trainer_id=MANAGER,
                             action=d["action"], reason=d["reason"], created_at=d["at"]))
    for o in seed.orders:
        session.add(Order(id=o["id"], listing_id=o["listing"], seller_id=o["seller"], buyer_id=5,
                          status=o["status"], quantity=o["qty"], unit_price=o["price"],
                          delivery_method="pickup", delivery_cost=10_000,
                          total=o["qty"] * o["price"] + 10_000, receiver_name="x", phone="+98",
                          created_at=o["created"], updated_at=o["updated"],
                          accepted_at=o["accepted"], completed_at=o["completed"]))
    await session.flush()
    for r in seed.reviews:
        session.add(Review(order_id=r["order"], listing_id=r["listing"], seller_id=r["seller"],
                           buyer_id=5, rating=r["rating"], created_at=r["at"]))
    await session.flush()


# -- the expected figures, counted in Python ----------------------------------------------------

def expected(seed: Seed, start: datetime, end: datetime, keep=lambda s: True,  # type: ignore[no-untyped-def]
             key=lambda row, seller: ()) -> dict[tuple, dict[str, float]]:
    """{breakdown key: {figure: value}}; `keep(seller)` is the scope, `key(row, seller)` the
    breakdown (row is the listing/order/decision/review, or the seller itself)."""
    sellers = {s["id"]: s for s in seed.sellers if keep(s)}
    inp = lambda t: t is not None and start <= t < end  # noqa: E731
    out: dict[tuple, dict[str, float]] = {}

    def add(k: tuple, fig: str, v: float = 1) -> None:
        out.setdefault(k, {}).setdefault(fig, 0)
        out[k][fig] += v

    since = min(end, NOW) - timedelta(days=30)
    for s in sellers.values():
        if s["registered"] < end:
            add(key(s, s), "sellers_total")
        if inp(s["registered"]):
            add(key(s, s), "sellers_new")
        listed = any(x["seller"] == s["id"] and ((x["submitted"] and x["submitted"] >= since) or
                                                   (x["published"] and x["published"] >= since))
                     for x in seed.listings)
        sold = any(o["seller"] == s["id"] and o["created"] >= since
                   and o["status"] not in ("declined", "cancelled") for o in seed.orders)
        if s["registered"] < since and not listed and not sold:
            add(key(s, s), "sellers_quiet")
    active: dict[tuple, set[int]] = {}
    for x in seed.listings:
        if x["seller"] in sellers and inp(x["published"]):
            active.setdefault(key(x, sellers[x["seller"]]), set()).add(x["seller"])
        if x["seller"] in sellers and inp(x["submitted"]):
            add(key(x, sellers[x["seller"]]), "listings_submitted")
    for o in seed.orders:
        s = sellers.get(o["seller"])
        if s is None:
            continue
        k = key(o, s)
        if inp(o["created"]):
            add(k, "orders_placed")
            if o["status"] not in ("declined", "cancelled"):
                active.setdefault(k, set()).add(o["seller"])
        if inp(o["accepted"]):
            add(k, "orders_accepted")
        if o["status"] in ("declined", "cancelled") and inp(o["updated"]):
            add(k, f"orders_{o['status']}")
        if o["status"] == "completed" and inp(o["completed"]):
            add(k, "orders_completed")
            add(k, "sales_toman", o["qty"] * o["price"])
    for k, ids in active.items():
        add(k, "sellers_active", len(ids))
    names = {"approve": "listings_approved", "reject": "listings_rejected", "changes": "listings_changes"}
    spans: dict[tuple, list[float]] = {}
    for d in seed.decisions:
        if d["seller"] in sellers and inp(d["at"]):
            k = key(d, sellers[d["seller"]])
            add(k, names[d["action"]])
            spans.setdefault(k, []).append((d["at"] - d["submitted"]).total_seconds() / 3600)
    ratings: dict[tuple, list[int]] = {}
    for r in seed.reviews:
        if r["seller"] in sellers and inp(r["at"]):
            ratings.setdefault(key(r, sellers[r["seller"]]), []).append(r["rating"])
    for k, rs in ratings.items():
        out.setdefault(k, {})["rating_avg"] = round(sum(rs) / len(rs), 2)
    for k, v in spans.items():
        out.setdefault(k, {})["median_hours"] = round(statistics.median(v), 1)
    return out


def by_area(row, seller):  # type: ignore[no-untyped-def]
    return (seller["city"], seller["district"])


def by_group(row, seller):  # type: ignore[no-untyped-def]
    return (seller["group"],)


def by_craft(row, seller):  # type: ignore[no-untyped-def]
    return (row.get("cat"),) if "cat" in row else None
