"""Use cases: plain async functions over a session. No `telegram` imports, no commit."""
