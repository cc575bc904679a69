"""Run the demo: ``python -m sandbox.demo`` (see :mod:`sandbox.demo`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from urllib.parse import urlsplit

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
        if urlsplit(url).port != 0 and await _reachable(http, url):
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
            listening: asyncio.Future[str] = asyncio.get_running_loop().create_future()
            bot_task = asyncio.create_task(run(settings, stop, sandbox_url=listening))
            await asyncio.wait({bot_task, listening}, timeout=30,
                               return_when=asyncio.FIRST_COMPLETED)
            if bot_task.done():
                await bot_task
                return 1
            if not listening.done():
                print("The sandbox did not start in 30 s.", file=sys.stderr)
                stop.set()
                await bot_task
                return 1
            url = listening.result()  # the same, or the free port SANDBOX_PORT=0 stands for
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
