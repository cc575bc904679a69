"""Run the demo: ``python -m sandbox.demo`` (see :mod:`sandbox.demo`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys

import aiohttp

from .client import DemoError, Sandbox
from .steps import load


async def _reachable(http: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with http.get(url + "/control/state", timeout=aiohttp.ClientTimeout(total=2)) as r:
            return r.status == 200
    except (aiohttp.ClientError, TimeoutError, OSError):
        return False


async def main_async(url: str) -> int:
    async with aiohttp.ClientSession() as http:
        stop: asyncio.Event | None = None
        bot_task: asyncio.Task[None] | None = None
        if await _reachable(http, url):
            print(f"The sandbox is running at {url}: loading the demo into it.", flush=True)
        else:
            from bot.config import load_settings
            from bot.runner import _setup_logging, run

            settings = load_settings()
            if not settings.sandbox_mode:
                print("BOT_TOKEN is set: the demo is only for the local sandbox.", file=sys.stderr)
                return 2
            _setup_logging("WARNING")
            print("Starting the bot and the sandbox for the demo…", flush=True)
            stop = asyncio.Event()
            bot_task = asyncio.create_task(run(settings, stop))
            for _ in range(150):
                if bot_task.done() or await _reachable(http, url):
                    break
                await asyncio.sleep(0.2)
            if bot_task.done():
                await bot_task
                return 1
        sb = Sandbox(http, url)
        try:
            if await load(sb):
                print(f"Done. Open {url}/ and pick a person.", flush=True)
            else:
                print("The demo is already in the sandbox (to start again: make sandbox-reset).",
                      flush=True)
            return 0
        except DemoError as err:
            print(f"Demo failed: {err}", file=sys.stderr)
            return 1
        finally:
            if stop is not None and bot_task is not None:
                await asyncio.sleep(1.0)  # the outbox's last deliveries
                stop.set()
                with contextlib.suppress(Exception):
                    await bot_task


def main(argv: list[str] | None = None) -> int:
    port = os.environ.get("SANDBOX_PORT", "8081")
    parser = argparse.ArgumentParser(prog="python -m sandbox.demo",
                                     description="Fill the sandbox with a demo catalogue.")
    parser.add_argument("--url", default=f"http://127.0.0.1:{port}",
                        help="the sandbox (default: %(default)s); started here if not running")
    args = parser.parse_args(argv)
    try:
        return asyncio.run(main_async(args.url.rstrip("/")))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
