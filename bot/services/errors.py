from __future__ import annotations


class InputError(Exception):
    """The user's answer cannot be accepted; `key` and `args` name the locale message that
    explains what was expected."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args
