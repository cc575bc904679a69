"""Bot API methods of the stand-in: ``m_<lowercase method name>(bot_id, params, attachments)``."""

from __future__ import annotations

import asyncio
import copy
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from . import spec
from .objects import bot_user, chat_full_info, media_obj, member_obj, now
from .spec import ApiError, Upload, bad_request
from .state import ChatState, FileRecord, Record

if TYPE_CHECKING:
    from .server import StandIn

    _Base = StandIn
else:
    _Base = object

MEDIA_KINDS = ("photo", "document", "voice", "audio", "video", "animation", "sticker")
CONTENT_KEYS = ("text", "entities", *MEDIA_KINDS, "contact", "location", "caption",
                "caption_entities")
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message")


class MethodsMixin(_Base):
    # ------------------------------------------------------------------ helpers

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

    # ------------------------------------------------------------------ bot itself

    async def m_getme(self, bot_id: int, p: dict, a: dict) -> dict:
        return bot_user(bot_id, self.bot_username, self.bot_name, full=True)

    async def m_logout(self, bot_id: int, p: dict, a: dict) -> bool:
        return True

    async def m_close(self, bot_id: int, p: dict, a: dict) -> bool:
        return True

    async def m_getupdates(self, bot_id: int, p: dict, a: dict) -> list[dict]:
        if self.bot_settings.get("webhook"):
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        queue = self._updates.setdefault(bot_id, [])
        offset = p.get("offset")
        if offset is not None:
            queue[:] = queue[offset:] if offset < 0 else [u for u in queue if u["update_id"] >= offset]
        if "allowed_updates" in p:
            self._allowed_updates[bot_id] = p["allowed_updates"]
        allowed = set(self._allowed_updates.get(bot_id) or [])
        limit = p.get("limit", 100)
        timeout = min(max(p.get("timeout", 0), 0), spec.LIMITS["get_updates_timeout"])
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        def ready() -> list[dict]:
            return [u for u in queue if not allowed or (u.keys() - {"update_id"}) & allowed
                    or u.get("update_id") in self._unfiltered][:limit]

        async with self._cond:
            while not ready() and not self._closing:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                try:
                    await asyncio.wait_for(self._cond.wait(), remaining)
                except TimeoutError:
                    break
        return ready()

    async def m_deletewebhook(self, bot_id: int, p: dict, a: dict) -> bool:
        self.bot_settings["webhook"] = None
        if p.get("drop_pending_updates"):
            self._updates.get(bot_id, []).clear()
        return True

    async def m_setwebhook(self, bot_id: int, p: dict, a: dict) -> bool:
        self.bot_settings["webhook"] = {k: v for k, v in p.items() if k != "certificate"} or None
        if not p["url"]:
            self.bot_settings["webhook"] = None
        if p.get("drop_pending_updates"):
            self._updates.get(bot_id, []).clear()
        return True

    async def m_getwebhookinfo(self, bot_id: int, p: dict, a: dict) -> dict:
        hook = self.bot_settings.get("webhook") or {}
        info = {"url": hook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates.get(bot_id, []))}
        if hook.get("allowed_updates"):
            info["allowed_updates"] = hook["allowed_updates"]
        return info

    @staticmethod
    def _commands_key(p: dict) -> str:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps([scope, p.get("language_code", "")], sort_keys=True)

    async def m_setmycommands(self, bot_id: int, p: dict, a: dict) -> bool:
        self.bot_settings["commands"][self._commands_key(p)] = p["commands"]
        return True

    async def m_getmycommands(self, bot_id: int, p: dict, a: dict) -> list[dict]:
        return self.bot_settings["commands"].get(self._commands_key(p), [])

    async def m_deletemycommands(self, bot_id: int, p: dict, a: dict) -> bool:
        self.bot_settings["commands"].pop(self._commands_key(p), None)
        return True

    async def m_setmydescription(self, bot_id: int, p: dict, a: dict) -> bool:
        self.bot_settings[f"description:{p.get('language_code', '')}"] = p.get("description", "")
        return True

    async def m_getmydescription(self, bot_id: int, p: dict, a: dict) -> dict:
        return {"description": self.bot_settings.get(f"description:{p.get('language_code', '')}", "")}

    async def m_setmyshortdescription(self, bot_id: int, p: dict, a: dict) -> bool:
        key = f"short_description:{p.get('language_code', '')}"
        self.bot_settings[key] = p.get("short_description", "")
        return True

    async def m_getmyshortdescription(self, bot_id: int, p: dict, a: dict) -> dict:
        key = f"short_description:{p.get('language_code', '')}"
        return {"short_description": self.bot_settings.get(key, "")}

    async def m_setchatmenubutton(self, bot_id: int, p: dict, a: dict) -> bool:
        self.bot_settings[f"menu_button:{p.get('chat_id', '')}"] = p.get("menu_button")
        return True

    async def m_getchatmenubutton(self, bot_id: int, p: dict, a: dict) -> dict:
        return (self.bot_settings.get(f"menu_button:{p.get('chat_id', '')}")
                or self.bot_settings.get("menu_button:") or {"type": "commands"})

    # ------------------------------------------------------------------ sending

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

    # ------------------------------------------------------------------ editing / deleting

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

    # ------------------------------------------------------------------ files and chats

    async def m_getfile(self, bot_id: int, p: dict, a: dict) -> dict:
        fr = self.files.get(p["file_id"])
        if fr is None:
            raise bad_request("invalid file_id")
        return self.files.file_obj(fr)

    async def m_getchat(self, bot_id: int, p: dict, a: dict) -> dict:
        cs = self._target(p["chat_id"], write=False)
        info = chat_full_info(cs)
        if cs.pinned is not None and (rec := cs.find(cs.pinned)):
            info["pinned_message"] = rec.message
        return info

    def _status(self, cs: ChatState, user_id: int, bot_id: int) -> tuple[dict, str]:
        if user_id == bot_id:
            user = bot_user(bot_id, self.bot_username, self.bot_name)
            if not cs.bot_is_member:
                return user, "left"
            return user, "administrator" if cs.bot_is_admin else "member"
        us = self.users.get(user_id)
        if us is None:
            raise bad_request("user not found")
        if cs.type == "private":
            return us.user, "member" if cs.id == user_id else "left"
        if user_id in cs.admins:
            return us.user, "administrator"
        return us.user, "member" if user_id in cs.members else "left"

    async def m_getchatmember(self, bot_id: int, p: dict, a: dict) -> dict:
        cs = self._target(p["chat_id"], write=False)
        return member_obj(*self._status(cs, p["user_id"], bot_id))

    async def m_getchatadministrators(self, bot_id: int, p: dict, a: dict) -> list[dict]:
        cs = self._target(p["chat_id"], write=False)
        if cs.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [member_obj(self.users[u].user, "administrator") for u in sorted(cs.admins)]
        if cs.bot_is_admin:
            admins.append(member_obj(bot_user(bot_id, self.bot_username, self.bot_name),
                                     "administrator"))
        return admins

    async def m_getchatmembercount(self, bot_id: int, p: dict, a: dict) -> int:
        cs = self._target(p["chat_id"], write=False)
        if cs.type == "private":
            return 2
        return len(cs.members | cs.admins) + (1 if cs.bot_is_member else 0)

    async def m_pinchatmessage(self, bot_id: int, p: dict, a: dict) -> bool:
        cs = self._target(p["chat_id"], write=False)
        if cs.find(p["message_id"]) is None:
            raise bad_request("message to pin not found")
        cs.pinned = p["message_id"]
        return True

    async def m_unpinchatmessage(self, bot_id: int, p: dict, a: dict) -> bool:
        cs = self._target(p["chat_id"], write=False)
        cs.pinned = None
        return True
