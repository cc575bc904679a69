"""The user side of the stand-in: Python methods for tests and thin JSON endpoints /control/..."""

from __future__ import annotations

import asyncio
import base64
import copy
import dataclasses
import json
import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .objects import command_entities, media_obj, now, user_obj
from .state import ChatState, Faults, FloodLimits, Record, UserState

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

WEB_DIR = Path(__file__).resolve().parent / "web"
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
ROLES = ("seller", "buyer", "trainer")
ADMIN_GROUP_TITLE = "مربیان همیار"
CATALOGUE_TITLE = "کاتالوگ همیار"
CATALOGUE_USERNAME = "hamyar_catalogue"
_CONTENT_TYPES = {
    ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
    ".woff2": "font/woff2", ".txt": "text/plain", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".png": "image/png", ".svg": "image/svg+xml", ".ogg": "audio/ogg", ".wav": "audio/wav",
}
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def normalize_phone(phone: str) -> str:
    """A phone as Telegram shares it: international digits without "+" (0912… → 98912…)."""
    digits = re.sub(r"\D", "", str(phone).translate(_DIGITS))
    if digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "98" + digits[1:]
    if not 7 <= len(digits) <= 15:
        raise ValueError(f"not a phone number: {phone!r}")
    return digits


def ogg_duration(data: bytes) -> int | None:
    """Seconds of an OGG/Opus (or Vorbis) file from its last page's granule position."""
    at = data.rfind(b"OggS")
    if at < 0 or len(data) < at + 14:
        return None
    granule = struct.unpack_from("<q", data, at + 6)[0]
    rate = 48000 if b"OpusHead" in data[:200] else None
    if rate is None and (v := data.find(b"\x01vorbis")) >= 0 and len(data) >= v + 16:
        rate = struct.unpack_from("<I", data, v + 12)[0]
    return max(1, round(granule / rate)) if rate and granule > 0 else None


class ControlMixin(_Base):
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

    # ------------------------------------------------------------------ the web page's people

    @property
    def admin_chat_id(self) -> int | None:
        """The trainers' group made by ``setup_chats`` (ADMIN_CHAT_ID for the bot)."""
        return self.sandbox_chats.get("admin")

    @property
    def catalogue_channel_id(self) -> int | None:
        """The catalogue channel made by ``setup_chats`` (CATALOGUE_CHANNEL_ID for the bot)."""
        return self.sandbox_chats.get("catalogue")

    async def ensure_sandbox_chats(self) -> dict[str, int]:
        """The trainers' group «مربیان همیار» and the channel «کاتالوگ همیار» (@hamyar_catalogue),
        with the bot as administrator; created once, kept in the saved state."""
        if self.sandbox_chats.get("admin") not in self.chats:
            trainers = [uid for uid, role in self.roles.items() if role == "trainer"]
            chat = await self.create_group(ADMIN_GROUP_TITLE, trainers, bot_is_admin=True)
            self.sandbox_chats["admin"] = chat["id"]
        if self.sandbox_chats.get("catalogue") not in self.chats:
            chat = await self.create_channel(CATALOGUE_TITLE, CATALOGUE_USERNAME, bot_is_admin=True)
            self.sandbox_chats["catalogue"] = chat["id"]
        return dict(self.sandbox_chats)

    async def create_person(self, first_name: str, role: str = "seller",
                            last_name: str | None = None, phone: str | None = None,
                            language_code: str | None = "fa") -> dict:
        """A user for the web page, labelled with a role; trainers join the trainers' group."""
        first_name = (first_name or "").strip()
        if not first_name:
            raise ValueError("first_name is required")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        user = await self.create_user(first_name[:64], (last_name or "").strip()[:64] or None,
                                      language_code=language_code)
        uid = user["id"]
        self.roles[uid] = role
        if phone:
            self.users[uid].phone_number = normalize_phone(phone)
        group = self.chats.get(self.admin_chat_id) if self.admin_chat_id is not None else None
        if role == "trainer" and group is not None:
            group.members.add(uid)
            # Telegram tells the group (and the bot in it) with a service message.
            await self._user_message(uid, {"new_chat_members": [dict(user)]}, group.id)
        await self._changed({"type": "person", "user_id": uid})
        return {"user": user, "role": role, "phone_number": self.users[uid].phone_number}

    async def set_phone(self, user: UserRef, phone: str) -> str:
        us = self._user(user)
        us.phone_number = normalize_phone(phone)
        await self._changed({"type": "user", "user_id": us.user["id"]})
        return us.phone_number

    async def share_contact(self, user: UserRef, chat_id: int | None = None) -> dict:
        """The user shares their own contact, as Telegram's "share my phone number" does."""
        us = self._user(user)
        if not us.phone_number:
            raise ValueError("the person has no phone number yet")
        return await self.send_contact(user, us.phone_number, us.user["first_name"],
                                       user_id=us.user["id"], last_name=us.user.get("last_name"),
                                       chat_id=chat_id)

    async def send_files(self, user: UserRef, kind: str, files: list[tuple[bytes, str | None, str | None]],
                         caption: str | None = None, chat_id: int | None = None,
                         duration: int | None = None) -> list[dict]:
        """Photos (several: an album of up to 10 each), a voice note or documents as the user."""
        if kind not in ("photo", "voice", "document", "audio"):
            raise ValueError("kind must be photo, voice, document or audio")
        if not files:
            raise ValueError("no file")
        out = []
        for start in range(0, len(files), 10):
            chunk = files[start:start + 10]
            group_id = (f"{14000000000000000 + len(self.events)}"
                        if kind in ("photo", "document") and len(chunk) > 1 else None)
            for i, (data, name, mime) in enumerate(chunk):
                content: dict[str, Any] = {"media_group_id": group_id}
                if caption and start == 0 and i == 0:
                    content["caption"] = caption
                extra = None
                if kind in ("voice", "audio"):
                    extra = {"duration": duration or ogg_duration(data) or 1}
                mime = mime or {"photo": "image/jpeg", "voice": "audio/ogg"}.get(kind)
                out.append(await self._send_file(user, kind, data, content, name, mime,
                                                 extra=extra, chat_id=chat_id))
        return out

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

    # ------------------------------------------------------------------ HTTP /control

    def add_control_routes(self, app: web.Application) -> None:
        r = app.router
        r.add_get("/control/state", self._c_state)
        r.add_post("/control/users", self._c_users)
        r.add_post("/control/chats", self._c_chats)
        r.add_post("/control/send", self._c_send)
        r.add_post("/control/press", self._c_press)
        r.add_post("/control/block", self._c_block)
        r.add_get("/control/chats/{chat_id}/messages", self._c_messages)
        r.add_get("/control/updates-since", self._c_updates_since)
        r.add_get("/control/requests", self._c_requests)
        r.add_put("/control/flood", self._c_flood)
        r.add_put("/control/faults", self._c_faults)
        # used by the web page (sandbox/web/)
        r.add_post("/control/people", self._c_people)
        r.add_post("/control/phone", self._c_phone)
        r.add_post("/control/contact", self._c_contact)
        r.add_post("/control/media", self._c_media)
        r.add_get("/control/files/{file_id}", self._c_file)
        r.add_get("/control/callback-answers", self._c_callback_answers)

    def add_web_routes(self, app: web.Application) -> None:
        """The web chat page at / and its assets (/web/...), the sample files (/samples/...)."""
        app.router.add_get("/", self._w_index)
        app.router.add_get("/web/{name:.+}", self._w_asset)
        app.router.add_get("/samples/{name:.+}", self._w_sample)

    @staticmethod
    def _static(base: Path, name: str, cache: str) -> web.StreamResponse:
        path = (base / name).resolve()
        if not path.is_relative_to(base) or not path.is_file() or path.name.startswith("."):
            raise web.HTTPNotFound()
        ctype = _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return web.FileResponse(path, headers={"Content-Type": ctype, "Cache-Control": cache})

    async def _w_index(self, request: web.Request) -> web.StreamResponse:
        return self._static(WEB_DIR, "index.html", "no-cache")

    async def _w_asset(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        return self._static(WEB_DIR, name, "max-age=86400" if name.startswith("fonts/")
                            else "no-cache")

    async def _w_sample(self, request: web.Request) -> web.StreamResponse:
        return self._static(SAMPLES_DIR, request.match_info["name"], "no-cache")

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return web.json_response(data, status=status,
                                 dumps=lambda o: json.dumps(o, ensure_ascii=False, default=str))

    @staticmethod
    async def _body(request: web.Request) -> dict:
        try:
            body = await request.json() if request.can_read_body else {}
        except ValueError:
            raise web.HTTPBadRequest(text="body must be JSON") from None
        return body if isinstance(body, dict) else {}

    async def _guard(self, coro: Any) -> web.Response:
        try:
            return self._json({"ok": True, "result": await coro})
        except (KeyError, ValueError, TypeError) as err:
            return self._json({"ok": False, "description": str(err)}, status=400)

    def _chat_summary(self, cs: ChatState) -> dict:
        live = [r for r in cs.records if not r.deleted]
        last = live[-1] if live else None
        return {
            "chat": cs.chat, "members": sorted(cs.members), "admins": sorted(cs.admins),
            "bot_is_admin": cs.bot_is_admin,
            "last": {"message": last.message, "from_bot": last.from_bot,
                     "sender_id": last.sender_id} if last else None,
            "recent": [[r.message_id, r.sender_id] for r in live[-100:]],
        }

    async def _c_state(self, request: web.Request) -> web.Response:
        return self._json({
            "bot": self.bot,
            "users": [{**dataclasses.asdict(u), "role": self.roles.get(u.user["id"])}
                      for u in self.users.values()],
            "chats": [self._chat_summary(c) for c in self.chats.values()],
            "sandbox": {"admin_chat_id": self.admin_chat_id,
                        "catalogue_channel_id": self.catalogue_channel_id},
            "seq": len(self.events),
        })

    async def _c_people(self, request: web.Request) -> web.Response:
        return await self._guard(self.create_person(**await self._body(request)))

    async def _c_phone(self, request: web.Request) -> web.Response:
        b = await self._body(request)
        return await self._guard(self.set_phone(b.get("user_id"), b.get("phone", "")))

    async def _c_contact(self, request: web.Request) -> web.Response:
        b = await self._body(request)

        async def share() -> dict:
            if b.get("phone"):
                await self.set_phone(b["user_id"], b["phone"])
            return await self.share_contact(b.get("user_id"), b.get("chat_id"))

        return await self._guard(share())

    async def _c_media(self, request: web.Request) -> web.Response:
        """multipart/form-data: user_id, chat_id?, kind (photo|voice|document), caption?,
        duration?, and one or more ``file`` parts (several photos make an album)."""
        try:
            form = await request.post()
        except ValueError:
            return self._json({"ok": False, "description": "body must be multipart"}, status=400)
        files = [(f.file.read(), f.filename, f.content_type) for f in form.getall("file", [])
                 if isinstance(f, web.FileField)]

        def opt_int(key: str) -> int | None:
            value = form.get(key)
            return int(value) if isinstance(value, str) and value.strip() else None

        async def send() -> list[dict]:
            return await self.send_files(
                opt_int("user_id"), str(form.get("kind") or "photo"), files,
                str(form.get("caption") or "") or None, opt_int("chat_id"), opt_int("duration"))

        return await self._guard(send())

    async def _c_file(self, request: web.Request) -> web.Response:
        fr = self.files.get(request.match_info["file_id"])
        if fr is None:
            return self._json({"ok": False, "description": "no such file"}, status=404)
        return web.Response(body=fr.data, content_type=fr.mime_type or "application/octet-stream",
                            headers={"Cache-Control": "max-age=31536000, immutable"})

    async def _c_callback_answers(self, request: web.Request) -> web.Response:
        qid = request.query.get("id")
        uid = request.query.get("user_id")
        return self._json([a for a in self.answered_callbacks
                           if (qid is None or a["callback_query_id"] == qid)
                           and (uid is None or str(a["user_id"]) == uid)])

    async def _c_users(self, request: web.Request) -> web.Response:
        return await self._guard(self.create_user(**await self._body(request)))

    async def _c_chats(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        if body.get("kind") == "channel":
            body.pop("kind")
            return await self._guard(self.create_channel(**body))
        return await self._guard(self.create_group(**body))

    async def _c_send(self, request: web.Request) -> web.Response:
        b = await self._body(request)
        reply_to = b.get("reply_to")
        return await self._guard(self.send_text(
            b.get("user_id"), b.get("text", ""), b.get("chat_id"),
            self._record(reply_to, b.get("chat_id") or b.get("user_id")) if reply_to else None))

    async def _c_press(self, request: web.Request) -> web.Response:
        b = await self._body(request)

        async def press() -> dict:
            rec = self._record(b["message_id"], b.get("chat_id") or b["user_id"]) \
                if b.get("message_id") else None
            if b.get("data") is not None and rec is not None:
                return await self.press_callback(b["user_id"], rec, b["data"])
            return await self.press(b["user_id"], rec, b["button"])

        return await self._guard(press())

    async def _c_block(self, request: web.Request) -> web.Response:
        b = await self._body(request)
        action = self.block_bot if b.get("blocked", True) else self.unblock_bot
        return await self._guard(action(b["user_id"]))

    async def _c_messages(self, request: web.Request) -> web.Response:
        chat_id = int(request.match_info["chat_id"])
        include = request.query.get("include_deleted", "") in ("1", "true")
        return self._json([r.to_dict() for r in self.records(chat_id, include)])

    async def _c_updates_since(self, request: web.Request) -> web.Response:
        seq = int(request.query.get("seq", "0"))
        timeout = min(float(request.query.get("timeout", "0")), 60.0)
        try:
            await self.wait_until(lambda: len(self.events) > seq or self._closing, timeout)
        except TimeoutError:
            pass
        return self._json({"seq": len(self.events), "events": self.events[seq:]})

    async def _c_requests(self, request: web.Request) -> web.Response:
        return self._json([dataclasses.asdict(r) for r in self.requests])

    async def _c_flood(self, request: web.Request) -> web.Response:
        self.flood = FloodLimits(**await self._body(request))
        return self._json({"ok": True, "result": dataclasses.asdict(self.flood)})

    async def _c_faults(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        if isinstance(body.get("latency_ms"), list):
            body["latency_ms"] = tuple(body["latency_ms"])
        if body.get("methods") is not None:
            body["methods"] = frozenset(body["methods"])
        self.faults = Faults(**body)
        return self._json({"ok": True})
