"""Files and chats: getFile, getChat, members and administrators, pinning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..objects import bot_user, chat_full_info, member_obj
from ..spec import bad_request
from ..state import ChatState

if TYPE_CHECKING:
    from ..server import StandIn

    _Base = StandIn
else:
    _Base = object


class ChatMethods(_Base):
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
