"""Where the bot's shared chats are, for services that write to them through the outbox.

Set once by `bot.app.build_application` (and the bot's username after it has asked getMe);
services read it instead of importing settings, so they stay free of the Application.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Runtime:
    admin_chat_id: int | None = None
    catalogue_channel_id: int | str | None = None
    bot_username: str = "hamyar_bot"
    managers: tuple[int, ...] = field(default_factory=tuple)
    channel_username: str | None = None  # learnt with getChat when the id is numeric

    def deep_link(self, payload: str) -> str:
        return f"https://t.me/{self.bot_username}?start={payload}"

    def channel_post_link(self, message_id: int) -> str | None:
        channel = self.catalogue_channel_id
        if channel is None:
            return None
        if isinstance(channel, str) and channel.startswith("@"):
            return f"https://t.me/{channel[1:]}/{message_id}"
        if self.channel_username:
            return f"https://t.me/{self.channel_username}/{message_id}"
        text = str(channel)
        if text.startswith("-100"):
            return f"https://t.me/c/{text[4:]}/{message_id}"
        return None


current = Runtime()


def configure(**values: object) -> Runtime:
    for key, value in values.items():
        setattr(current, key, value)
    return current
