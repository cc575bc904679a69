"""The travelled clock in the Python subprocesses the tests start (the bot, an outbox worker).

When HAMYAR_TEST_NOW is set, tests/conftest.py puts this folder on PYTHONPATH and the clock's
offset from the real time in HAMYAR_TEST_CLOCK_OFFSET (seconds); Python imports this module at
start-up, so a child process reads the same wall clock as the tests (timestamps it writes to
the database agree with the test process's).
"""

from __future__ import annotations

import os

_offset = os.environ.get("HAMYAR_TEST_CLOCK_OFFSET")
if _offset:
    import time

    import time_machine

    time_machine.travel(time.time() + float(_offset), tick=True).start()
