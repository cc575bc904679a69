"""The stand-in Bot API server: state, HTTP wiring, and the ``async with StandIn()`` helper."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from typing import Any

from aiohttp import web

from . import spec
from .control import ControlMixin
from .methods import MethodsMixin
from .objects import FileStore, bot_user
from .profiles import PLATFORMS, ProfileMixin
from .spec import ApiError, Upload
from .state import ChatState, Faults, FloodControl, FloodLimits, Record, RequestLog, UserState

log = logging.getLogger(__name__)

JSON_DUMPS = lambda obj: json.dumps(obj, ensure_ascii=False)  # noqa: E731


class StandIn(ProfileMixin, MethodsMixin, ControlMixin):
    """A Telegram Bot API stand-in holding every chat, user, file and update in memory."""

    def __init__(
        self,
        bot_username: str = "hamyar_bot",
        bot_name: str = "Hamyar",
        flood: FloodLimits | None = None,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_token: str | None = None,
        state_dir: str | os.PathLike[str] | None = None,
        setup_chats: bool = False,
        platform: str = "telegram",
    ) -> None:
        """``state_dir``: save the state there and load it at start (None: memory only).
        ``setup_chats``: create the trainers' group and the catalogue channel on first start
        (their ids: ``admin_chat_id``, ``catalogue_channel_id``, and GET /control/state).
        ``platform``: "telegram", or "bale" for Bale's profile (sandbox/profiles.py)."""
        if platform not in PLATFORMS:
            raise ValueError(f"platform must be one of {PLATFORMS}")
        self.platform = platform
        self._unfiltered: set[int] = set()  # injected updates delivered whatever was asked
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.flood = flood or FloodLimits()
        self.faults = faults or Faults()
        self.host, self.port = host, port
        self.bot_id: int | None = int(bot_token.split(":")[0]) if bot_token else None
        self.users: dict[int, UserState] = {}
        self.chats: dict[int, ChatState] = {}
        self.files = FileStore()
        self.requests: list[RequestLog] = []
        self.answered_callbacks: list[dict] = []
        self.callback_queries: dict[str, dict] = {}
        self.events: list[dict] = []  # change log for /control/updates-since
        self.bot_settings: dict[str, Any] = {"commands": {}, "webhook": None}
        self._updates: dict[int | None, list[dict]] = {}
        self._allowed_updates: dict[int, list[str]] = {}
        self._next_update_id = 1
        self._next_user_id = 100000001
        self._next_group_id = 1
        self._next_callback_id = 1
        self._floodctl = FloodControl()
        self._cond = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.base_url = self.base_file_url = self.page_url = ""
        self.roles: dict[int, str] = {}  # the web page's label of each person: seller, buyer...
        self.sandbox_chats: dict[str, int] = {}  # "admin"/"catalogue" -> chat id
        self.setup_chats = setup_chats
        self._persister = None
        if state_dir is not None:
            from .persist import Persister

            self._persister = Persister(self, state_dir)

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> StandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        self._closing = False
        if self._persister is not None:
            self._persister.load()
        if self.setup_chats:
            await self.ensure_sandbox_chats()
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        root = f"http://{self.host}:{self.port}"
        self.base_url = f"{root}/bot"
        self.base_file_url = f"{root}/file/bot"
        self.page_url = f"{root}/"

    async def stop(self) -> None:
        self._closing = True
        await self._changed()  # release long polls and waiters
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._persister is not None:
            await self._persister.close()

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        self.add_control_routes(app)
        self.add_profile_routes(app)
        self.add_web_routes(app)
        return app

    # ------------------------------------------------------------------ shared state helpers

    @property
    def bot(self) -> dict:
        return bot_user(self.bot_id or 0, self.bot_username, self.bot_name)

    def _learn_bot(self, bot_id: int) -> None:
        if self.bot_id is None:
            self.bot_id = bot_id
        if None in self._updates and bot_id == self.bot_id:
            self._updates.setdefault(bot_id, []).extend(self._updates.pop(None))

    async def _changed(self, event: dict | None = None) -> None:
        if event is not None:
            event["seq"] = len(self.events) + 1
            event["time"] = time.time()
            self.events.append(event)
        self._persist_soon()
        async with self._cond:
            self._cond.notify_all()

    def _persist_soon(self) -> None:
        if self._persister is not None and not self._closing:
            self._persister.schedule()

    def _push_update(self, kind: str, obj: dict) -> dict:
        update = {"update_id": self._next_update_id, kind: obj}
        self._next_update_id += 1
        self._updates.setdefault(self.bot_id, []).append(update)
        return update

    def _add_record(self, cs: ChatState, message: dict, from_bot: bool, sender_id: int | None,
                    keyboard: dict | None = None) -> Record:
        rec = Record(message=message, from_bot=from_bot, sender_id=sender_id, keyboard=keyboard)
        cs.records.append(rec)
        return rec

    def _new_message_id(self, cs: ChatState) -> int:
        mid = cs.next_message_id
        cs.next_message_id += 1
        return mid

    # ------------------------------------------------------------------ HTTP: Bot API

    async def _read_params(self, request: web.Request) -> tuple[dict, dict[str, Upload]]:
        params: dict[str, Any] = dict(request.query)
        uploads: dict[str, Upload] = {}
        if request.method == "POST" and request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise spec.bad_request("can't parse JSON") from None
                if not isinstance(body, dict):
                    raise spec.bad_request("JSON body must be an object")
                params.update(body)
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        uploads[key] = Upload(key, value.filename, value.content_type,
                                              value.file.read())
                    else:
                        params[key] = value
        return params, uploads

    async def _handle_bot(self, request: web.Request) -> web.Response:
        token, method_name = request.match_info["token"], request.match_info["method"]
        entry = RequestLog(method=method_name, params={}, time=time.time())
        self.requests.append(entry)
        try:
            result = await self._dispatch(request, token, method_name, entry)
            body: dict[str, Any] = {"ok": True, "result": result}
            status = 200
        except ApiError as err:
            body, status = err.to_json(), err.code
            entry.description = err.description
        except Exception as err:  # a bug of the stand-in: answer like a broken server would
            log.exception("stand-in failed on %s", method_name)
            body = ApiError(500, f"Internal Server Error: {type(err).__name__}: {err}").to_json()
            status = 500
            entry.description = body["description"]
        entry.status = status
        if status >= 500 or status == 429:
            log.debug("stand-in %s -> %s %s", method_name, status, body.get("description"))
        self._persist_soon()  # e.g. getUpdates confirmed updates; unchanged state is not written
        return web.json_response(body, status=status, dumps=JSON_DUMPS)

    async def _dispatch(self, request: web.Request, token: str, method_name: str,
                        entry: RequestLog) -> Any:
        if not spec.TOKEN_RE.match(token):
            raise ApiError(401, "Unauthorized")
        bot_id = int(token.split(":")[0])
        entry.bot_id = bot_id
        self._learn_bot(bot_id)
        method = spec.find_method(method_name)
        if method is None:
            raise ApiError(404, "Not Found")
        name = method["name"]
        entry.method = name
        params, uploads = await self._read_params(request)
        fields = {f["name"] for f in method.get("fields", [])}
        attachments = {k: v for k, v in uploads.items() if k not in fields}
        for key, up in uploads.items():
            if key in fields:
                params[key] = up
        entry.params = {k: (f"<file {v.filename} {len(v.data)} bytes>" if isinstance(v, Upload) else v)
                        for k, v in params.items()}
        self.check_profile(name, {})  # a method the platform lacks: before anything else
        await self._inject_faults(name)
        p = spec.coerce(name, params, attachments)
        self.check_profile(name, p)
        if self._counts_for_flood(name):
            self._check_flood(bot_id, name, p)
        handler = getattr(self, f"m_{name.lower()}", None)
        if handler is not None:
            return await handler(bot_id, p, attachments)
        if method.get("returns") == ["Boolean"]:
            return True
        raise ApiError(501, "Not Implemented in stand-in")

    async def _inject_faults(self, method: str) -> None:
        f = self.faults
        if not f.applies(method):
            return
        delay = f.latency()
        if delay > 0:
            await asyncio.sleep(delay)
        if f.timeout > 0 and f.rng.random() < f.timeout_rate:
            await asyncio.sleep(f.timeout)
        if f.error_rate and f.rng.random() < f.error_rate:
            raise ApiError(502, "Bad Gateway")
        if f.flood_rate and f.rng.random() < f.flood_rate:
            n = f.flood_retry_after
            raise ApiError(429, f"Too Many Requests: retry after {n}", {"retry_after": n})

    @staticmethod
    def _counts_for_flood(method: str) -> bool:
        m = method.lower()
        return (m.startswith("send") and m != "sendchataction") or m in (
            "copymessage", "forwardmessage") or m.startswith("edit")

    def _check_flood(self, bot_id: int, method: str, p: dict) -> None:
        lim = self.flood
        if lim.window:
            self._check_flood_window(bot_id, method, p)
            return
        keys: list[tuple[tuple, float, float]] = [
            (("bot", bot_id), lim.global_rate / lim.global_per, lim.global_burst)]
        cs = self._lookup_chat(p.get("chat_id"))
        if cs is not None:
            if cs.type == "private":
                keys.append((("chat", cs.id), lim.private_rate / lim.private_per, lim.private_burst))
            else:
                keys.append((("chat", cs.id), lim.group_rate / lim.group_per, lim.group_burst))
        wait = self._floodctl.take(lim, keys)
        if wait:
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    def _check_flood_window(self, bot_id: int, method: str, p: dict) -> None:
        lim = self.flood
        if not lim.enabled or method.lower().startswith("edit"):  # Telegram counts no edits
            return
        keys: list[tuple[tuple, int, float]] = [
            (("bot", bot_id), int(lim.global_rate), lim.global_per)]
        cs = self._lookup_chat(p.get("chat_id"))
        if cs is not None:
            if cs.type == "private":
                keys.append((("chat", cs.id), int(lim.private_rate), lim.private_per))
            else:
                keys.append((("chat", cs.id), int(lim.group_rate), lim.group_per))
        wait = self._floodctl.take_window(keys)
        if wait:
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    def _lookup_chat(self, chat_id: Any) -> ChatState | None:
        if chat_id is None:
            return None
        if isinstance(chat_id, str):
            if chat_id.startswith("@"):
                name = chat_id[1:].lower()
                for cs in self.chats.values():
                    if (cs.chat.get("username") or "").lower() == name:
                        return cs
                return None
            try:
                chat_id = int(chat_id)
            except ValueError:
                return None
        cs = self.chats.get(chat_id)
        if cs is None and chat_id in self.users:
            cs = self._private_chat(self.users[chat_id])
        return cs

    def _private_chat(self, us: UserState) -> ChatState:
        uid = us.user["id"]
        cs = self.chats.get(uid)
        if cs is None:
            chat = {"id": uid, "type": "private", "first_name": us.user["first_name"]}
            for k in ("last_name", "username"):
                if k in us.user:
                    chat[k] = us.user[k]
            cs = self.chats[uid] = ChatState(chat=chat, members={uid})
        return cs

    # ------------------------------------------------------------------ HTTP: files

    async def _handle_file(self, request: web.Request) -> web.Response:
        if not spec.TOKEN_RE.match(request.match_info["token"]):
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        fr = self.files.by_path.get(request.match_info["file_path"])
        if fr is None:
            return web.json_response(ApiError(404, "Not Found").to_json(), status=404)
        return web.Response(body=fr.data, content_type=fr.mime_type or "application/octet-stream")
