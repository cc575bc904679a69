"""What the stand-in's Bot API methods share: finding the chat a method writes to, the message
it replies to, the file it sends, and the bot's message it makes; the content keys."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from .. import spec
from ..objects import bot_user, now
from ..spec import ApiError, Upload, bad_request
from ..state import ChatState, FileRecord, Record

if TYPE_CHECKING:
    from ..server import StandIn

    _Base = StandIn
else:
    _Base = object

MEDIA_KINDS = ("photo", "document", "voice", "audio", "video", "animation", "sticker")
CONTENT_KEYS = ("text", "entities", *MEDIA_KINDS, "contact", "location", "caption",
                "caption_entities")
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message")


class MethodHelpers(_Base):
    def _target(self, chat_id: Any, write: bool = True) -> ChatState:
        cs = self._lookup_chat(chat_id)
        if cs is None:
            raise bad_request("chat not found")
        if cs.type == "private":
            us = self.users[cs.id]
            if us.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if write and not us.started:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        elif not cs.bot_is_member:
            raise ApiError(403, f"Forbidden: bot is not a member of the {cs.type} chat")
        elif write and cs.type == "channel" and not cs.bot_is_admin:
            raise bad_request("need administrator rights in the channel chat")
        return cs

    def _reply_to(self, cs: ChatState, p: dict) -> dict | None:
        rp = p.get("reply_parameters")
        if not rp:
            return None
        target = self._lookup_chat(rp["chat_id"]) if "chat_id" in rp else cs
        rec = target.find(rp["message_id"]) if target else None
        if rec is None:
            if rp.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        reply = copy.deepcopy(rec.message)
        reply.pop("reply_to_message", None)
        return reply

    def _resolve_file(self, kind: str, value: Any, attachments: dict) -> FileRecord:
        if isinstance(value, str) and value.startswith("attach://"):
            value = attachments.get(value[len("attach://"):])
            if value is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        if isinstance(value, Upload):
            return self.files.add(kind, value.data, value.filename, value.content_type)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            name = urlparse(value).path.rsplit("/", 1)[-1] or None
            return self.files.add(kind, b"", name)
        fr = self.files.get(value) if isinstance(value, str) else None
        if fr is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if (fr.kind == "photo") != (kind == "photo"):
            raise bad_request(f"can't use file of type {fr.kind.title()} as {kind.title()}")
        if fr.file_id.endswith("_s"):  # the thumbnail size of a photo: same photo
            fr = self.files.get(fr.file_id[:-2]) or fr
        return fr

    def _bot_message(self, bot_id: int, cs: ChatState, p: dict, content: dict,
                     markup: dict | None = None) -> Record:
        msg: dict[str, Any] = {"message_id": self._new_message_id(cs)}
        if cs.type == "channel":
            msg["sender_chat"] = dict(cs.chat)
        else:
            msg["from"] = bot_user(bot_id, self.bot_username, self.bot_name)
        msg["date"] = now()
        msg["chat"] = dict(cs.chat)
        reply = self._reply_to(cs, p)
        if reply is not None:
            msg["reply_to_message"] = reply
        if p.get("protect_content"):
            msg["has_protected_content"] = True
        msg.update({k: v for k, v in content.items() if v not in (None, [], "")})
        markup = p.get("reply_markup") if markup is None else markup
        keyboard = None
        if markup and "inline_keyboard" in markup:
            msg["reply_markup"] = markup
        elif markup:
            keyboard = markup
        return self._add_record(cs, msg, True, None if cs.type == "channel" else bot_id, keyboard)

    async def _sent(self, rec: Record) -> dict:
        await self._changed({"type": "message", "chat_id": rec.chat_id, "message_id": rec.message_id})
        return rec.message

    @staticmethod
    def _text_content(text: str, parse_mode: str | None, entities: list | None) -> dict:
        plain, ents = spec.parse_text(text, parse_mode, entities)
        return {"text": plain, "entities": ents}

    @staticmethod
    def _caption_content(p: dict) -> dict:
        if "caption" not in p:
            return {}
        plain, ents = spec.parse_text(p["caption"], p.get("parse_mode"), p.get("caption_entities"))
        return {"caption": plain, "caption_entities": ents}
