"""The stand-in's /control API as the web page uses it, and a person of the demo talking to the
bot through it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp


class DemoError(Exception):
    pass


# ---------------------------------------------------------------- the control API


class Sandbox:
    """The stand-in's /control API, as the web page uses it."""

    def __init__(self, http: aiohttp.ClientSession, url: str, timeout: float = 60.0) -> None:
        self.http = http
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.info: dict = {}

    async def _ok(self, resp: aiohttp.ClientResponse) -> Any:
        body = await resp.json()
        if resp.status != 200 or (isinstance(body, dict) and body.get("ok") is False):
            raise DemoError(f"{resp.url}: {resp.status} {body}")
        return body["result"] if isinstance(body, dict) and "result" in body else body

    async def get(self, path: str, **params: Any) -> Any:
        async with self.http.get(self.url + path, params=params) as resp:
            return await self._ok(resp)

    async def post(self, path: str, body: dict) -> Any:
        async with self.http.post(self.url + path, json=body) as resp:
            return await self._ok(resp)

    async def put(self, path: str, body: dict) -> Any:
        async with self.http.put(self.url + path, json=body) as resp:
            return await self._ok(resp)

    async def state(self) -> dict:
        self.info = await self.get("/control/state")
        return self.info

    async def messages(self, chat_id: int) -> list[dict]:
        return await self.get(f"/control/chats/{chat_id}/messages")

    async def media(self, user_id: int, kind: str, files: list[Path],
                    chat_id: int | None = None) -> list[dict]:
        form = aiohttp.FormData()
        form.add_field("user_id", str(user_id))
        form.add_field("kind", kind)
        if chat_id is not None:
            form.add_field("chat_id", str(chat_id))
        for f in files:
            form.add_field("file", f.read_bytes(), filename=f.name,
                           content_type="audio/ogg" if f.suffix == ".ogg" else "image/jpeg")
        async with self.http.post(self.url + "/control/media", data=form) as resp:
            return await self._ok(resp)

    async def wait(self, chat_id: int, check: Callable[[list[dict]], Any], what: str,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109
        """Until ``check(transcript)`` is truthy; long-polls the change log between looks."""
        deadline = time.monotonic() + (timeout or self.timeout)
        seq = 0
        while True:
            found = check(await self.messages(chat_id))
            if found:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                raise DemoError(f"waited in vain for {what} in chat {chat_id}; is the bot running?")
            changes = await self.get("/control/updates-since", seq=seq, timeout=min(left, 2.0))
            seq = changes["seq"]


def text_of(rec: dict) -> str:
    m = rec["message"]
    return m.get("text") or m.get("caption") or ""


def buttons_of(rec: dict) -> list[dict]:
    markup = rec["message"].get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def keyboard_of(rec: dict) -> list[str]:
    kb = rec.get("keyboard") or {}
    return [b["text"] if isinstance(b, dict) else b for row in kb.get("keyboard", []) for b in row]


class Actor:
    """A person of the sandbox talking to the bot in her private chat (or in a group)."""

    def __init__(self, sb: Sandbox, user: dict) -> None:
        self.sb = sb
        self.user = user
        self.id: int = user["id"]

    async def transcript(self, chat_id: int | None = None) -> list[dict]:
        return [r for r in await self.sb.messages(chat_id or self.id) if not r["deleted"]]

    async def last_id(self, chat_id: int | None = None) -> int:
        recs = await self.sb.messages(chat_id or self.id)
        return recs[-1]["message"]["message_id"] if recs else 0

    async def expect(self, needle: str, after: int, chat_id: int | None = None,
                     timeout: float | None = None) -> dict:  # noqa: ASYNC109
        """The first bot message newer than ``after`` whose text or buttons contain ``needle``."""
        def check(recs: list[dict]) -> dict | None:
            for r in recs:
                if (r["from_bot"] and not r["deleted"] and r["message"]["message_id"] > after
                        and (needle in text_of(r)
                             or any(needle in b["text"] for b in buttons_of(r))
                             or any(needle in b for b in keyboard_of(r)))):
                    return r
            return None

        return await self.sb.wait(chat_id or self.id, check, f"«{needle}»", timeout)

    async def say(self, text: str, then: str, chat_id: int | None = None) -> dict:
        msg = await self.sb.post("/control/send", {"user_id": self.id, "text": text,
                                                   "chat_id": chat_id})
        return await self.expect(then, msg["message_id"], chat_id)

    async def tap(self, label: str, then: str, chat_id: int | None = None,
                  exact: bool = True) -> dict:
        """Press ``label``: an inline button of the newest message that has it, or a button of
        the reply keyboard; then wait for ``then`` (in a new message, or the edited one).

        The button may not be there yet: a question answered by inline buttons is sent
        removing the reply keyboard, then given its buttons by an edit (handlers/common.py,
        ``ask_inline``), so the text the previous step waited for can come first. So wait for
        the button (none in time: the label is not the bot's any more), and while the newest
        message still awaits its buttons, do not settle for an older message's button of the
        same label (an earlier question's «⏭ بعدی»)."""
        chat = chat_id or self.id
        before = await self.last_id(chat)
        grace = time.monotonic() + 3.0

        def find(recs: list[dict]) -> tuple[str, dict] | None:
            recs = [r for r in recs if not r["deleted"]]
            newest = next((r for r in reversed(recs) if r["from_bot"]), None)
            awaits_buttons = (newest is not None and not buttons_of(newest)
                              and (newest.get("keyboard") or {}).get("remove_keyboard"))
            for rec in reversed(recs):
                for b in buttons_of(rec):
                    if ((b["text"] == label if exact else label in b["text"])
                            and "callback_data" in b):
                        if awaits_buttons and time.monotonic() < grace:
                            return None
                        return "inline", {"message_id": rec["message"]["message_id"],
                                          "data": b["callback_data"]}
            for rec in reversed(recs):
                if rec["from_bot"] and rec.get("keyboard"):
                    return ("keyboard", {}) if label in keyboard_of(rec) else None
            return None

        try:
            how, press = await self.sb.wait(chat, find, f"the button «{label}»")
        except DemoError:
            raise DemoError(f"{self.user['first_name']}: no button «{label}» in chat {chat}") \
                from None
        if how == "inline":
            await self.sb.post("/control/press", {"user_id": self.id, "chat_id": chat, **press})
            return await self.expect(then, press["message_id"] - 1, chat)
        await self.sb.post("/control/press", {"user_id": self.id, "button": label})
        return await self.expect(then, before, chat)
