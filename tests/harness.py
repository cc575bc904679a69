"""The end-to-end harness: BotHarness runs the real Application against the stand-in;
Person is a user chatting with it. Imported by conftest.py and by tests that need their own
harness (different settings)."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from sqlalchemy import func, select
from telegram import Update

from bot.app import build_application, start_services, stop_services
from bot.config import Settings
from bot.db import Database
from bot.ops.migrate import upgrade
from bot.outbox.budget import PaceLimits
from models.outbox import OutboxMessage
from sandbox.server import StandIn
from sandbox.state import Record

TOKEN = "123456789:TEST-token-for-hamyar-tests"


def clock_env() -> dict[str, str]:
    """For a child process started with its own environment: the variables that make it read
    the same travelled clock as the tests (empty when HAMYAR_TEST_NOW is not set)."""
    return {k: os.environ[k] for k in ("PYTHONPATH", "HAMYAR_TEST_CLOCK_OFFSET")
            if k in os.environ and os.environ.get("HAMYAR_TEST_CLOCK_OFFSET")}


class BotHarness:
    def __init__(self, sb: StandIn, db_url: str, *, outbox_limits: PaceLimits | None = None,
                 **overrides: Any) -> None:
        self.sb = sb
        # Telegram's limits with periods 20 times shorter: the pacing logic runs, fast.
        self.outbox_limits = outbox_limits or PaceLimits().scaled(20)
        self.db_url = db_url
        self.overrides = overrides
        self.app: Any = None
        self.db: Database | None = None
        self.processed: set[tuple[str, Any]] = set()
        self._cond = asyncio.Condition()

    def settings(self) -> Settings:
        values: dict[str, Any] = dict(
            bot_token=TOKEN,
            bot_api_base_url=self.sb.base_url,
            bot_api_file_url=self.sb.base_file_url,
            database_url=self.db_url,
            poll_timeout=1,
        )
        values.update(self.overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    def _on_processed(self, update: object) -> None:
        if isinstance(update, Update):
            if update.callback_query is not None:
                self.processed.add(("cbq", update.callback_query.id))
            elif update.effective_message is not None and update.effective_chat is not None:
                self.processed.add(
                    ("msg", update.effective_chat.id, update.effective_message.message_id)
                )
        asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        async with self._cond:
            self._cond.notify_all()

    async def wait_processed(self, key: tuple[str, Any], timeout: float = 10.0) -> None:  # noqa: ASYNC109
        async def wait() -> None:
            async with self._cond:
                while key not in self.processed:
                    await self._cond.wait()

        await asyncio.wait_for(wait(), timeout)

    async def start(self) -> None:
        settings = self.settings()
        self.db = Database(settings.database_url)
        await upgrade(self.db)
        self.app = build_application(settings, db=self.db, outbox_limits=self.outbox_limits)
        self.app.update_processor.on_processed = self._on_processed
        await self.app.initialize()
        await start_services(self.app)
        await self.app.start()
        await self.app.updater.start_polling(timeout=1, poll_interval=0)

    async def stop(self) -> None:
        if self.app is None:
            return
        if self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await stop_services(self.app)
        await self.app.shutdown()
        await self.db.dispose()
        self.app = None

    async def idle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Until the outbox holds nothing pending: whatever the bot queued for other chats
        before this call has been delivered (wait on this, not on a sleep, before asserting
        that something was *not* sent)."""
        assert self.db is not None
        for _ in range(int(timeout / 0.05)):
            async with self.db.session() as s:
                pending = await s.scalar(select(func.count()).select_from(OutboxMessage)
                                         .where(OutboxMessage.status == "pending"))
            if not pending:
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the outbox did not drain")

    @property
    def outbox(self) -> Any:
        return self.app.bot_data["services"].extras["outbox"]

    async def restart(self) -> None:
        """A graceful stop and a new Application over the same database."""
        await self.stop()
        await self.start()

    async def crash_and_restart(self) -> None:
        """As if the process died: no final persistence flush, then a fresh start."""
        app = self.app
        orig = app.persistence.update_conversation

        async def dropped(*_a: Any, **_k: Any) -> None:
            return None

        app.persistence.update_conversation = dropped  # what was not flushed is lost
        try:
            await self.stop()
        finally:
            app.persistence.update_conversation = orig
        await self.start()


class Person:
    """A user in a private chat with the bot."""

    def __init__(self, harness: BotHarness, user: dict) -> None:
        self.h = harness
        self.user = user
        self.id: int = user["id"]

    @property
    def sb(self) -> StandIn:
        return self.h.sb

    def _replies_after(self, message_id: int) -> list[Record]:
        return [r for r in self.sb.records(self.id) if r.from_bot and r.message_id > message_id]

    async def _after_message(self, msg: dict) -> list[Record]:
        await self.h.wait_processed(("msg", msg["chat"]["id"], msg["message_id"]))
        return self._replies_after(msg["message_id"])

    async def say(self, text: str) -> list[Record]:
        return await self._after_message(await self.sb.send_text(self.user, text))

    async def send(self, kind: str, *args: Any, **kwargs: Any) -> list[Record]:
        """send("photo", data), send("sticker"), send("voice", data, 3), send("contact", ...)."""
        msg = await getattr(self.sb, f"send_{kind}")(self.user, *args, **kwargs)
        if isinstance(msg, list):
            for m in msg:
                await self.h.wait_processed(("msg", m["chat"]["id"], m["message_id"]))
            return self._replies_after(msg[0]["message_id"])
        return await self._after_message(msg)

    async def tap(self, button: str, message: Record | dict | None = None) -> list[Record]:
        """Press a button: on `message`, or on the newest bot message that has it (inline),
        or on the reply keyboard currently shown."""
        if message is None:
            message = self.find_button(button)
        before = self.last_id()
        result = await self.sb.press(self.user, message, button)
        if "data" in result and "message" in result:  # a callback query
            await self.h.wait_processed(("cbq", result["id"]))
            return self._replies_after(before)
        return await self._after_message(result)

    async def forge(self, message: Record | dict, data: str) -> dict:
        before = self.last_id()
        q = await self.sb.press_callback(self.user, message, data)
        await self.h.wait_processed(("cbq", q["id"]))
        return {"query": q, "replies": self._replies_after(before)}

    def find_button(self, button: str) -> Record | None:
        for rec in reversed(self.sb.records(self.id)):
            if rec.from_bot and rec.reply_markup and button in rec.buttons:
                return rec
        return None

    def last_id(self) -> int:
        recs = self.sb.records(self.id, include_deleted=True)
        return recs[-1].message_id if recs else 0

    @property
    def last(self) -> Record:
        rec = self.sb.last_bot_message(self.id)
        assert rec is not None, "the bot has not written to this chat"
        return rec

    def keyboard(self) -> list[str]:
        kb = self.sb.current_keyboard(self.id) or {}
        return [b["text"] if isinstance(b, dict) else b for row in kb.get("keyboard", []) for b in row]

    def answers(self) -> list[str]:
        """Texts of callback answers (toasts and alerts) this person received."""
        return [a.get("text") or "" for a in self.sb.answered_callbacks
                if a.get("user_id") == self.id]


def fa(n: int) -> str:
    from bot import persian

    return persian.to_persian_digits(str(n))


class World:
    """A bot with a trainers' group, a catalogue channel, a manager, a trainer of Abhar (where
    the sellers made by listing_helpers.make_seller live) and a trainer of Tabriz district 3.
    Built by the `world` fixture in conftest.py."""

    def __init__(self, bot: BotHarness, group: dict, channel: dict,
                 manager: Person, trainer: Person, far_trainer: Person) -> None:
        self.bot, self.sb = bot, bot.sb
        self.group, self.channel = group, channel
        self.manager, self.trainer, self.far_trainer = manager, trainer, far_trainer

    async def person(self, name: str) -> Person:
        """A new user who has said /start."""
        p = Person(self.bot, await self.sb.create_user(name, language_code="fa"))
        await p.say("/start")
        return p

    def group_msgs(self) -> list[Record]:
        return [r for r in self.sb.records(self.group["id"]) if r.from_bot]

    def channel_msgs(self) -> list[Record]:
        return list(self.sb.records(self.channel["id"]))

    async def card(self, listing_id: int, round_: int = 1) -> Record:
        """Wait until the review card of this round is in the admin chat."""
        marker = f"محصول شمارهٔ {fa(listing_id)} برای بررسی (نوبت {fa(round_)})"
        card: Record = await self.sb.wait_until(
            lambda: next((r for r in self.group_msgs() if marker in (r.text or "")), None),
            timeout=10)
        return card

    async def press_in_group(self, who: Person, card: Record | dict, button: str) -> dict:
        q: dict = await self.sb.press(who.user, card, button)
        await self.bot.wait_processed(("cbq", q["id"]))
        return q

    async def idle(self) -> None:
        """Until the outbox has delivered everything due."""
        await self.bot.idle()


async def choose_english(p: Person) -> None:
    """The bot speaks Persian unless the person chooses English in the settings."""
    (menu,) = await p.say("/settings")
    await p.tap("English", menu)
