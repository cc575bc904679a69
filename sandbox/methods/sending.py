"""Sending: messages, media and albums, contacts and locations, chat actions, copies and
forwards."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..objects import media_obj
from ..spec import bad_request
from ..state import Record
from .base import CONTENT_KEYS

if TYPE_CHECKING:
    from ..server import StandIn

    _Base = StandIn
else:
    _Base = object


class SendingMethods(_Base):
    async def m_sendmessage(self, bot_id: int, p: dict, a: dict) -> dict:
        cs = self._target(p["chat_id"])
        content = self._text_content(p["text"], p.get("parse_mode"), p.get("entities"))
        return await self._sent(self._bot_message(bot_id, cs, p, content))

    async def _send_media(self, bot_id: int, p: dict, a: dict, kind: str) -> dict:
        cs = self._target(p["chat_id"])
        fr = self._resolve_file(kind, p[kind], a)
        content = {kind: media_obj(fr, kind, p), **self._caption_content(p)}
        if p.get("has_spoiler"):
            content["has_media_spoiler"] = True
        return await self._sent(self._bot_message(bot_id, cs, p, content))

    async def m_sendphoto(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "photo")

    async def m_sendvoice(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "voice")

    async def m_senddocument(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "document")

    async def m_sendaudio(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "audio")

    async def m_sendvideo(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "video")

    async def m_sendanimation(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "animation")

    async def m_sendsticker(self, bot_id: int, p: dict, a: dict) -> dict:
        return await self._send_media(bot_id, p, a, "sticker")

    async def m_sendmediagroup(self, bot_id: int, p: dict, a: dict) -> list[dict]:
        cs = self._target(p["chat_id"])
        self._reply_to(cs, p)  # refuse early when the replied message is missing
        group_id = f"{13000000000000000 + len(self.events) * 1000 + cs.next_message_id}"
        out = []
        for item in p["media"]:
            kind = item["type"]
            fr = self._resolve_file(kind, item["media"], a)
            content = {kind: media_obj(fr, kind, item), "media_group_id": group_id,
                       **self._caption_content(item)}
            rec = self._bot_message(bot_id, cs, p, content, markup={})
            out.append(await self._sent(rec))
        return out

    async def m_sendcontact(self, bot_id: int, p: dict, a: dict) -> dict:
        cs = self._target(p["chat_id"])
        contact = {k: p[k] for k in ("phone_number", "first_name", "last_name", "vcard") if k in p}
        return await self._sent(self._bot_message(bot_id, cs, p, {"contact": contact}))

    async def m_sendlocation(self, bot_id: int, p: dict, a: dict) -> dict:
        cs = self._target(p["chat_id"])
        loc = {"latitude": p["latitude"], "longitude": p["longitude"]}
        return await self._sent(self._bot_message(bot_id, cs, p, {"location": loc}))

    async def m_sendchataction(self, bot_id: int, p: dict, a: dict) -> bool:
        self._target(p["chat_id"])
        return True

    def _source(self, p: dict, what: str) -> Record:
        src_chat = self._target(p["from_chat_id"], write=False)
        rec = src_chat.find(p["message_id"])
        if rec is None or not any(k in rec.message for k in CONTENT_KEYS):
            raise bad_request(f"message to {what} not found")
        return rec

    async def m_copymessage(self, bot_id: int, p: dict, a: dict) -> dict:
        src = self._source(p, "copy")
        cs = self._target(p["chat_id"])
        content = {k: copy.deepcopy(v) for k, v in src.message.items() if k in CONTENT_KEYS}
        if "caption" in p and "text" not in content:
            content.pop("caption_entities", None)
            content.update(self._caption_content(p))
        rec = self._bot_message(bot_id, cs, p, content)
        await self._sent(rec)
        return {"message_id": rec.message_id}

    async def m_forwardmessage(self, bot_id: int, p: dict, a: dict) -> dict:
        src = self._source(p, "forward")
        cs = self._target(p["chat_id"])
        content = {k: copy.deepcopy(v) for k, v in src.message.items() if k in CONTENT_KEYS}
        m = src.message
        if "sender_chat" in m and m["chat"]["type"] == "channel":
            origin = {"type": "channel", "date": m["date"], "chat": m["sender_chat"],
                      "message_id": m["message_id"]}
        else:
            origin = {"type": "user", "date": m["date"], "sender_user": m["from"]}
        content["forward_origin"] = origin
        return await self._sent(self._bot_message(bot_id, cs, p, content, markup={}))
