"""Every user-facing string comes from `locales/<lang>/*.ftl` (Project Fluent).

Keys are kebab-case literals in the code (`t("reg-ask-name")`) so that a test can find every
key used and check that both locales define it. Integer arguments reach Fluent as numbers (so
that plural selectors such as `[one]` work) and are written with the locale's digits and
thousands separators (Persian digits for `fa`).

The bot speaks Persian unless the person chose English in the settings: Telegram's own
language setting is not a choice (many Persian speakers run Telegram in English).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.resolver import CurrentEnvironment, ResolverEnvironment
from fluent.runtime.types import FluentInt, FluentType
from fluent.runtime.utils import native_to_fluent
from fluent.syntax import ast

from bot import persian

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("fa", "en")
FALLBACK = "fa"


_OMITTED = "\x00"


class _Omit:
    """Pass `OMIT` as an argument to leave out the line it is on (an empty value is never shown
    raw: no «ندارد» for a missing note, no blank line for a missing address)."""

    def __repr__(self) -> str:
        return "OMIT"


OMIT = _Omit()
Omit = _Omit  # its type, for an argument that is a text or left out


class LocalNumber(FluentInt):
    """An integer that Fluent can select plural forms on, written the way the locale writes it."""

    latin: bool = True

    def format(self, locale: object) -> str:
        return persian.format_number(int(self), latin=self.latin)

    def __str__(self) -> str:
        return self.format(None)

    def __format__(self, spec: str) -> str:
        return self.format(None) if not spec else int(self).__format__(spec)


class PersianNumber(LocalNumber):
    latin = False


class _Bundle(FluentBundle):
    """A bundle that keeps our `LocalNumber`s (fluent.runtime would turn every int back into a
    plain `FluentInt`, written with Latin digits)."""

    def format_pattern(self, pattern, args=None):
        fluent_args = {k: v if isinstance(v, FluentType) else native_to_fluent(v)
                       for k, v in (args or {}).items()}
        errors: list[Exception] = []
        env = ResolverEnvironment(context=self, current=CurrentEnvironment(args=fluent_args),
                                  errors=errors)
        try:
            result = pattern(env)
        except ValueError as e:
            errors.append(e)
            result = "{???}"
        return result, errors


class I18n:
    def __init__(self, directory: Path = LOCALES_DIR, default: str = FALLBACK) -> None:
        self.default = default if default in SUPPORTED else FALLBACK
        self.bundles: dict[str, FluentBundle] = {}
        self.keys: dict[str, set[str]] = {}
        for lang in SUPPORTED:
            bundle = _Bundle([lang], use_isolating=False)
            keys: set[str] = set()
            for path in sorted((directory / lang).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if isinstance(entry, ast.Junk):
                        raise ValueError(f"{path}: cannot parse: {(entry.content or '')[:80]!r}")
                    if isinstance(entry, ast.Message):
                        if entry.id.name in keys:
                            raise ValueError(f"{path}: duplicate key {entry.id.name}")
                        keys.add(entry.id.name)
                bundle.add_resource(resource)
            self.bundles[lang] = bundle
            self.keys[lang] = keys

    def resolve_locale(self, chosen: str | None, telegram_code: str | None = None) -> str:
        """The language chosen in the settings, else the default (Persian).

        `telegram_code` (the language of the person's Telegram app) is deliberately not used:
        the person's own choice in the settings is the only way to get English."""
        del telegram_code
        if chosen in SUPPORTED:
            return chosen
        return self.default

    def t(self, locale: str, key: str, args: Mapping[str, object] | None = None) -> str:
        bundle = self.bundles.get(locale) or self.bundles[self.default]
        if not bundle.has_message(key):
            log.error("missing locale key %s in %s", key, locale)
            bundle = self.bundles[FALLBACK]
            if not bundle.has_message(key):
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        rendered = {k: self._render_arg(locale, v) for k, v in (args or {}).items()}
        text, errors = bundle.format_pattern(message.value, rendered)
        if errors:
            log.error("locale %s key %s: %s", locale, key, errors)
        if not isinstance(text, str):
            return key
        if _OMITTED in text:
            text = "\n".join(line for line in text.split("\n") if _OMITTED not in line)
        return text

    @staticmethod
    def _render_arg(locale: str, value: object) -> object:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return PersianNumber(value) if locale == "fa" else LocalNumber(value)
        if value is None:
            return ""
        if value is OMIT:
            return _OMITTED
        return value


@cache
def default_i18n() -> I18n:
    return I18n()
