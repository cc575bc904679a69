"""The bot itself: getMe, logOut and close, getUpdates and the webhook, commands, descriptions
and the menu button."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from .. import spec
from ..objects import bot_user
from ..spec import ApiError

if TYPE_CHECKING:
    from ..server import StandIn

    _Base = StandIn
else:
    _Base = object


class BotMethods(_Base):
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
