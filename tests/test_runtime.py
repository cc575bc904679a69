"""The process as operators run it: `python -m bot` against any Bot API server, a hard kill
in the middle of a conversation, concurrency across chats, order within a chat, errors."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from harness import BotHarness, Person, choose_english

from sandbox.state import Faults, FloodLimits

ROOT = Path(__file__).resolve().parent.parent


async def _spawn_bot(standin, db_url: str, tmp_path: Path) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "BOT_TOKEN": "424242:subprocess-test-token",
        "BOT_API_BASE_URL": standin.base_url,
        "BOT_API_FILE_URL": standin.base_file_url,
        "DATABASE_URL": db_url,
        "POLL_TIMEOUT": "1",
        "LOG_LEVEL": "WARNING",
        "HEALTH_PORT": "0",  # no /healthz: the port may be taken on a shared machine
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def _reply(standin, user, text: str, expect: str, timeout: float = 30.0):  # noqa: ASYNC109
    msg = await standin.send_text(user, text)
    return await standin.wait_for_bot_message(
        user["id"], lambda r: expect in (r.text or ""), timeout=timeout, after=msg["message_id"]
    )


async def test_python_m_bot_answers_start_in_persian_and_survives_sigkill(
    standin, db_url: str, tmp_path: Path
) -> None:
    user = await standin.create_user("فاطمه", language_code="fa")
    proc = await _spawn_bot(standin, db_url, tmp_path)
    try:
        await _reply(standin, user, "/start", "به «همیار» خوش آمدید")
        await _reply(standin, user, "/register", "سؤال ۱ از ۷")
        await _reply(standin, user, "فاطمه احمدی", "سؤال ۲ از ۷")
        await _reply(standin, user, "۰۹۱۲۱۲۳۴۵۶۷", "سؤال ۳ از ۷")
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    proc = await _spawn_bot(standin, db_url, tmp_path)
    try:
        # the same step resumes after the hard kill: a typed city answers the province
        # question and skips the city question
        q = await _reply(standin, user, "ابهر", "از ۷")
        assert "سؤال ۵ از ۷" in q.text
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err


async def test_chats_are_handled_concurrently_and_each_chat_in_order(bot, person) -> None:
    """With every Bot API call taking 200 ms, ten users starting at once are answered in
    about the time of one, and one user's quick messages are answered in order."""
    people = [await person(f"کاربر {i}") for i in range(10)]
    bot.sb.faults = Faults(latency_ms=200)
    t0 = time.monotonic()
    await asyncio.gather(*(p.say("/start") for p in people))
    elapsed = time.monotonic() - t0
    assert elapsed < 1.5, f"10 chats took {elapsed:.2f}s: are updates processed one by one?"

    # one chat's quick answers, each a step of registration: in order or the flow breaks
    p = people[0]
    await p.say("/register")
    answers = ["مریم رضایی", "09121234567", "ابهر", "۲"]
    msgs = [await bot.sb.send_text(p.user, a) for a in answers]
    for m in msgs:
        await bot.wait_processed(("msg", p.id, m["message_id"]))
    replies = [r.text for r in bot.sb.records(p.id)
               if r.from_bot and r.message_id > msgs[0]["message_id"]]
    assert [t.split("\n")[0] for t in replies] == [
        "سؤال ۲ از ۷", "سؤال ۳ از ۷", "سؤال ۵ از ۷", "سؤال ۶ از ۷"]


async def test_bot_waits_out_flood_limits_instead_of_losing_replies(bot, person) -> None:
    p = await person()
    await p.say("/start")
    bot.sb.flood = FloodLimits(private_rate=1, private_per=1, private_burst=2)
    msgs = [await bot.sb.send_text(p.user, f"سلام {i}") for i in range(4)]
    for m in msgs:
        await bot.wait_processed(("msg", p.id, m["message_id"]), timeout=20)
    replies = [r for r in bot.sb.records(p.id) if r.from_bot and r.message_id > msgs[0]["message_id"]]
    assert len(replies) == 4
    assert any(r.status == 429 for r in bot.sb.requests), "the flood limit never bit"


@pytest.fixture
async def admin_group(standin):
    trainer = await standin.create_user("مربی", language_code="fa")
    return await standin.create_group("مربیان همیار", [trainer["id"]], admins=[trainer["id"]])


async def test_error_is_answered_in_users_language_and_reported_to_admins(
    standin, db_url, admin_group, monkeypatch
) -> None:
    from bot.services import registration

    harness = BotHarness(standin, db_url, admin_chat_id=admin_group["id"])
    await harness.start()
    try:
        def boom(text: str) -> str:
            raise RuntimeError("database exploded: secret-internal-detail")

        monkeypatch.setattr(registration, "validate_name", boom)
        fa = Person(harness, await standin.create_user("مریم", language_code="fa"))
        en = Person(harness, await standin.create_user("Sara", language_code="en"))
        await choose_english(en)
        for p in (fa, en):
            await p.say("/register")
        (err_fa,) = await fa.say("مریم")
        (err_en,) = await en.say("Sara")
        assert err_fa.text.startswith("متأسفیم، مشکلی پیش آمد")
        assert err_en.text.startswith("Sorry, something went wrong")
        for r in (err_fa, err_en):
            assert "secret-internal-detail" not in r.text and "Traceback" not in r.text
        reports = [r for r in standin.records(admin_group["id"]) if r.from_bot]
        assert len(reports) == 1, "reported once a minute per kind, not once per error"
        assert "RuntimeError" in reports[0].text
        # the step was not lost: fixed, the same answer goes through
        monkeypatch.undo()
        (q,) = await fa.say("مریم")
        assert "سؤال ۲ از ۷" in q.text
    finally:
        await harness.stop()
