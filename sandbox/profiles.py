"""Platform profiles of the stand-in, and updates a test writes by hand.

`StandIn(platform="bale")` answers as Bale's Bot API is documented to: the methods it has
(others answer 404 "Not Found", as a Bot API server answers a method it does not know), chat
types private/group/channel (no supergroups), links on ble.ir without start payloads. Each
difference names its source. What is not modelled: Bale keeps undelivered updates for a day
(not timed here); its flood limits (the stand-in's FloodLimits apply); error wordings.

Sources:
  [bale-doc]  Bale's Bot API documentation, docs.bale.ai (method list, chat types, base URL
              https://tapi.bale.ai/bot<token>/METHOD, the Telegram-shaped JSON envelope).
  [bale-ts]   the TypeScript typings of a Bale bot SDK (bale-bot-ts, dist/src/index.d.ts):
              `type: 'private' | 'group' | 'channel'`.
  [issue-15]  the project's issue 15: start payloads in links have been reported unsupported;
              its links are not t.me links; updates kept only for a day.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .objects import now
from .spec import ApiError, bad_request

if TYPE_CHECKING:
    from .server import StandIn

PLATFORMS = ("telegram", "bale")

# [bale-doc] The methods of Bale's Bot API (the «متدها» list). Anything else answers 404.
BALE_METHODS = frozenset({
    "getMe", "logOut", "close", "getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo",
    "sendMessage", "forwardMessage", "copyMessage", "sendPhoto", "sendAudio", "sendDocument",
    "sendVideo", "sendAnimation", "sendVoice", "sendMediaGroup", "sendLocation", "sendContact",
    "sendChatAction", "sendSticker", "getFile", "answerCallbackQuery",
    "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "deleteMessage",
    "getChat", "getChatMember", "getChatMembersCount", "getChatMemberCount",
    "getChatAdministrators", "banChatMember", "unbanChatMember", "promoteChatMember",
    "restrictChatMember", "leaveChat", "setChatTitle", "setChatDescription", "setChatPhoto",
    "deleteChatPhoto", "pinChatMessage", "unpinChatMessage", "unpinAllChatMessages",
    "createChatInviteLink", "revokeChatInviteLink", "exportChatInviteLink",
    "sendInvoice", "answerPreCheckoutQuery", "uploadStickerFile", "createNewStickerSet",
    "addStickerToSet",
})
# [bale-doc], [bale-ts] Chat types: no "supergroup".
BALE_CHAT_TYPES = ("private", "group", "channel")
# [issue-15] Links are ble.ir links; a link to the bot carries no start payload.
BALE_LINK = re.compile(r"^https://ble\.ir/[A-Za-z0-9_]+(?:/\d+)?$")
TELEGRAM_LINK = re.compile(r"^(?:https?://)?(?:t\.me|telegram\.me)/|^tg://", re.IGNORECASE)


class ProfileMixin:
    """Mixed into StandIn (sandbox/server.py)."""

    platform: str = "telegram"
    _unfiltered: set[int]

    # -- the profile's checks, called by StandIn._dispatch ----------------------------------

    def check_profile(self, method: str, params: dict) -> None:
        if self.platform != "bale":
            return
        if method not in BALE_METHODS:
            raise ApiError(404, "Not Found")
        markup = params.get("reply_markup")
        if isinstance(markup, dict):
            for row in markup.get("inline_keyboard") or []:
                for button in row:
                    url = button.get("url") if isinstance(button, dict) else None
                    if url is not None and (TELEGRAM_LINK.match(url) or "?start=" in url):
                        # [issue-15] a t.me link leaves Bale; a start payload is not carried
                        raise bad_request("BUTTON_URL_INVALID")

    async def create_group(self: StandIn, title: str, member_ids: Any = (),  # type: ignore[misc]
                           admins: Any = (), kind: str | None = None, **kw: Any) -> dict:
        if kind is None:
            kind = "group" if self.platform == "bale" else "supergroup"
        if self.platform == "bale" and kind not in BALE_CHAT_TYPES:
            raise ValueError("Bale has no supergroups")  # [bale-doc], [bale-ts]
        return await super().create_group(title, member_ids, admins, kind=kind,  # type: ignore[misc]
                                          **kw)

    # -- updates written by hand -------------------------------------------------------------

    async def inject_update(self: StandIn, raw: dict, *, any_kind: bool = True) -> dict:  # type: ignore[misc]
        """Queue `raw` as the next update exactly as given (its update_id is set when it has
        none): a malformed update, a kind the bot did not ask for (`any_kind`: delivered even
        when allowed_updates leaves it out, as another server may), missing fields."""
        update = copy.deepcopy(raw)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        if isinstance(update["update_id"], int):
            self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            if any_kind:
                self._unfiltered.add(update["update_id"])
        self._updates.setdefault(self.bot_id, []).append(update)
        await self._changed({"type": "raw_update", "update_id": update["update_id"]})
        return update

    async def forward_to_bot(self: StandIn, user: Any, from_chat_id: int,  # type: ignore[misc]
                             message_id: int) -> dict:
        """The user forwards a message she can see (in `from_chat_id`) to the bot."""
        from .methods import CONTENT_KEYS

        src = self.chats[from_chat_id].find(message_id)
        if src is None:
            raise ValueError(f"no message {message_id} in chat {from_chat_id}")
        m = src.message
        content = {k: copy.deepcopy(v) for k, v in m.items() if k in CONTENT_KEYS}
        if m["chat"]["type"] == "channel":
            origin = {"type": "channel", "date": m["date"], "chat": m["chat"],
                      "message_id": m["message_id"]}
        else:
            origin = {"type": "user", "date": m.get("date", now()), "sender_user": m["from"]}
        content["forward_origin"] = origin
        return await self._user_message(user, content)

    # -- control API -------------------------------------------------------------------------

    def add_profile_routes(self, app: web.Application) -> None:
        app.router.add_post("/control/raw-update", self._c_raw_update)

    async def _c_raw_update(self: StandIn, request: web.Request) -> web.Response:  # type: ignore[misc]
        body = await self._body(request)
        return await self._guard(self.inject_update(body.get("update", body),
                                                    any_kind=bool(body.get("any_kind", True))))
