"""Hamyar groups in the chat (create, join by link or code, leave, the typed names matched and
confirmed) and the weekly digest: queued once for Saturday 09:00, not again after a restart or
from a second instance."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from harness import BotHarness, Person
from listing_helpers import make_seller
from sqlalchemy import func, select
from test_registration import reach

from bot.callbacks import GroupJoinLink
from bot.services.reports import digest
from models.group import GroupMember, HamyarGroup, ReportRun
from models.listing import Listing
from models.moderation import Trainer
from models.order import Order
from models.outbox import OutboxMessage
from models.user import Seller

SATURDAY_0900 = datetime(2026, 11, 28, 5, 30, tzinfo=UTC)  # 09:00 in Tehran


@pytest.fixture
async def world(standin, db_url):  # type: ignore[no-untyped-def]
    sb = standin
    manager_u = await sb.create_user("مدیر", language_code="fa")
    trainer_u = await sb.create_user("زهرا", username="zahra_trainer", language_code="fa")
    admins = await sb.create_group("مربیان همیار", [trainer_u["id"], manager_u["id"]])
    bot = BotHarness(sb, db_url, admin_chat_id=admins["id"], admin_ids=(manager_u["id"],))
    await bot.start()
    manager, trainer = Person(bot, manager_u), Person(bot, trainer_u)
    await manager.say("/start")
    await trainer.say("/start")
    await manager.say("/addtrainer @zahra_trainer ابهر")
    yield bot, manager, trainer, admins
    await bot.stop()


async def _code(bot: BotHarness) -> str:
    async with bot.db.session() as s:
        return (await s.scalars(select(HamyarGroup.join_code).order_by(HamyarGroup.id.desc()))).first()


async def test_trainer_creates_a_group_and_women_join_by_link_or_code(world) -> None:  # type: ignore[no-untyped-def]
    bot, _manager, trainer, _ = world
    created = await trainer.say("/newgroup ابهر گروه همیار یاس")
    code = await _code(bot)
    assert code in created[-1].text and f"start={GroupJoinLink(code).pack()}" in created[-1].text
    bad = await trainer.say("/newgroup")
    assert "نفهمیدیم" in bad[-1].text

    seller = Person(bot, await bot.sb.create_user("مریم", language_code="fa"))
    await make_seller(bot, seller)
    joined = await seller.say(f"/start g_{code}")
    assert "عضو گروه «گروه همیار یاس» شدید" in joined[-1].text
    mine = await seller.say("/join")
    assert "گروه همیار یاس" in mine[-1].text
    left = await seller.say("/leavegroup")
    assert "دیگر عضو گروه" in left[-1].text
    again = await seller.say(f"/join {code.lower()}")
    assert "شدید" in again[-1].text
    wrong = await seller.say("/join ZZZZZZ")
    assert "پیدا نکردیم" in wrong[-1].text
    same = await seller.say(f"/join {code}")
    assert "همین حالا هم عضو گروه «گروه همیار یاس» هستید" in same[-1].text
    await trainer.say("/newgroup ابهر تعاونی نرگس")
    other = await _code(bot)
    moved = await seller.say(f"/join {other}")  # she is told which group she left
    assert "از گروه «گروه همیار یاس» بیرون آمدید و عضو گروه «تعاونی نرگس» شدید" in moved[-1].text
    back = await seller.say(f"/start g_{code}")
    assert "از گروه «تعاونی نرگس» بیرون آمدید" in back[-1].text

    # a woman who is not registered yet: the code waits for her registration
    newcomer = Person(bot, await bot.sb.create_user("سارا", language_code="fa"))
    later = await newcomer.say(f"/start g_{code}")
    assert "بعد از ثبت‌نام خودبه‌خود عضو این گروه می‌شوید" in later[-1].text
    await reach(newcomer, "confirm")  # registering through the bot: finishing puts her in the group
    asked = [r.text for r in newcomer.sb.records(newcomer.id) if r.from_bot and "سؤال ۷ از ۷" in (r.text or "")]
    assert asked and "شما با کد گروه «گروه همیار یاس» آمده‌اید" in asked[-1]  # not asked to type it
    done = await newcomer.tap("✅ تأیید و ثبت")
    assert "👥 شما عضو گروه «گروه همیار یاس» هم شدید." in done[-1].text
    async with bot.db.session() as s:
        member = await s.get(GroupMember, newcomer.id)
        assert member is not None and member.how == "link"
        group = await s.get(HamyarGroup, member.group_id)
        assert group is not None and group.join_code == code
        assert await s.scalar(select(func.count()).select_from(GroupMember)
                              .where(GroupMember.group_id == group.id)) == 2

    # her trainer gives her the code while she is registering: kept, and she goes on
    midway = Person(bot, await bot.sb.create_user("زینب", language_code="fa"))
    await reach(midway, "district")
    inside = await midway.say(f"/join {code}")
    assert "ثبت‌نامتان که تمام شد، عضو این گروه می‌شوید" in inside[-1].text
    assert "سؤال ۵ از ۷" in inside[-1].text  # the question she was at, asked again
    wrong_inside = await midway.say("/join ZZZZZZ")
    assert "پیدا نکردیم" in wrong_inside[-1].text and "سؤال ۵ از ۷" in wrong_inside[-1].text
    await midway.say("۳")
    await midway.tap("ملیله‌کاری")
    await midway.tap("✅ کافی است")
    await midway.tap("⏭ بعدی")
    done = await midway.tap("✅ تأیید و ثبت")
    assert "👥 شما عضو گروه «گروه همیار یاس» هم شدید." in done[-1].text

    listing = await trainer.say("/groups")
    assert "گروه همیار یاس — ۳ عضو" in listing[-1].text


async def test_a_group_name_too_long_is_told_in_words_and_asked_again(world) -> None:  # type: ignore[no-untyped-def]
    """COPY rule 6: a name past its limit is answered with how many words to take out (no
    count of characters) and the command to send again, with the city she typed; no group."""
    bot, _manager, trainer, _ = world
    long = " ".join(["نرگس"] * 15)  # 15 × 4 letters and the spaces: 74 of 60; 3 words over
    (hint,) = await trainer.say(f"/newgroup ابهر {long}")
    assert hint.text.startswith("نام گروه بلند است؛ حدود ۳ کلمه از آن کم کنید و دوباره بفرستید")
    assert hint.text.endswith("/newgroup ابهر گروه همیار یاس"), "the command to send again, her city kept"
    assert "حرف" not in hint.text and "۶۰" not in hint.text
    async with bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(HamyarGroup)) == 0
    shorter = " ".join(["نرگس"] * 12)
    created = await trainer.say(f"/newgroup ابهر {shorter}")
    assert f"گروه «{shorter}» ساخته شد" in created[-1].text
    async with bot.db.session() as s:
        assert (await s.scalars(select(HamyarGroup.name))).all() == [shorter]


async def test_typed_group_names_are_matched_or_confirmed_by_a_trainer(world) -> None:  # type: ignore[no-untyped-def]
    bot, _manager, trainer, _ = world
    await trainer.say("/newgroup ابهر گروه همیار یاس")
    await trainer.say("/newgroup ابهر تعاونی نرگس")
    clear = Person(bot, await bot.sb.create_user("مریم", language_code="fa"))
    vague = Person(bot, await bot.sb.create_user("لیلا", language_code="fa"))
    far = Person(bot, await bot.sb.create_user("نازی", language_code="fa"))
    for p, city in ((clear, "zanjan.abhar"), (vague, "zanjan.abhar"), (far, "az_east.tabriz")):
        await make_seller(bot, p, city=city)
    async with bot.db.session() as s:
        (await s.get(Seller, clear.id)).group_name = "گروه  همیار ياس"  # Arabic ye, two spaces
        (await s.get(Seller, vague.id)).group_name = "یاس"
        (await s.get(Seller, far.id)).group_name = "گروه تبریز"
    shown = await trainer.say("/unmatched")
    texts = [r.text for r in shown]
    assert any("لیلا" in t or "«یاس»" in t for t in texts)
    assert not any("گروه تبریز" in t for t in texts)  # not her city: out of her scope
    async with bot.db.session() as s:
        row = await s.get(GroupMember, clear.id)
        assert row is not None and row.how == "matched"
    await trainer.tap("✅ گروه همیار یاس")
    assert "مریم رضایی عضو گروه «گروه همیار یاس» شد" in trainer.last.text
    async with bot.db.session() as s:
        assert (await s.get(GroupMember, vague.id)).how == "trainer"
        assert await s.get(GroupMember, far.id) is None


async def _digest_rows(bot: BotHarness) -> list[OutboxMessage]:
    async with bot.db.session() as s:
        return list(await s.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like("digest:%")).order_by(OutboxMessage.id)))


async def test_weekly_digest_fires_once_on_saturday_morning(world) -> None:  # type: ignore[no-untyped-def]
    bot, _manager, trainer, admins = world
    seller = Person(bot, await bot.sb.create_user("مریم", language_code="fa"))
    quiet_seller = Person(bot, await bot.sb.create_user("سارا", language_code="fa"))
    await make_seller(bot, seller)
    await make_seller(bot, quiet_seller)
    off = await quiet_seller.say("/weekly")
    assert "دیگر پیام هفتگی نمی‌فرستیم" in off[-1].text
    last_week = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    async with bot.db.session() as s:
        for p in (seller, quiet_seller):
            listing = Listing(seller_id=p.id, status="published", category="kilim", title="گلیم",
                              delivery=[], flow={})
            s.add(listing)
            await s.flush()
            s.add(Order(listing_id=listing.id, seller_id=p.id, buyer_id=1, status="new", quantity=1,
                        unit_price=100, delivery_method="pickup", total=100, receiver_name="x",
                        phone="+98", created_at=last_week, updated_at=last_week))
    with time_machine.travel(datetime(2026, 11, 28, 5, 0, tzinfo=UTC), tick=False):  # 08:30
        async with bot.db.session() as s:
            assert not await digest.run_weekly(s, datetime.now(UTC))
    with time_machine.travel(SATURDAY_0900, tick=False):
        async with bot.db.session() as s:
            assert await digest.run_weekly(s, datetime.now(UTC))
        async with bot.db.session() as s:  # the same instance, an hour later
            assert not await digest.run_weekly(s, datetime.now(UTC))
    rows = await _digest_rows(bot)
    chats = {r.chat_id for r in rows}
    assert str(admins["id"]) in chats and str(trainer.id) in chats
    assert str(seller.id) in chats and str(quiet_seller.id) not in chats
    group_text = next(r.payload["text"] for r in rows if r.chat_id == str(admins["id"]))
    assert "گزارش هفتگی همیار" in group_text and "۱ آذر ۱۴۰۵" not in group_text
    assert "هفتهٔ پیش (۳۰ آبان تا ۶ آذر ۱۴۰۵)" in group_text  # Saturday 30 Aban to Friday 6 Azar
    assert group_text.rstrip().endswith("/report را بفرستید.")  # where the files and charts are
    note = next(r.payload["text"] for r in rows if r.chat_id == str(seller.id))
    assert "۱ سفارش تازه" in note and "/weekly" in note

    await bot.restart()
    with time_machine.travel(SATURDAY_0900.replace(hour=7), tick=False):
        async with bot.db.session() as s:
            assert not await digest.run_weekly(s, datetime.now(UTC))
    assert len(await _digest_rows(bot)) == len(rows)
    async with bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(ReportRun)) == 1


async def test_two_instances_claim_the_week_once(world) -> None:  # type: ignore[no-untyped-def]
    bot, *_ = world
    from bot.db import Database

    other = Database(bot.db_url)  # a second process's engine over the same database
    try:
        async with bot.db.session() as a, other.session() as b:
            first = await digest.run_weekly(a, SATURDAY_0900)
            await a.commit()
            second = await digest.run_weekly(b, SATURDAY_0900)
        assert (first, second) == (True, False)
    finally:
        await other.dispose()
    assert digest.week_due(SATURDAY_0900) == "2026-11-28"
    assert digest.week_due(datetime(2026, 11, 28, 5, 29, tzinfo=UTC)) is None
    assert digest.week_due(datetime(2026, 12, 1, 12, 0, tzinfo=UTC)) == "2026-11-28"


async def test_trainer_scope_includes_groups_she_follows(world) -> None:  # type: ignore[no-untyped-def]
    bot, _manager, trainer, _ = world
    await trainer.say("/newgroup تبریز:۳ گروه همیار نرگس")  # a group outside her city
    async with bot.db.session() as s:
        t = await s.get(Trainer, trainer.id)
        assert t is not None and t.scope == ["zanjan.abhar"]
        from bot.services.reports.scope import scope_of

        scope = await scope_of(s, trainer.id)
        assert scope.places == (("zanjan.abhar", None),) and len(scope.groups) == 1


async def test_only_a_manager_puts_a_trainer_on_a_group(world) -> None:  # type: ignore[no-untyped-def]
    bot, manager, trainer, _ = world
    await manager.say("/newgroup تبریز:۳ گروه همیار نرگس")
    code = await _code(bot)
    refused = await trainer.say(f"/assigngroup {code} @zahra_trainer")
    assert "فقط برای مدیران" in refused[-1].text
    bare = await manager.say("/assigngroup")  # the usage, not «ask your trainer» to a manager
    assert "بعد از /assigngroup کد گروه و بعد نام کاربری مربی را بنویسید" in bare[-1].text
    unknown = await manager.say("/assigngroup ZZZZZZ @zahra_trainer")
    assert "با /groups ببینید" in unknown[-1].text and "مربی‌تان" not in unknown[-1].text
    done = await manager.say(f"/assigngroup {code} @zahra_trainer")
    assert "گروه «گروه همیار نرگس» را هم دنبال می‌کند" in done[-1].text
    mine = await trainer.say("/groups")
    assert code in mine[-1].text
