from __future__ import annotations

import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings

VARS = ("BOT_TOKEN", "ADMIN_IDS", "ADMIN_CHAT_ID", "DATABASE_URL", "CATALOGUE_CHANNEL_ID",
        "BOT_API_BASE_URL", "DEFAULT_LOCALE")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for var in VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


@pytest.mark.parametrize(
    ("value", "expected"), [("1,2", (1, 2)), ("[3, 4]", (3, 4)), ("", ()), (" 5 ", (5,))]
)
def test_admin_ids_forms(monkeypatch: pytest.MonkeyPatch, value: str, expected: tuple) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    assert load_settings().admin_ids == expected


@pytest.mark.parametrize(
    ("var", "value"),
    [("ADMIN_IDS", "abc"), ("ADMIN_IDS", "[1, \"x\"]"), ("BOT_TOKEN", "not-a-token"),
     ("ADMIN_CHAT_ID", "group"), ("DATABASE_URL", "mysql://x"), ("DEFAULT_LOCALE", "de"),
     ("BOT_API_BASE_URL", "ftp://x"), ("CATALOGUE_CHANNEL_ID", "channel")],
)
def test_malformed_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch, var: str, value: str) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as exc:
        load_settings()
    text = str(exc.value)
    assert var in text and "expected" in text
    assert "Traceback" not in text


def test_defaults_without_token_mean_sandbox() -> None:
    s = load_settings()
    assert s.sandbox_mode
    assert s.database_url.startswith("sqlite+aiosqlite:///")
    assert s.default_locale == "fa"
    assert s.bot_api_base_url == "https://api.telegram.org/bot"


def test_dotenv_file_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text("ADMIN_IDS=7,8\nCATALOGUE_CHANNEL_ID=@hamyar_shop\n")
    s = load_settings()
    assert s.admin_ids == (7, 8)
    assert s.catalogue_channel_id == "@hamyar_shop"


def test_cli_prints_one_clear_line_and_no_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"PATH": "/usr/bin:/bin", "ADMIN_IDS": "abc"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "Configuration error: ADMIN_IDS is malformed — expected Telegram user ids of managers: "
        "a JSON list [1, 2] or comma-separated 1,2."
    ]
