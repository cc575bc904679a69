"""The user side of the stand-in, as Python methods for tests: people and chats, the messages
users send, the buttons they press, and reads of what the bot answered.

Its HTTP face is in :mod:`sandbox.control_http` (the JSON endpoints /control/...) and the web chat
page's in :mod:`sandbox.webchat`; :class:`ControlMixin` gathers the three for the server.
"""

from __future__ import annotations

import asyncio
import base64
import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .control_http import ControlRoutesMixin
from .objects import command_entities, media_obj, now, user_obj
from .state import ChatState, Record, UserState
from .webchat import WebChatMixin

if TYPE_CHECKING:
    from .server import StandIn

    _Base = StandIn
else:
    _Base = object

# A valid 1x1 PNG, the default picture a user sends.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
UserRef = dict | int
MessageRef = dict | Record | int


class ControlMixin(ControlRoutesMixin, WebChatMixin, _Base):
    # ------------------------------------------------------------------ users and chats

    def _user(self, user: UserRef) -> UserState:
        uid = user["id"] if isinstance(user, dict) else int(user)
        if uid not in self.users:
            raise KeyError(f"no such user {uid}")
        return self.users[uid]

    async def create_user(self, first_name: str, last_name: str | None = None,
                          username: str | None = None, language_code: str | None = "fa",
                          user_id: int | None = None) -> dict:
        if user_id is None:
            while self._next_user_id in self.users:
                self._next_user_id += 1
            user_id = self._next_user_id
            self._next_user_id += 1
        user = user_obj(user_id, first_name, last_name, username, language_code)
        self.users[user_id] = UserState(user=user)
        await self._changed({"type": "user", "user_id": user_id})
        return user

    async def create_group(self, title: str, member_ids: list[UserRef] = (),  # type: ignore[assignment]
                           admins: list[UserRef] = (),  # type: ignore[assignment]
                           kind: str = "supergroup", username: str | None = None,
                           bot_is_admin: bool = False) -> dict:
        if kind not in ("group", "supergroup"):
            raise ValueError("kind must be 'group' or 'supergroup'")
        n = self._next_group_id
        self._next_group_id += 1
        chat_id = -(1001000000000 + n) if kind == "supergroup" else -(4000000000 + n)
        chat: dict[str, Any] = {"id": chat_id, "type": kind, "title": title}
        if username and kind == "supergroup":
            chat["username"] = username
        ids = [self._user(u).user["id"] for u in member_ids]
        admin_ids = [self._user(u).user["id"] for u in admins]
        self.chats[chat_id] = ChatState(chat=chat, members=set(ids) | set(admin_ids),
                                        admins=set(admin_ids), bot_is_admin=bot_is_admin)
        await self._changed({"type": "chat", "chat_id": chat_id})
        return dict(chat)

    async def create_channel(self, title: str, username: str | None = None,
                             bot_is_admin: bool = True) -> dict:
        n = self._next_group_id
        self._next_group_id += 1
        chat_id = -(1002000000000 + n)
        chat: dict[str, Any] = {"id": chat_id, "type": "channel", "title": title}
        if username:
            chat["username"] = username
        self.chats[chat_id] = ChatState(chat=chat, bot_is_admin=bot_is_admin)
        await self._changed({"type": "chat", "chat_id": chat_id})
        return dict(chat)

    async def block_bot(self, user: UserRef) -> None:
        self._user(user).blocked = True
        await self._changed({"type": "block", "user_id": self._user(user).user["id"]})

    async def unblock_bot(self, user: UserRef) -> None:
        self._user(user).blocked = False
        await self._changed({"type": "unblock", "user_id": self._user(user).user["id"]})

    # ------------------------------------------------------------------ user messages

    def _record(self, message: MessageRef, chat_id: int | None = None,
                include_deleted: bool = True) -> Record:
        if isinstance(message, Record):
            chat_id, mid = message.chat_id, message.message_id
        elif isinstance(message, dict):
            chat_id, mid = message["chat"]["id"], message["message_id"]
        else:
            mid = int(message)
        cs = self.chats.get(chat_id) if chat_id is not None else None
        rec = cs.find(mid, include_deleted=include_deleted) if cs else None
        if rec is None:
            raise KeyError(f"no message {mid} in chat {chat_id}")
        return rec

    async def _user_message(self, user: UserRef, content: dict, chat_id: int | None = None,
                            reply_to: MessageRef | None = None) -> dict:
        us = self._user(user)
        uid = us.user["id"]
        if chat_id is None or chat_id == uid:
            cs = self._private_chat(us)
            us.started = True
            us.blocked = False  # writing to a blocked bot means pressing "Restart" first
        else:
            cs = self.chats[chat_id]
            if cs.type == "channel" or uid not in cs.members:
                raise ValueError(f"user {uid} is not a member of chat {chat_id}")
        msg: dict[str, Any] = {"message_id": self._new_message_id(cs), "from": dict(us.user),
                               "date": now(), "chat": dict(cs.chat)}
        if reply_to is not None:
            reply = copy.deepcopy(self._record(reply_to, cs.id).message)
            reply.pop("reply_to_message", None)
            msg["reply_to_message"] = reply
        msg.update({k: v for k, v in content.items() if v not in (None, [], "")})
        rec = self._add_record(cs, msg, False, uid)
        self._push_update("message", copy.deepcopy(msg))
        await self._changed({"type": "message", "chat_id": cs.id, "message_id": rec.message_id})
        return msg

    async def send_text(self, user: UserRef, text: str, chat_id: int | None = None,
                        reply_to: MessageRef | None = None) -> dict:
        return await self._user_message(
            user, {"text": text, "entities": command_entities(text)}, chat_id, reply_to)

    async def _send_file(self, user: UserRef, kind: str, data: bytes, content: dict | None = None,
                         file_name: str | None = None, mime_type: str | None = None,
                         extra: dict | None = None, chat_id: int | None = None) -> dict:
        fr = self.files.add(kind, data, file_name, mime_type)
        body = {kind: media_obj(fr, kind, extra), **(content or {})}
        return await self._user_message(user, body, chat_id)

    async def send_photo(self, user: UserRef, data: bytes | None = None, caption: str | None = None,
                         media_group_id: str | None = None, chat_id: int | None = None) -> dict:
        return await self._send_file(
            user, "photo", data if data is not None else TINY_PNG,
            {"caption": caption, "media_group_id": media_group_id}, mime_type="image/jpeg",
            chat_id=chat_id)

    async def send_album(self, user: UserRef, photos: list[bytes], caption: str | None = None,
                         chat_id: int | None = None) -> list[dict]:
        group_id = f"{14000000000000000 + len(self.events)}"
        return [await self.send_photo(user, data, caption if i == 0 else None, group_id, chat_id)
                for i, data in enumerate(photos)]

    async def send_document(self, user: UserRef, data: bytes, file_name: str,
                            mime_type: str = "application/octet-stream",
                            caption: str | None = None, chat_id: int | None = None) -> dict:
        return await self._send_file(user, "document", data, {"caption": caption}, file_name,
                                     mime_type, chat_id=chat_id)

    async def send_voice(self, user: UserRef, data: bytes = b"OggS", duration: int = 1,
                         chat_id: int | None = None) -> dict:
        return await self._send_file(user, "voice", data, mime_type="audio/ogg",
                                     extra={"duration": duration}, chat_id=chat_id)

    async def send_sticker(self, user: UserRef, emoji: str = "🙂",
                           chat_id: int | None = None) -> dict:
        return await self._send_file(user, "sticker", b"RIFF", mime_type="image/webp",
                                     extra={"emoji": emoji}, chat_id=chat_id)

    async def send_contact(self, user: UserRef, phone_number: str, first_name: str,
                           user_id: int | None = None, last_name: str | None = None,
                           chat_id: int | None = None) -> dict:
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        if user_id is not None:
            contact["user_id"] = user_id
        return await self._user_message(user, {"contact": contact}, chat_id)

    async def send_location(self, user: UserRef, lat: float, lon: float,
                            chat_id: int | None = None) -> dict:
        return await self._user_message(
            user, {"location": {"latitude": float(lat), "longitude": float(lon)}}, chat_id)

    # ------------------------------------------------------------------ buttons

    def current_keyboard(self, chat_id: int) -> dict | None:
        """The reply keyboard the bot last set in a chat (None once removed)."""
        cs = self.chats.get(chat_id)
        for rec in reversed(cs.records if cs else []):
            if rec.from_bot and rec.keyboard and "force_reply" not in rec.keyboard:
                return rec.keyboard if "keyboard" in rec.keyboard else None
        return None

    async def press(self, user: UserRef, message: MessageRef | None, button: str) -> dict:
        """Press a button by its text (or callback_data) on the message's current keyboard.

        Inline button → a callback_query update (returns the CallbackQuery dict). Reply keyboard
        button → a message from the user (returns the Message dict). ``message=None`` presses the
        reply keyboard currently shown in the user's private chat.
        """
        us = self._user(user)
        rec = self._record(message, include_deleted=False) if message is not None else None
        markup = (rec.message.get("reply_markup") if rec else None) or {}
        for row in markup.get("inline_keyboard", []):
            for b in row:
                if button in (b["text"], b.get("callback_data")):
                    if "callback_data" not in b:
                        raise ValueError(f"button {button!r} has no callback_data: {b}")
                    return await self.press_callback(user, rec, b["callback_data"])
        chat_id = rec.chat_id if rec else us.user["id"]
        keyboard = (rec.keyboard if rec and rec.keyboard and "keyboard" in rec.keyboard
                    else self.current_keyboard(chat_id))
        for row in (keyboard or {}).get("keyboard", []):
            for b in row:
                b = {"text": b} if isinstance(b, str) else b
                if b["text"] != button:
                    continue
                target = None if chat_id == us.user["id"] else chat_id
                if b.get("request_contact"):
                    phone = us.phone_number or f"98912{us.user['id'] % 10000000:07d}"
                    return await self.send_contact(user, phone, us.user["first_name"],
                                                   user_id=us.user["id"],
                                                   last_name=us.user.get("last_name"),
                                                   chat_id=target)
                if b.get("request_location"):
                    return await self.send_location(user, 35.6892, 51.3890, chat_id=target)
                return await self.send_text(user, b["text"], chat_id=target)
        raise ValueError(f"no button {button!r}; buttons: {rec.buttons if rec else keyboard}")

    async def press_callback(self, user: UserRef, message: MessageRef, data: str) -> dict:
        """Forge a callback query with arbitrary data on a message (old ones too)."""
        us = self._user(user)
        rec = self._record(message, include_deleted=False)
        query = {
            "id": f"{us.user['id'] * 1000 + self._next_callback_id}",
            "from": dict(us.user),
            "message": copy.deepcopy(rec.message),
            "chat_instance": f"{abs(rec.chat_id) * 7919 % 10**18}",
            "data": data,
        }
        self._next_callback_id += 1
        self.callback_queries[query["id"]] = query
        self._push_update("callback_query", copy.deepcopy(query))
        await self._changed({"type": "callback_query", "chat_id": rec.chat_id,
                             "message_id": rec.message_id, "callback_query_id": query["id"]})
        return query

    # ------------------------------------------------------------------ reads

    def records(self, chat_id: int, include_deleted: bool = False) -> list[Record]:
        cs = self.chats.get(chat_id)
        return [r for r in (cs.records if cs else []) if include_deleted or not r.deleted]

    def messages(self, chat_id: int, include_deleted: bool = False) -> list[dict]:
        return [r.message for r in self.records(chat_id, include_deleted)]

    def last_bot_message(self, chat_id: int) -> Record | None:
        return next((r for r in reversed(self.records(chat_id)) if r.from_bot), None)

    def updates(self) -> list[dict]:
        """Updates produced and not yet confirmed by the bot."""
        return [u for q in self._updates.values() for u in q]

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:  # noqa: ASYNC109
        async def wait() -> Any:
            async with self._cond:
                while not (value := predicate()):
                    await self._cond.wait()
                return value

        return await asyncio.wait_for(wait(), timeout)

    async def wait_for_bot_message(self, chat_id: int,
                                   predicate: Callable[[Record], Any] | None = None,
                                   timeout: float = 5.0,  # noqa: ASYNC109
                                   after: MessageRef | None = None) -> Record:
        """The first bot message in the chat newer than ``after`` that matches ``predicate``.

        ``after`` defaults to the chat's latest message from a user at call time, so the
        usual "send_text then wait for the answer" sees an answer that already arrived.
        """
        if after is None:
            users = [r.message_id for r in self.records(chat_id, True) if not r.from_bot]
            cutoff = users[-1] if users else 0
        elif isinstance(after, int):
            cutoff = after
        else:
            cutoff = self._record(after).message_id

        def find() -> Record | None:
            for rec in self.records(chat_id):
                if rec.from_bot and rec.message_id > cutoff and (predicate is None or predicate(rec)):
                    return rec
            return None

        try:
            return await self.wait_until(find, timeout)
        except TimeoutError:
            transcript = "\n".join(
                f"  {'bot ' if r.from_bot else 'user'} #{r.message_id}: {r.text!r} {r.buttons}"
                for r in self.records(chat_id, True))
            raise TimeoutError(
                f"no bot message in chat {chat_id} after #{cutoff} within {timeout}s;"
                f" transcript:\n{transcript}") from None
