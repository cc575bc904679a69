"""Fixtures for the stand-in Bot API tests: a running StandIn, a PTB Bot and a raw client."""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

# `pytest` (not `python -m pytest`) may see tests/sandbox/ as a namespace package named
# "sandbox" before the editable install's finder; make the project's sandbox/ win.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
if getattr(sys.modules.get("sandbox"), "__file__", "x") is None:  # namespace package: drop it
    del sys.modules["sandbox"]

import aiohttp  # noqa: E402
import pytest  # noqa: E402
import telegram  # noqa: E402
from telegram import TelegramObject  # noqa: E402

from sandbox import FloodLimits, StandIn  # noqa: E402

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def assert_no_api_kwargs(obj: Any, path: str = "obj") -> None:
    """Every TelegramObject reachable from ``obj`` was built with an empty ``api_kwargs``."""
    if isinstance(obj, TelegramObject):
        assert obj.api_kwargs == {}, f"{path} ({type(obj).__name__}).api_kwargs = {obj.api_kwargs}"
        for name, value in obj._get_attrs(recursive=False).items():
            assert_no_api_kwargs(value, f"{path}.{name}")
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            assert_no_api_kwargs(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            assert_no_api_kwargs(item, f"{path}[{key!r}]")


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture
def no_api_kwargs() -> Callable[[Any], None]:
    return assert_no_api_kwargs


@pytest.fixture
async def sb() -> AsyncIterator[StandIn]:
    async with StandIn(bot_username="hamyar_bot", flood=FloodLimits(enabled=False)) as standin:
        yield standin


@pytest.fixture
async def bot(sb: StandIn) -> AsyncIterator[telegram.Bot]:
    b = telegram.Bot(TOKEN, base_url=sb.base_url, base_file_url=sb.base_file_url)
    await b.initialize()
    yield b
    await b.shutdown()


class RawApi:
    """Calls the stand-in over HTTP without PTB, returning (HTTP status, JSON body)."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, token: str = TOKEN):
        self.session, self.base_url, self.token = session, base_url, token

    async def __call__(self, method: str, _as: str = "form", **params: Any) -> tuple[int, dict]:
        url = f"{self.base_url}{self.token}/{method}"
        if _as == "json":
            kwargs: dict[str, Any] = {"json": params}
        else:
            kwargs = {"data": {k: v if isinstance(v, str) else json.dumps(v)
                               for k, v in params.items()}}
        async with self.session.post(url, **kwargs) as resp:
            return resp.status, await resp.json()


@pytest.fixture
async def api(sb: StandIn) -> AsyncIterator[RawApi]:
    async with aiohttp.ClientSession() as session:
        yield RawApi(session, sb.base_url)
