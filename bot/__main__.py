"""Entry point: `python -m bot [command]`, the same as the `hamyar` command (bot/cli.py):
run (default), migrate [--check], backup, restore FILE [--yes], copy-db --to URL."""

from __future__ import annotations

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
