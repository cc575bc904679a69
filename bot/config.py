"""Settings, read from the environment and `.env` (pydantic-settings).

Nothing here runs at import time: `load_settings()` is called by the entry point, and a
missing or malformed variable becomes one clear line (see `describe_errors`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_FILE_URL = "https://api.telegram.org/file/bot"
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
    "OUTBOX_PACE_SCALE": "a number from 1 (Telegram's limits) to 1000, for stand-ins only",
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
    # Telegram's flood limits divided by this for the outbox's own pace. Leave it at 1 against
    # Telegram; the sandbox and tests use a stand-in whose limits are scaled the same way.
    outbox_pace_scale: float = Field(default=1.0, ge=1.0, le=1000.0)

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
