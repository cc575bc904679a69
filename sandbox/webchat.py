"""The web chat page's side of the stand-in: its people (a role each, a phone number), the
trainers' group and the catalogue channel it sets up, the files people send from it, the page
and its assets, and the /control endpoints only the page uses."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .control_http import guard, json_response, read_body

if TYPE_CHECKING:
    from .control import UserRef
    from .server import StandIn

    _Base = StandIn
else:
    _Base = object

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


class WebChatMixin(_Base):
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

    # ------------------------------------------------------------------ the page over HTTP

    def add_web_routes(self, app: web.Application) -> None:
        """The web chat page at / and its assets (/web/...), the sample files (/samples/...),
        and the /control endpoints only the page uses."""
        r = app.router
        r.add_get("/", self._w_index)
        r.add_get("/web/{name:.+}", self._w_asset)
        r.add_get("/samples/{name:.+}", self._w_sample)
        r.add_post("/control/people", self._c_people)
        r.add_post("/control/phone", self._c_phone)
        r.add_post("/control/contact", self._c_contact)
        r.add_post("/control/media", self._c_media)
        r.add_get("/control/files/{file_id}", self._c_file)
        r.add_get("/control/callback-answers", self._c_callback_answers)

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

    async def _c_people(self, request: web.Request) -> web.Response:
        return await guard(self.create_person(**await read_body(request)))

    async def _c_phone(self, request: web.Request) -> web.Response:
        b = await read_body(request)
        return await guard(self.set_phone(b.get("user_id"), b.get("phone", "")))

    async def _c_contact(self, request: web.Request) -> web.Response:
        b = await read_body(request)

        async def share() -> dict:
            if b.get("phone"):
                await self.set_phone(b["user_id"], b["phone"])
            return await self.share_contact(b.get("user_id"), b.get("chat_id"))

        return await guard(share())

    async def _c_media(self, request: web.Request) -> web.Response:
        """multipart/form-data: user_id, chat_id?, kind (photo|voice|document), caption?,
        duration?, and one or more ``file`` parts (several photos make an album)."""
        try:
            form = await request.post()
        except ValueError:
            return json_response({"ok": False, "description": "body must be multipart"}, status=400)
        files = [(f.file.read(), f.filename, f.content_type) for f in form.getall("file", [])
                 if isinstance(f, web.FileField)]

        def opt_int(key: str) -> int | None:
            value = form.get(key)
            return int(value) if isinstance(value, str) and value.strip() else None

        async def send() -> list[dict]:
            return await self.send_files(
                opt_int("user_id"), str(form.get("kind") or "photo"), files,
                str(form.get("caption") or "") or None, opt_int("chat_id"), opt_int("duration"))

        return await guard(send())

    async def _c_file(self, request: web.Request) -> web.Response:
        fr = self.files.get(request.match_info["file_id"])
        if fr is None:
            return json_response({"ok": False, "description": "no such file"}, status=404)
        return web.Response(body=fr.data, content_type=fr.mime_type or "application/octet-stream",
                            headers={"Cache-Control": "max-age=31536000, immutable"})

    async def _c_callback_answers(self, request: web.Request) -> web.Response:
        qid = request.query.get("id")
        uid = request.query.get("user_id")
        return json_response([a for a in self.answered_callbacks
                              if (qid is None or a["callback_query_id"] == qid)
                              and (uid is None or str(a["user_id"]) == uid)])

