"""Every user-facing string comes from `locales/<lang>/*.ftl` (Project Fluent).

Keys are kebab-case literals in the code (`t("reg-ask-name")`) so that a test can find every
key used and check that both locales define it. Integer arguments are rendered with the
locale's digits and thousands separators (Persian digits for `fa`) before formatting.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

from bot import persian

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("fa", "en")
FALLBACK = "fa"


class I18n:
    def __init__(self, directory: Path = LOCALES_DIR, default: str = FALLBACK) -> None:
        self.default = default if default in SUPPORTED else FALLBACK
        self.bundles: dict[str, FluentBundle] = {}
        self.keys: dict[str, set[str]] = {}
        for lang in SUPPORTED:
            bundle = FluentBundle([lang], use_isolating=False)
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

    def resolve_locale(self, chosen: str | None, telegram_code: str | None) -> str:
        if chosen in SUPPORTED:
            return chosen
        if telegram_code:
            base = telegram_code.split("-")[0].lower()
            if base in SUPPORTED:
                return base
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
        return text if isinstance(text, str) else key

    @staticmethod
    def _render_arg(locale: str, value: object) -> object:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return persian.format_number(value, latin=locale != "fa")
        if value is None:
            return ""
        return value


@cache
def default_i18n() -> I18n:
    return I18n()
