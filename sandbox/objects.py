"""Builders of Bot API objects, shaped exactly as the spec's types (only its fields)."""

from __future__ import annotations

import hashlib
import re
import time

from .state import ChatState, FileRecord

_PREFIX = {
    "photo": "AgAC", "document": "BQAC", "voice": "AwAC", "audio": "CQAC",
    "video": "BAAC", "sticker": "CAAC", "animation": "CgAC",
}
_EXT = {"photo": "jpg", "voice": "oga", "audio": "mp3", "video": "mp4", "sticker": "webp",
        "animation": "mp4", "document": "bin"}
_DIR = {"photo": "photos", "voice": "voice", "audio": "music", "video": "videos",
        "sticker": "stickers", "animation": "animations", "document": "documents"}
COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,})?")


def now() -> int:
    return int(time.time())


def user_obj(user_id: int, first_name: str, last_name: str | None = None,
             username: str | None = None, language_code: str | None = None,
             is_bot: bool = False) -> dict:
    user: dict = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code and not is_bot:
        user["language_code"] = language_code
    return user


def bot_user(bot_id: int, username: str, first_name: str, full: bool = False) -> dict:
    user = user_obj(bot_id, first_name, username=username, is_bot=True)
    if full:  # getMe
        user.update(can_join_groups=True, can_read_all_group_messages=False,
                    supports_inline_queries=False, can_connect_to_business=False,
                    has_main_web_app=False)
    return user


def chat_full_info(cs: ChatState) -> dict:
    info = dict(cs.chat)
    info.update(
        accent_color_id=0,
        max_reaction_count=11,
        accepted_gift_types={
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False, "gifts_from_channels": False,
        },
    )
    if cs.description:
        info["description"] = cs.description
    return info


def member_obj(user: dict, status: str) -> dict:
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        rights = dict.fromkeys(
            ("can_manage_chat", "can_delete_messages", "can_manage_video_chats",
             "can_restrict_members", "can_change_info", "can_invite_users", "can_post_stories",
             "can_edit_stories", "can_delete_stories"), True)
        rights.update(can_promote_members=False)
        return {"status": "administrator", "user": user, "can_be_edited": False,
                "is_anonymous": False, **rights}
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
    return {"status": status, "user": user}


def command_entities(text: str) -> list[dict]:
    """The bot_command entity Telegram adds to a message starting with /command."""
    m = COMMAND_RE.match(text or "")
    return [{"type": "bot_command", "offset": 0, "length": len(m.group(0))}] if m else []


class FileStore:
    """Files known to the stand-in, with stable ids per upload."""

    def __init__(self) -> None:
        self.by_id: dict[str, FileRecord] = {}
        self.by_path: dict[str, FileRecord] = {}
        self._n = 0

    def add(self, kind: str, data: bytes, file_name: str | None = None,
            mime_type: str | None = None) -> FileRecord:
        self._n += 1
        digest = hashlib.sha1(data + str(self._n).encode()).hexdigest()[:20]
        fr = FileRecord(
            file_id=f"{_PREFIX.get(kind, 'BQAC')}{self._n:06d}{digest}",
            file_unique_id=f"AQAD{self._n:06d}{digest[:6]}",
            kind=kind, data=data, file_name=file_name, mime_type=mime_type,
        )
        ext = (file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else _EXT.get(kind, "bin"))
        fr.file_path = f"{_DIR.get(kind, 'documents')}/file_{self._n}.{ext}"
        self.by_id[fr.file_id] = fr
        self.by_path[fr.file_path] = fr
        if kind == "photo":
            thumb = FileRecord(
                file_id=f"{fr.file_id}_s", file_unique_id=f"{fr.file_unique_id}s", kind="photo",
                data=data, mime_type=mime_type, file_path=f"photos/file_{self._n}_s.{ext}",
            )
            self.by_id[thumb.file_id] = thumb
            self.by_path[thumb.file_path] = thumb
            sizes = [
                {"file_id": thumb.file_id, "file_unique_id": thumb.file_unique_id,
                 "file_size": len(data), "width": 90, "height": 90},
                {"file_id": fr.file_id, "file_unique_id": fr.file_unique_id,
                 "file_size": len(data), "width": 800, "height": 800},
            ]
            fr.photo_sizes = thumb.photo_sizes = sizes
        return fr

    def get(self, file_id: str) -> FileRecord | None:
        return self.by_id.get(file_id)

    def file_obj(self, fr: FileRecord) -> dict:
        return {"file_id": fr.file_id, "file_unique_id": fr.file_unique_id,
                "file_size": fr.size, "file_path": fr.file_path}


def media_obj(fr: FileRecord, kind: str, extra: dict | None = None) -> object:
    """The value of Message.<kind> for a file (a PhotoSize list for photos)."""
    extra = {k: v for k, v in (extra or {}).items() if v is not None}
    if "duration" in extra:
        fr.duration = int(extra["duration"])
    elif fr.duration is not None:  # sent again by file_id: Telegram keeps the length
        extra["duration"] = fr.duration
    if kind == "photo":
        return [dict(s) for s in fr.photo_sizes or []]
    obj: dict = {"file_id": fr.file_id, "file_unique_id": fr.file_unique_id, "file_size": fr.size}
    if kind == "document":
        obj.update(file_name=fr.file_name or "file", mime_type=fr.mime_type or "application/octet-stream")
    elif kind == "voice":
        obj.update(duration=int(extra.get("duration", 1)), mime_type=fr.mime_type or "audio/ogg")
    elif kind == "audio":
        obj.update(duration=int(extra.get("duration", 1)), mime_type=fr.mime_type or "audio/mpeg")
        for k in ("performer", "title"):
            if k in extra:
                obj[k] = extra[k]
        if fr.file_name:
            obj["file_name"] = fr.file_name
    elif kind in ("video", "animation"):
        obj.update(width=int(extra.get("width", 640)), height=int(extra.get("height", 360)),
                   duration=int(extra.get("duration", 1)), mime_type=fr.mime_type or "video/mp4")
    elif kind == "sticker":
        obj.update(type="regular", width=512, height=512, is_animated=False, is_video=False,
                   emoji=extra.get("emoji", "🙂"))
    return obj
