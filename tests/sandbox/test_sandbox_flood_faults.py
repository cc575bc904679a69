"""Flood limits (429 with retry_after) and fault injection (5xx, latency, held requests).

The flood tests stop the limits' clock (the ``clock`` fixture): the buckets refill and the
windows slide only when a test moves it, so what they check does not depend on how long the
machine takes to make the calls. (On the wall clock, test_global_flood failed on a busy
machine: 31 calls taking over a third of a second refilled a token, and the 31st passed.)
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from sandbox import Faults, FloodLimits, StandIn


@pytest.fixture
async def user(sb: StandIn) -> dict:
    user = await sb.create_user("نرگس")
    await sb.send_text(user, "/start")
    return user


class StoppedClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(sb: StandIn) -> StoppedClock:
    """The flood limits' clock, standing still until the test moves it (``clock.now += s``)."""
    stopped = StoppedClock()
    sb._floodctl.clock = stopped
    return stopped


async def test_private_chat_flood(sb, api, user, clock) -> None:
    sb.flood = FloodLimits()
    statuses = []
    for i in range(8):
        status, body = await api("sendMessage", chat_id=user["id"], text=f"پیام {i}")
        statuses.append(status)
    assert statuses == [200] * 5 + [429] * 3  # a burst of five, then one a second
    assert body["error_code"] == 429 and body["parameters"]["retry_after"] >= 1
    assert body["description"] == f"Too Many Requests: retry after {body['parameters']['retry_after']}"
    # Reading methods are not limited.
    status, _ = await api("getChat", chat_id=user["id"])
    assert status == 200
    assert sb.requests[-2].status == 429


async def test_channel_flood(sb, api, clock) -> None:
    sb.flood = FloodLimits()
    channel = await sb.create_channel("کانال", username="hamyar_channel")
    results = [await api("sendMessage", chat_id=channel["id"], text="خبر") for _ in range(21)]
    assert [s for s, _ in results[:20]] == [200] * 20
    status, body = results[20]
    assert status == 429 and body["parameters"]["retry_after"] >= 1


async def test_global_flood(sb, api, clock) -> None:
    """Telegram's 30 a second for the whole bot, a burst of 30 (each chat's own limit set high
    here): the 31st send at once is refused, and the bucket refills at its rate."""
    sb.flood = FloodLimits(private_burst=100, private_rate=100)
    users = [await sb.create_user(f"u{i}") for i in range(2)]
    for u in users:
        await sb.send_text(u, "/start")

    async def send(i: int) -> tuple[int, dict]:
        return await api("sendMessage", chat_id=users[i % 2]["id"], text="x")

    results = [await send(i) for i in range(31)]
    assert [s for s, _ in results[:30]] == [200] * 30
    status, body = results[30]
    assert status == 429 and body["parameters"]["retry_after"] == 1
    clock.now += 1.5 / 30  # a token and a half back: one send, not two
    assert [(await send(i))[0] for i in range(2)] == [200, 429]
    clock.now += 1.0  # a quiet second refills the burst, no more than the burst
    statuses = [(await send(i))[0] for i in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


async def test_sliding_window_flood_limits(sb, api, clock) -> None:
    """Telegram's documented shape: at most N sends in any window, no burst, edits free."""
    sb.flood = FloodLimits(window=True, global_rate=30, global_per=0.5, private_rate=100)
    users = [await sb.create_user(f"w{i}") for i in range(2)]
    for u in users:
        await sb.send_text(u, "/start")
    statuses = [(await api("sendMessage", chat_id=users[i % 2]["id"], text="x"))[0]
                for i in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    status, body = await api("sendMessage", chat_id=users[0]["id"], text="x")
    assert status == 429 and body["parameters"]["retry_after"] == 1
    first = next(r for r in sb.records(users[0]["id"]) if r.from_bot)
    status, _ = await api("editMessageText", chat_id=users[0]["id"],
                          message_id=first.message_id, text="y")
    assert status == 200  # edits are not counted
    clock.now += 0.25  # half the window on: it still holds the 30 sends
    assert (await api("sendMessage", chat_id=users[1]["id"], text="x"))[0] == 429
    clock.now += 0.25  # the whole window on: sending works again
    assert (await api("sendMessage", chat_id=users[1]["id"], text="x"))[0] == 200
    sb.flood = FloodLimits(window=True, group_rate=2, group_per=60)
    channel = await sb.create_channel("کانال", username="hamyar_window")
    results = [(await api("sendMessage", chat_id="@hamyar_window", text="x"))[0] for _ in range(3)]
    assert results == [200, 200, 429] and channel["type"] == "channel"


async def test_disabled_flood_limits(sb, api, user) -> None:
    sb.flood = FloodLimits(enabled=False)
    for _ in range(40):
        status, _ = await api("sendMessage", chat_id=user["id"], text="x")
        assert status == 200


async def test_flood_limits_through_control_api(sb, api, user, clock) -> None:
    async with api.session.put(f"http://127.0.0.1:{sb.port}/control/flood",
                               json={"private_burst": 1}) as resp:
        assert resp.status == 200
    assert sb.flood.private_burst == 1 and sb.flood.enabled
    assert (await api("sendMessage", chat_id=user["id"], text="x"))[0] == 200
    assert (await api("sendMessage", chat_id=user["id"], text="x"))[0] == 429


async def test_fault_injection_502_rate(sb, api, user) -> None:
    sb.faults = Faults(error_rate=0.3, seed=7)
    statuses = [(await api("sendMessage", chat_id=user["id"], text="x"))[0] for _ in range(200)]
    errors = statuses.count(502)
    assert set(statuses) == {200, 502}
    assert 35 <= errors <= 85
    sb.faults = Faults(error_rate=0.3, seed=7)
    again = [(await api("sendMessage", chat_id=user["id"], text="x"))[0] for _ in range(200)]
    assert again == statuses  # deterministic for a seed
    status, body = await api("getMe")
    assert status in (200, 502)
    assert status == 200 or body["description"] == "Bad Gateway"


async def test_fault_injection_429_and_method_filter(sb, api, user) -> None:
    sb.faults = Faults(flood_rate=1.0, flood_retry_after=3, methods={"sendMessage"})
    status, body = await api("sendMessage", chat_id=user["id"], text="x")
    assert status == 429 and body["parameters"] == {"retry_after": 3}
    status, _ = await api("getMe")
    assert status == 200


async def test_latency_and_timeout(sb, api, user) -> None:
    sb.faults = Faults(latency_ms=(100, 150))
    started = time.monotonic()
    assert (await api("getMe"))[0] == 200
    assert time.monotonic() - started >= 0.1
    sb.faults = Faults(timeout=5, methods={"sendMessage"})
    with pytest.raises(asyncio.TimeoutError):
        await api.session.post(f"{sb.base_url}{api.token}/sendMessage",
                               data={"chat_id": user["id"], "text": "x"},
                               timeout=aiohttp.ClientTimeout(total=0.3))


async def test_control_http_surface(sb) -> None:
    root = f"http://127.0.0.1:{sb.port}/control"
    async with aiohttp.ClientSession() as s:
        async with s.post(f"{root}/users", json={"first_name": "Web"}) as r:
            user = (await r.json())["result"]
        async with s.post(f"{root}/send", json={"user_id": user["id"], "text": "/start"}) as r:
            assert (await r.json())["ok"]
        async with s.get(f"{root}/chats/{user['id']}/messages") as r:
            records = await r.json()
        assert records[0]["message"]["text"] == "/start" and not records[0]["from_bot"]
        async with s.get(f"{root}/updates-since", params={"seq": 0}) as r:
            body = await r.json()
        assert body["seq"] >= 2 and body["events"][-1]["type"] == "message"
        async with s.post(f"{root}/chats", json={"kind": "channel", "title": "C"}) as r:
            assert (await r.json())["result"]["type"] == "channel"
        async with s.post(f"{root}/press", json={"user_id": user["id"], "chat_id": user["id"],
                                                 "message_id": 1, "button": "nope"}) as r:
            assert r.status == 400
        async with s.get(f"{root}/state") as r:
            assert len((await r.json())["users"]) == 1
