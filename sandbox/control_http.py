"""The stand-in's control API over HTTP: thin JSON endpoints /control/... over the Python
methods of :mod:`sandbox.control` (the endpoints only the web chat page uses are in
:mod:`sandbox.webchat`)."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .state import ChatState, Faults, FloodLimits

if TYPE_CHECKING:
    from .server import StandIn

    _Base = StandIn
else:
    _Base = object


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status,
                             dumps=lambda o: json.dumps(o, ensure_ascii=False, default=str))


async def read_body(request: web.Request) -> dict:
    try:
        body = await request.json() if request.can_read_body else {}
    except ValueError:
        raise web.HTTPBadRequest(text="body must be JSON") from None
    return body if isinstance(body, dict) else {}


async def guard(coro: Any) -> web.Response:
    """``{"ok": true, "result": ...}``, or 400 with the description of a bad request."""
    try:
        return json_response({"ok": True, "result": await coro})
    except (KeyError, ValueError, TypeError) as err:
        return json_response({"ok": False, "description": str(err)}, status=400)


class ControlRoutesMixin(_Base):
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
        return json_response({
            "bot": self.bot,
            "users": [{**dataclasses.asdict(u), "role": self.roles.get(u.user["id"])}
                      for u in self.users.values()],
            "chats": [self._chat_summary(c) for c in self.chats.values()],
            "sandbox": {"admin_chat_id": self.admin_chat_id,
                        "catalogue_channel_id": self.catalogue_channel_id},
            "seq": len(self.events),
        })

    async def _c_users(self, request: web.Request) -> web.Response:
        return await guard(self.create_user(**await read_body(request)))

    async def _c_chats(self, request: web.Request) -> web.Response:
        body = await read_body(request)
        if body.get("kind") == "channel":
            body.pop("kind")
            return await guard(self.create_channel(**body))
        return await guard(self.create_group(**body))

    async def _c_send(self, request: web.Request) -> web.Response:
        b = await read_body(request)
        reply_to = b.get("reply_to")
        return await guard(self.send_text(
            b.get("user_id"), b.get("text", ""), b.get("chat_id"),
            self._record(reply_to, b.get("chat_id") or b.get("user_id")) if reply_to else None))

    async def _c_press(self, request: web.Request) -> web.Response:
        b = await read_body(request)

        async def press() -> dict:
            rec = self._record(b["message_id"], b.get("chat_id") or b["user_id"]) \
                if b.get("message_id") else None
            if b.get("data") is not None and rec is not None:
                return await self.press_callback(b["user_id"], rec, b["data"])
            return await self.press(b["user_id"], rec, b["button"])

        return await guard(press())

    async def _c_block(self, request: web.Request) -> web.Response:
        b = await read_body(request)
        action = self.block_bot if b.get("blocked", True) else self.unblock_bot
        return await guard(action(b["user_id"]))

    async def _c_messages(self, request: web.Request) -> web.Response:
        chat_id = int(request.match_info["chat_id"])
        include = request.query.get("include_deleted", "") in ("1", "true")
        return json_response([r.to_dict() for r in self.records(chat_id, include)])

    async def _c_updates_since(self, request: web.Request) -> web.Response:
        seq = int(request.query.get("seq", "0"))
        timeout = min(float(request.query.get("timeout", "0")), 60.0)
        try:
            await self.wait_until(lambda: len(self.events) > seq or self._closing, timeout)
        except TimeoutError:
            pass
        return json_response({"seq": len(self.events), "events": self.events[seq:]})

    async def _c_requests(self, request: web.Request) -> web.Response:
        return json_response([dataclasses.asdict(r) for r in self.requests])

    async def _c_flood(self, request: web.Request) -> web.Response:
        self.flood = FloodLimits(**await read_body(request))
        return json_response({"ok": True, "result": dataclasses.asdict(self.flood)})

    async def _c_faults(self, request: web.Request) -> web.Response:
        body = await read_body(request)
        if isinstance(body.get("latency_ms"), list):
            body["latency_ms"] = tuple(body["latency_ms"])
        if body.get("methods") is not None:
            body["methods"] = frozenset(body["methods"])
        self.faults = Faults(**body)
        return json_response({"ok": True})
