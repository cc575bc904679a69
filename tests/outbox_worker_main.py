"""An outbox worker in its own process, for the crash test (tests/test_outbox.py).

    python tests/outbox_worker_main.py BASE_URL FILE_URL DATABASE_URL TOKEN SCALE

Prints "ready" once the start-up recovery is done; SIGTERM stops it gracefully, SIGKILL is the
crash under test.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.db import Database
from bot.outbox.budget import PaceLimits
from bot.outbox.worker import OutboxWorker, make_bot


async def main() -> None:
    base_url, file_url, db_url, token, scale = sys.argv[1:6]
    db = Database(db_url)
    worker = OutboxWorker(
        make_bot(token, base_url, file_url), db, limits=PaceLimits().scaled(float(scale)),
        backoff_base=0.05, backoff_cap=0.5, poll_interval=0.2, owns_bot=True,
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await worker.start()
    await worker.wait_ready(30)
    print("ready", flush=True)
    await stop.wait()
    await worker.stop()
    await db.dispose()
    print(f"stats {dict(worker.stats)}", flush=True)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(main())
