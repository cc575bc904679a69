"""Run the stand-in standalone: ``python -m sandbox --port 8081``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .server import StandIn
from .state import FloodLimits


async def _main(args: argparse.Namespace) -> None:
    flood = FloodLimits(enabled=not args.no_flood_limits)
    async with StandIn(bot_username=args.bot_username, flood=flood, host=args.host,
                       port=args.port) as sb:
        print(f"Bot API stand-in: base_url={sb.base_url} base_file_url={sb.base_file_url}",
              flush=True)
        print(f"Control API: http://{sb.host}:{sb.port}/control/state", flush=True)
        await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--bot-username", default="hamyar_bot")
    parser.add_argument("--no-flood-limits", action="store_true")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
