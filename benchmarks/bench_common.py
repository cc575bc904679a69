"""What the benchmarks share: percentiles, the busiest window of sends, and the start of issue
13's scenarios (who takes part, the sellers' /start, the approval wave in the outbox), so that
`cpu_bench.py` (the bot as a process) and `send_budget_bench.py` (the Application in-process)
play the same scenarios."""

from __future__ import annotations

from typing import Any

WAVE = 50  # listings approved at once in S2: a channel post and a message to the seller each


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (linear between the two nearest values); NaN for no values."""
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def max_in_window(times: list[float], per: float = 1.0) -> int:
    """The most of `times` (seconds) inside any window of `per` seconds."""
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - per:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def scenario_people(sb: Any, name: str, prefix: str,
                          timeout: float) -> tuple[list[dict], list[dict]]:  # noqa: ASYNC109
    """The users of scenario `name` (S1: 200, S2: 100) and, in S2, the `WAVE` sellers, each
    of whom has sent /start and had her answer (so the wave's messages reach a known chat)."""
    n_users = 200 if name == "S1" else 100
    users = [await sb.create_user(f"{prefix}{i}", language_code="fa") for i in range(n_users)]
    sellers: list[dict] = []
    if name == "S2":
        sellers = [await sb.create_user(f"فروشنده{i}", language_code="fa") for i in range(WAVE)]
        for s in sellers:
            await sb.send_text(s, "/start")
        await sb.wait_until(lambda: all(sb.last_bot_message(s["id"]) for s in sellers),
                            timeout=timeout)
    return users, sellers


async def enqueue_wave(db: Any, channel_id: int, sellers: list[dict]) -> None:
    """The approval wave as moderation writes it: per listing, a post in the catalogue
    channel and a message to its seller, both through the outbox."""
    from bot import outbox

    async with db.session() as s:
        for i, seller in enumerate(sellers):
            await outbox.enqueue(s, channel_id, "sendMessage",
                                 {"text": f"آگهی {i}: محصول دست‌ساز"})
            await outbox.enqueue(s, seller["id"], "sendMessage",
                                 {"text": f"آگهی {i} شما منتشر شد."})
