"""Running Hamyar on a server: backups, migrations, health and metrics, logs, data copy.

Nothing here is imported by handlers or services; the entry point (bot/cli.py) and the
application's start-up call in.
"""
