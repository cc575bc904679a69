"""Every key the code uses exists in every locale, and the locales have the same keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

from harness import BotHarness

from bot.i18n import SUPPORTED, I18n

ROOT = Path(__file__).resolve().parent.parent
# t("key"), context.t("key", ...), label_filter(i18n, "a", "b"), labels(i18n, "a"),
# keys in *_KEYS dicts and InputError("key", ...)
CALL = re.compile(
    r"""(?:\bt|InputError|_leave|reask|show_main_menu|label_filter|labels)\((?:[^()"']*?,\s*)?((?:"[a-z0-9-]+"(?:,\s*)?)+)"""
)
DICT_VALUE = re.compile(r""":\s*"([a-z]+(?:-[a-z0-9]+)+)\"""")
KEY = re.compile(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"')


def used_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            src = path.read_text(encoding="utf-8")
            for m in CALL.finditer(src):
                keys.update(KEY.findall(m.group(1)))
            for m in DICT_VALUE.finditer(src):
                keys.add(m.group(1))
    return keys


def test_both_locales_have_the_same_keys() -> None:
    i18n = I18n()
    fa, en = i18n.keys["fa"], i18n.keys["en"]
    assert fa - en == set(), f"only in fa: {sorted(fa - en)}"
    assert en - fa == set(), f"only in en: {sorted(en - fa)}"


def test_every_key_used_in_code_exists() -> None:
    i18n = I18n()
    used = used_keys()
    assert len(used) > 40, "the key scanner found too little; is the pattern still right?"
    for lang in SUPPORTED:
        missing = used - i18n.keys[lang]
        assert not missing, f"{lang} lacks {sorted(missing)}"


def test_scanner_sees_a_missing_key(tmp_path: Path) -> None:
    """Guard against a scanner that silently matches nothing."""
    src = 'context.t("no-such-key", x=1)\nraise InputError("reg-err-x", max=3)'
    found: set[str] = set()
    for m in CALL.finditer(src):
        found.update(KEY.findall(m.group(1)))
    assert found == {"no-such-key", "reg-err-x"}


def test_persian_strings_have_no_latin_words() -> None:
    """No English leaking into the Persian interface (commands like /cancel are fine)."""
    i18n = I18n()
    allowed = {"English", "cancel", "start", "help", "settings", "register"}
    variables = set()
    for path in (ROOT / "locales" / "fa").glob("*.ftl"):
        variables |= set(re.findall(r"\{ *\$([a-z_]+) *\}", path.read_text(encoding="utf-8")))
    args = {v: "۱" for v in variables}
    for key in i18n.keys["fa"]:
        text = i18n.t("fa", key, args)
        text = re.sub(r"[/@][A-Za-z_]+", "", text)  # commands and @usernames are fine
        words = set(re.findall(r"[A-Za-z]{2,}", text)) - allowed
        assert not words, f"{key}: {words}"


def test_persian_numbers_are_rendered_with_persian_digits() -> None:
    i18n = I18n()
    text = i18n.t("fa", "ord-err-address-long", {"words": 5000})
    assert "۵٬۰۰۰ کلمه" in text
    assert "5000" not in text
    assert "5,000 words" in i18n.t("en", "ord-err-address-long", {"words": 5000})
    assert "about one word" in i18n.t("en", "ord-err-address-long", {"words": 1}), "Fluent plurals"


def test_every_menu_command_has_its_cmd_key_and_no_key_is_stray() -> None:
    from bot.app import MENU

    i18n = I18n()
    for lang in SUPPORTED:
        keys = {k for k in i18n.keys[lang] if k.startswith("cmd-")}
        assert keys == {f"cmd-{c}" for c in MENU}, lang


async def test_the_command_menu_is_set_from_the_locales(bot: BotHarness) -> None:

    menus = {}
    for r in bot.sb.requests:
        if r.method.lower() == "setmycommands" and r.status == 200:
            commands = r.params["commands"]
            commands = json.loads(commands) if isinstance(commands, str) else commands
            menus[r.params.get("language_code")] = [(c["command"], c["description"]) for c in commands]
    assert menus[None][:2] == [("start", "شروع"), ("browse", "دیدن محصولات")]
    assert menus["en"][-1] == ("settings", "Settings and language")
    assert len(menus[None]) == len(menus["en"]) == 8
