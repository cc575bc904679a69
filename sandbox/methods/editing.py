"""Changing what was sent: editing text, captions, buttons and media, deleting messages, and
answering callback queries."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..objects import media_obj, now
from ..spec import bad_request
from ..state import ChatState, Record
from .base import MEDIA_KINDS, NOT_MODIFIED

if TYPE_CHECKING:
    from ..server import StandIn

    _Base = StandIn
else:
    _Base = object


class EditingMethods(_Base):
    def _edit_target(self, p: dict) -> Record:
        if "inline_message_id" in p:
            raise bad_request("MESSAGE_ID_INVALID")
        if "chat_id" not in p or "message_id" not in p:
            raise bad_request("message identifier is not specified")
        cs = self._target(p["chat_id"], write=False)
        rec = cs.find(p["message_id"])
        if rec is None:
            raise bad_request("message to edit not found")
        if not rec.from_bot:
            raise bad_request("message can't be edited")
        return rec

    async def _apply_edit(self, rec: Record, new: dict) -> dict:
        if new == self._without_edit_date(rec.message):
            raise bad_request(NOT_MODIFIED)
        rec.edits.append({"message": rec.message, "time": rec.message.get("edit_date", rec.time)})
        new["edit_date"] = now()
        rec.message = new
        await self._changed({"type": "edit", "chat_id": rec.chat_id, "message_id": rec.message_id})
        return new

    @staticmethod
    def _without_edit_date(msg: dict) -> dict:
        new = copy.deepcopy(msg)
        new.pop("edit_date", None)
        return new

    @staticmethod
    def _set(msg: dict, key: str, value: Any) -> None:
        if value in (None, [], ""):
            msg.pop(key, None)
        else:
            msg[key] = value

    async def m_editmessagetext(self, bot_id: int, p: dict, a: dict) -> dict:
        rec = self._edit_target(p)
        if "text" not in rec.message:
            raise bad_request("there is no text in the message to edit")
        new = self._without_edit_date(rec.message)
        content = self._text_content(p["text"], p.get("parse_mode"), p.get("entities"))
        self._set(new, "text", content["text"])
        self._set(new, "entities", content["entities"])
        self._set(new, "reply_markup", p.get("reply_markup"))
        return await self._apply_edit(rec, new)

    async def m_editmessagecaption(self, bot_id: int, p: dict, a: dict) -> dict:
        rec = self._edit_target(p)
        if "text" in rec.message:
            raise bad_request("there is no caption in the message to edit")
        new = self._without_edit_date(rec.message)
        content = self._caption_content(p)
        self._set(new, "caption", content.get("caption"))
        self._set(new, "caption_entities", content.get("caption_entities"))
        self._set(new, "reply_markup", p.get("reply_markup"))
        return await self._apply_edit(rec, new)

    async def m_editmessagereplymarkup(self, bot_id: int, p: dict, a: dict) -> dict:
        rec = self._edit_target(p)
        new = self._without_edit_date(rec.message)
        self._set(new, "reply_markup", p.get("reply_markup"))
        return await self._apply_edit(rec, new)

    async def m_editmessagemedia(self, bot_id: int, p: dict, a: dict) -> dict:
        rec = self._edit_target(p)
        if "text" in rec.message:
            raise bad_request("there is no media in the message to edit")
        item = p["media"]
        kind = item["type"]
        fr = self._resolve_file(kind, item["media"], a)
        new = self._without_edit_date(rec.message)
        for k in (*MEDIA_KINDS, "caption", "caption_entities"):
            new.pop(k, None)
        new[kind] = media_obj(fr, kind, item)
        for k, v in self._caption_content(item).items():
            self._set(new, k, v)
        self._set(new, "reply_markup", p.get("reply_markup"))
        return await self._apply_edit(rec, new)

    async def _delete(self, cs: ChatState, message_id: int) -> bool:
        rec = cs.find(message_id)
        if rec is None:
            return False
        if cs.type != "private" and not rec.from_bot and not cs.bot_is_admin:
            raise bad_request("message can't be deleted")
        rec.deleted = True
        await self._changed({"type": "delete", "chat_id": cs.id, "message_id": message_id})
        return True

    async def m_deletemessage(self, bot_id: int, p: dict, a: dict) -> bool:
        cs = self._target(p["chat_id"], write=False)
        if not await self._delete(cs, p["message_id"]):
            raise bad_request("message to delete not found")
        return True

    async def m_deletemessages(self, bot_id: int, p: dict, a: dict) -> bool:
        cs = self._target(p["chat_id"], write=False)
        found = [await self._delete(cs, mid) for mid in p["message_ids"]]
        if not any(found):
            raise bad_request("message to delete not found")
        return True

    async def m_answercallbackquery(self, bot_id: int, p: dict, a: dict) -> bool:
        query = self.callback_queries.get(p["callback_query_id"])
        if query is None:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        self.answered_callbacks.append({
            "callback_query_id": p["callback_query_id"], "user_id": query["from"]["id"],
            "text": p.get("text"), "show_alert": p.get("show_alert", False),
            "url": p.get("url"), "cache_time": p.get("cache_time"), "time": now(),
        })
        await self._changed({"type": "callback_answer", "callback_query_id": p["callback_query_id"]})
        return True
