"""Bot API methods of the stand-in: ``m_<lowercase method name>(bot_id, params, attachments)``,
found by the server's dispatcher (``getattr(self, f"m_{name.lower()}")``).

By area, each a mixin of :class:`sandbox.server.StandIn`:

* ``base``: what they share (the target chat, the replied message, files, the bot's message);
* ``me``: the bot itself (getMe, updates and webhook, commands, descriptions, menu button);
* ``sending``: send*, copyMessage, forwardMessage;
* ``editing``: edit*, deleteMessage(s), answerCallbackQuery;
* ``chats``: getFile, getChat, members, pinning.
"""

from __future__ import annotations

from .base import CONTENT_KEYS, MEDIA_KINDS, NOT_MODIFIED, MethodHelpers
from .chats import ChatMethods
from .editing import EditingMethods
from .me import BotMethods
from .sending import SendingMethods

__all__ = ["CONTENT_KEYS", "MEDIA_KINDS", "NOT_MODIFIED", "MethodsMixin"]


class MethodsMixin(BotMethods, SendingMethods, EditingMethods, ChatMethods, MethodHelpers):
    """Every Bot API method the stand-in implements (the others answer True or 501)."""
