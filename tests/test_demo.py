"""`make demo` as it runs: `python -m sandbox.demo` with nothing running starts the bot and its
stand-in itself (bot/runner.py, sandbox mode: no BOT_TOKEN) and plays the demo's people
through the real bot, waiting for the bot's words and buttons (sandbox/demo/steps.py). A
label renamed in locales/ without the demo following makes it wait in vain, and this test
fail.

The run is `make demo`'s, with what a test needs: a temporary state directory and database,
the stand-in on a port of its own (SANDBOX_PORT=0: the demo is told which), no /healthz
(HEALTH_PORT=0: tests share the machine) and the send budget's periods divided by 20 as in the harness (SEND_PACE_SCALE; at
Telegram's pace the replies alone take a minute and a half). What it promises is then read
from where it is kept: the stand-in's saved state (the chats, the channel) and the database.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from harness import clock_env
from sqlalchemy import func, select

from bot.db import Database
from models import listing as lm
from models import order as om
from models.listing import Listing
from models.moderation import Trainer
from models.order import Order, Review
from models.outbox import OutboxMessage
from models.user import Seller, User
from sandbox.demo.data import BUYERS, ORDERS, SELLERS, TRAINER
from sandbox.persist import FILES_DIR, STATE_FILE, restore
from sandbox.server import StandIn

ROOT = Path(__file__).resolve().parent.parent


async def _make_demo(state_dir: Path, db_url: str, cwd: Path) -> tuple[int, str, str]:
    clock = clock_env()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        # this checkout's code, whatever the venv's editable install points at
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), clock.pop("PYTHONPATH", "")) if p),
        # a port of its own: a port chosen here could be taken, by then, by another test's
        # stand-in, and the demo would load itself into that one
        "SANDBOX_PORT": "0",
        "SANDBOX_STATE_DIR": str(state_dir),
        "DATABASE_URL": db_url,
        "HEALTH_PORT": "0",
        "SEND_PACE_SCALE": "20",
        **clock,
    }
    # cwd: a directory with no .env (a BOT_TOKEN there would make the demo refuse)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox.demo", cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 300)
    except TimeoutError:
        proc.kill()
        out, err = await proc.communicate()
        raise AssertionError(f"the demo did not finish:\n{out.decode()}\n{err.decode()}") from None
    return proc.returncode or 0, out.decode(), err.decode()


def _saved_sandbox(state_dir: Path) -> StandIn:
    """The stand-in as the demo left it (read from its state directory, not served)."""
    sb = StandIn()
    restore(sb, json.loads((state_dir / STATE_FILE).read_text("utf-8")), state_dir / FILES_DIR)
    return sb


def _transcripts(sb: StandIn) -> dict[int, list[tuple[int, bool, str]]]:
    return {cid: [(r.message_id, r.deleted, r.text or "") for r in cs.records]
            for cid, cs in sb.chats.items()}


async def _counts(db: Database) -> dict[str, int]:
    async with db.session() as s:
        return {t.__name__: await s.scalar(select(func.count()).select_from(t))
                for t in (User, Seller, Trainer, Listing, Order, Review, OutboxMessage)}


async def test_make_demo_fills_the_sandbox_and_a_second_run_changes_nothing(db_url, tmp_path) -> None:
    state_dir = tmp_path / "sandbox-state"
    code, out, err = await _make_demo(state_dir, db_url, tmp_path)
    assert code == 0, f"the demo failed:\n{out}\n{err}"
    assert "Done." in out and "Traceback" not in err, err

    sb = _saved_sandbox(state_dir)
    channel, group = sb.catalogue_channel_id, sb.admin_chat_id
    assert channel is not None and group is not None
    db = Database(db_url)
    try:
        async with db.session() as s:
            # the seven sellers registered, each under her own name
            sellers = {u.id: (u.first_name, u.last_name, sel.name) for sel, u in
                       (await s.execute(select(Seller, User).join(User, User.id == Seller.user_id)))}
            assert sorted(sellers.values()) == sorted((x.first, x.last, x.name) for x in SELLERS)
            # the trainer who approved them is a trainer of the bot
            trainer = (await s.execute(select(User).join(Trainer, Trainer.user_id == User.id))
                       ).scalars().one()
            assert (trainer.first_name, trainer.last_name) == TRAINER
            # each seller's listing approved and published, once
            listings = list((await s.scalars(select(Listing))).all())
            assert sorted((sellers[x.seller_id][0], x.title) for x in listings) == sorted(
                (x.first, x.product.title) for x in SELLERS)
            assert {x.status for x in listings} == {lm.PUBLISHED}
            orders = list((await s.scalars(select(Order))).all())
            reviews = list((await s.scalars(select(Review))).all())
            buyers = {u.id: u.first_name for u in (await s.scalars(
                select(User).where(User.id.in_([o.buyer_id for o in orders])))).all()}
    finally:
        await db.dispose()

    # ... and posted in the channel with its «🛒 سفارش» button (a link that opens the order)
    posts = [r for r in sb.records(channel) if r.from_bot]
    for x in listings:
        card = next(r for r in posts if r.message_id == x.channel_card_message_id)
        assert card.text.startswith(x.title), card.text
        assert any(f"start=l_{x.public_code}" in (b.get("url") or "") and "سفارش" in b["text"]
                   for row in card.message["reply_markup"]["inline_keyboard"] for b in row)
    assert len([r for r in posts if r.message.get("reply_markup")]) == len(SELLERS)

    # the orders, each in the state the demo left it in
    title = {x.id: x.title for x in listings}
    by_title = {x.product.title: x.first for x in SELLERS}
    assert sorted((buyers[o.buyer_id], by_title[title[o.listing_id]], o.status) for o in orders) \
        == sorted((BUYERS[o.buyer][0], o.seller, o.state) for o in ORDERS)
    assert {o.status for o in orders} == {om.NEW, om.ACCEPTED, om.SHIPPED, om.COMPLETED}
    done = next(o for o in orders if o.status == om.COMPLETED)
    (review,) = reviews
    expected = next(o.review for o in ORDERS if o.state == "completed")
    assert (review.order_id, review.rating, review.text) == (done.id, 5, expected)
    for o in orders:
        if o.status != om.NEW:  # accepted, card to card: the buyer was given the card number
            assert o.payment_method == om.CARD and o.card_number
        if o.status in (om.SHIPPED, om.COMPLETED):
            assert o.receipt_status == om.RECEIPT_CONFIRMED and o.tracking_code

    # Run again (the Makefile says it is idempotent): it says so and changes nothing
    before = _transcripts(sb)
    db = Database(db_url)
    try:
        counts = await _counts(db)
        code, out, err = await _make_demo(state_dir, db_url, tmp_path)
        assert code == 0, f"the second run failed:\n{out}\n{err}"
        assert "already in the sandbox" in out, out
        assert await _counts(db) == counts
    finally:
        await db.dispose()
    assert _transcripts(_saved_sandbox(state_dir)) == before
