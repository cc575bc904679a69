"""Where the bot's shared chats are, for services that write to them through the outbox.

Set once by `bot.app.build_application` (and the bot's username after it has asked getMe);
services read it instead of importing settings, so they stay free of the Application.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ==== Platforms: the one place that knows Telegram from Bale ===================================
# Payloads are packed by bot/callbacks/; the links that carry them are built here, and
# nowhere else, by the platform's rules. Sources for Bale: the notes (links are not
# t.me, start payloads reported unsupported), Bale's Bot API documentation (docs.bale.ai: the
# method list, chat types private/group/channel, base URL https://tapi.bale.ai/bot<token>/),
# and README «Running on Bale» for what has not been checked on the real service.

@dataclass(frozen=True)
class Platform:
    name: str
    link_host: str  # bot, channel and post links: https://<host>/<username>
    start_payloads: bool  # does a link to the bot carry `?start=<payload>` to /start?
    post_links: bool  # does https://<host>/<channel>/<message id> open one post?
    # Bot API methods this platform does not have: the bot never calls them (checked with
    # `Runtime.lacks` at each call site of such a method; today bot.app's setMyCommands).
    lacks: frozenset[str] = frozenset()


TELEGRAM = Platform("telegram", "t.me", start_payloads=True, post_links=True)
BALE = Platform(
    "bale", "ble.ir",
    # Reported unsupported (issue 15); the documentation does not describe deep-link
    # payloads: the safe path is a plain link to the bot and the listing's code to type.
    start_payloads=False,
    # Not documented: a post is linked by its channel only.
    post_links=False,
    # Not in Bale's method list (docs.bale.ai, «متدها»); the bot uses only setMyCommands of
    # these, and only on Telegram.
    lacks=frozenset({"setMyCommands", "getMyCommands", "deleteMyCommands", "setChatMenuButton",
                     "setMessageReaction", "answerInlineQuery", "editMessageMedia", "sendPoll",
                     "forwardMessages", "copyMessages"}),
)
PLATFORMS = {p.name: p for p in (TELEGRAM, BALE)}


@dataclass
class Runtime:
    admin_chat_id: int | None = None
    catalogue_channel_id: int | str | None = None
    bot_username: str = "hamyar_bot"
    managers: tuple[int, ...] = field(default_factory=tuple)
    channel_username: str | None = None  # learnt with getChat when the id is numeric
    platform: Platform = TELEGRAM

    def lacks(self, method: str) -> bool:
        """This platform has no such Bot API method: do not call it."""
        return method in self.platform.lacks

    def bot_link(self) -> str:
        return f"https://{self.platform.link_host}/{self.bot_username}"

    def deep_link(self, payload: str) -> str:
        """A link that opens the bot with `/start <payload>`, where the platform has start
        payloads; elsewhere a plain link to the bot (the message then carries the code)."""
        if not self.platform.start_payloads:
            return self.bot_link()
        return f"{self.bot_link()}?start={payload}"

    def _channel_name(self) -> str | None:
        channel = self.catalogue_channel_id
        if isinstance(channel, str) and channel.startswith("@"):
            return channel[1:]
        return self.channel_username

    def channel_link(self) -> str | None:
        name = self._channel_name()
        return f"https://{self.platform.link_host}/{name}" if name else None

    def channel_post_link(self, message_id: int) -> str | None:
        channel = self.catalogue_channel_id
        if channel is None:
            return None
        name = self._channel_name()
        if not self.platform.post_links:
            return self.channel_link()
        if name:
            return f"https://{self.platform.link_host}/{name}/{message_id}"
        text = str(channel)
        if text.startswith("-100"):
            return f"https://t.me/c/{text[4:]}/{message_id}"
        return None


current = Runtime()


def configure(**values: object) -> Runtime:
    for key, value in values.items():
        setattr(current, key, value)
    return current
