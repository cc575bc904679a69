"""Settings, read from the environment and `.env` (pydantic-settings).

Nothing here runs at import time: `load_settings()` is called by the entry point, and a
missing or malformed variable becomes one clear line (see `describe_errors`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC
from datetime import time as dt_time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_FILE_URL = "https://api.telegram.org/file/bot"
# Bale (بله) serves the same Bot API shape here (README «Running on Bale»).
BALE_API_URL = "https://tapi.bale.ai/bot"
BALE_FILE_URL = "https://tapi.bale.ai/file/bot"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/hamyar.db"

# What each variable expects, in the words used when it is missing or malformed.
EXPECTATIONS: dict[str, str] = {
    "BOT_TOKEN": "the token BotFather gave you, like 123456789:AAE...",
    "BOT_API_BASE_URL": "an http(s) URL ending before the token, like https://api.telegram.org/bot",
    "BOT_API_FILE_URL": "an http(s) URL ending before the token, like https://api.telegram.org/file/bot",
    "DATABASE_URL": "an SQLAlchemy async URL: sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db",
    "ADMIN_CHAT_ID": "the numeric id of the trainers' group, like -1001234567890",
    "CATALOGUE_CHANNEL_ID": "the channel's numeric id (-100...) or its @username",
    "ADMIN_IDS": "Telegram user ids of managers: a JSON list [1, 2] or comma-separated 1,2",
    "DEFAULT_LOCALE": "fa or en",
    "WEBHOOK_URL": "the public https URL Telegram should post updates to",
    "WEBHOOK_SECRET": "1-256 characters of A-Z a-z 0-9 _ -",
    "WEBHOOK_LISTEN": "the address to listen on, like 0.0.0.0",
    "WEBHOOK_PORT": "a port number, like 8443",
    "LOG_LEVEL": "DEBUG, INFO, WARNING or ERROR",
    "MAX_CONCURRENT_UPDATES": "a whole number from 1 to 4096",
    "POLL_TIMEOUT": "seconds, a whole number from 0 to 50",
    "SEND_LIMIT_OVERALL": "a whole number of sends per second, from 1 to 1000",
    "SEND_LIMIT_PRIVATE": "a whole number of sends per second into one private chat, from 1 to 100",
    "SEND_LIMIT_GROUP": "a whole number of sends per minute into one group or channel, from 1 to 6000",
    "SEND_PACE_SCALE": "a number from 1 (Telegram's limits) to 1000, for stand-ins only",
    "OUTBOX_KEEP_SENT_DAYS": "days to keep sent outbox rows, a number from 0 (for ever) to 3650",
    "LOG_FORMAT": "text or json",
    "HEALTH_LISTEN": "the address for /healthz and /metrics, like 127.0.0.1",
    "HEALTH_PORT": "a port number for /healthz and /metrics, or 0 for none",
    "HEALTH_API_STALE_AFTER": "seconds, a whole number from 10 to 86400",
    "OUTBOX_STUCK_AFTER": "seconds, a whole number from 10 to 86400",
    "BACKUP_DIR": "a directory for backups, like backups or /var/backups/hamyar",
    "BACKUP_KEEP": "how many backups to keep, a whole number from 1 to 1000",
    "BACKUP_TIME": "the daily backup's time in UTC as HH:MM, like 03:30, or empty for none",
    "PLATFORM": "telegram or bale",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    bot_api_base_url: str = TELEGRAM_API_URL
    bot_api_file_url: str = TELEGRAM_FILE_URL
    database_url: str = DEFAULT_DATABASE_URL
    admin_chat_id: int | None = None
    catalogue_channel_id: int | str | None = None
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    default_locale: Literal["fa", "en"] = "fa"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_concurrent_updates: int = Field(default=256, ge=1, le=4096)
    poll_timeout: int = Field(default=30, ge=0, le=50)
    # The token's send budget (bot/outbox/budget.py), shared by the replies and the outbox:
    # Telegram's limits by default; other Bot API servers may allow more or less.
    send_limit_overall: int = Field(default=30, ge=1, le=1000)  # per second
    send_limit_private: int = Field(default=1, ge=1, le=100)  # per second, per private chat
    send_limit_group: int = Field(default=20, ge=1, le=6000)  # per minute, per group/channel
    # Every period of the budget divided by this. Leave it at 1 against Telegram; the sandbox
    # and tests use a stand-in whose limits are scaled the same way. (OUTBOX_PACE_SCALE, its
    # old name, is still read.)
    send_pace_scale: float = Field(
        default=1.0, ge=1.0, le=1000.0,
        validation_alias=AliasChoices("send_pace_scale", "outbox_pace_scale"))
    # Sent outbox rows older than this are deleted (failed ones stay); 0 keeps them for ever.
    outbox_keep_sent_days: float = Field(default=7.0, ge=0.0, le=3650.0)
    # Running it on a server (bot/ops): JSON log lines, /healthz and /metrics, backups.
    log_format: Literal["text", "json"] = "text"
    health_listen: str = "127.0.0.1"
    health_port: int = Field(default=8090, ge=0, le=65535)
    health_api_stale_after: int = Field(default=300, ge=10, le=86400)
    outbox_stuck_after: int = Field(default=600, ge=10, le=86400)
    backup_dir: str = "backups"
    backup_keep: int = Field(default=14, ge=1, le=1000)
    backup_time: dt_time | None = None
    # Which messenger serves the Bot API: its link forms, start payloads and missing methods
    # (bot/services/runtime.py PLATFORMS). With bale and no BOT_API_BASE_URL/BOT_API_FILE_URL
    # of its own, Bale's URLs are used.
    platform: Literal["telegram", "bale"] = "telegram"

    @model_validator(mode="after")
    def _platform_urls(self) -> Settings:
        if self.platform == "bale":
            if self.bot_api_base_url == TELEGRAM_API_URL:
                self.bot_api_base_url = BALE_API_URL
            if self.bot_api_file_url == TELEGRAM_FILE_URL:
                self.bot_api_file_url = BALE_FILE_URL
        return self

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, v: object) -> object:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, str):
            v = v.strip()
            head, _, tail = v.partition(":")
            if not head.isdigit() or len(tail) < 10:
                raise ValueError("malformed token")
        return v

    @field_validator("bot_api_base_url", "bot_api_file_url", "webhook_url", mode="before")
    @classmethod
    def _url(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is None or (isinstance(v, str) and not v.strip()):
            defaults = {"bot_api_base_url": TELEGRAM_API_URL, "bot_api_file_url": TELEGRAM_FILE_URL}
            return defaults.get(info.field_name or "")
        if not isinstance(v, str):
            raise ValueError("not a URL")
        v = v.strip()
        if not v.startswith(("http://", "https://")):
            raise ValueError("not an http(s) URL")
        return v

    @field_validator("database_url")
    @classmethod
    def _db(cls, v: str) -> str:
        if not v.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("unsupported database URL")
        return v

    @field_validator("catalogue_channel_id", mode="before")
    @classmethod
    def _channel(cls, v: object) -> object:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, str):
            v = v.strip()
            if v.lstrip("-").isdigit():
                return int(v)
            if not v.startswith("@") or len(v) < 6:
                raise ValueError("not a channel id")
        return v

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, v: object) -> object:
        return v.strip().lower() if isinstance(v, str) else v

    @field_validator("health_port", mode="before")
    @classmethod
    def _port_or_off(cls, v: object) -> object:
        return 0 if isinstance(v, str) and not v.strip() else v

    @field_validator("backup_time", mode="before")
    @classmethod
    def _backup_time(cls, v: object) -> object:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, str):
            hh, sep, mm = v.strip().partition(":")
            if not sep or not hh.isdigit() or not mm.isdigit() or len(mm) != 2:
                raise ValueError("not HH:MM")
            return dt_time(int(hh), int(mm), tzinfo=UTC)
        return v

    @field_validator("admin_chat_id", mode="before")
    @classmethod
    def _empty_none(cls, v: object) -> object:
        if isinstance(v, str) and not v.strip():
            return None
        return v

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, v: object) -> object:
        if v is None:
            return ()
        if isinstance(v, str):
            text = v.strip()
            if not text:
                return ()
            if text.startswith("["):
                v = json.loads(text)
            else:
                v = [p.strip() for p in text.split(",") if p.strip()]
        if isinstance(v, int):
            v = [v]
        if not isinstance(v, Iterable):
            raise ValueError("not a list of user ids")
        out = []
        for item in v:
            if isinstance(item, bool) or not str(item).strip().isdigit():
                raise ValueError("not a list of user ids")
            out.append(int(item))
        return tuple(out)

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret(cls, v: object) -> object:
        if v is None or (isinstance(v, str) and not v):
            return None
        if isinstance(v, str):
            import re

            if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", v):
                raise ValueError("bad secret")
        return v

    # -- derived -------------------------------------------------------------------------
    @property
    def token(self) -> str:
        if self.bot_token is None:
            raise RuntimeError("BOT_TOKEN is not set")
        return self.bot_token.get_secret_value()

    @property
    def sandbox_mode(self) -> bool:
        """No token: `python -m bot` starts the local stand-in Bot API and talks to it."""
        return self.bot_token is None

    def sqlite_path(self) -> Path | None:
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix):
            rest = self.database_url[len(prefix) :].split("?", 1)[0]
            return None if rest in ("", ":memory:") else Path(rest)
        return None


class ConfigError(Exception):
    """A setting is missing or malformed; `str()` is the line to show."""


def describe_errors(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else "?"
        var = field.upper()
        expected = EXPECTATIONS.get(var, "a valid value")
        lines.append(f"Configuration error: {var} is malformed — expected {expected}.")
    return "\n".join(lines)


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(describe_errors(exc)) from None
    except (json.JSONDecodeError, ValueError) as exc:  # from NoDecode JSON parsing
        raise ConfigError(f"Configuration error: {exc}") from None
