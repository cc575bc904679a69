"""The layer lints catch what they are meant to catch.

`lint-imports` (import-linter, configured in pyproject.toml, run by .ci/run) checks the layers.
Each test copies the project's packages into a temporary directory, adds one module that breaks
a rule, and runs only that rule's contract there: it must fail and name the new import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "models", "sandbox")
CONTRACTS = {c["id"]: c for c in
             tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]}


def _copy_project(dest: Path) -> None:
    for pkg in PACKAGES:
        shutil.copytree(ROOT / pkg, dest / pkg,
                        ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "web", "samples"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")


def _lint(cwd: Path, contract: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", code, "--config", "pyproject.toml", "--contract", contract,
         "--no-cache"],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def test_a_handler_that_imports_sqlalchemy_fails_the_lint(tmp_path: Path) -> None:
    _copy_project(tmp_path)
    (tmp_path / "handlers" / "zz_probe.py").write_text(
        "from sqlalchemy import select\n\nQUERY = select\n")
    result = _lint(tmp_path, "handlers-no-sql")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert CONTRACTS["handlers-no-sql"]["name"] in out and "BROKEN" in out
    assert "handlers.zz_probe -> sqlalchemy" in out, out


def test_a_service_that_loads_telegram_through_another_module_fails_the_lint(
        tmp_path: Path) -> None:
    _copy_project(tmp_path)
    (tmp_path / "bot" / "zz_sender.py").write_text("import telegram\n\nBot = telegram.Bot\n")
    (tmp_path / "bot" / "services" / "zz_probe.py").write_text(
        "from bot import zz_sender\n\nSENDER = zz_sender\n")
    result = _lint(tmp_path, "services-no-telegram")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert CONTRACTS["services-no-telegram"]["name"] in out and "BROKEN" in out
    assert "bot.services.zz_probe -> bot.zz_sender" in out, out
    assert "bot.zz_sender -> telegram" in out, out


def test_an_import_cycle_fails_the_lint(tmp_path: Path) -> None:
    """Late imports inside functions count too: they hide a cycle, they do not remove it."""
    _copy_project(tmp_path)
    (tmp_path / "bot" / "zz_egg.py").write_text(
        "def hatch():\n    from bot import zz_hen\n\n    return zz_hen\n")
    (tmp_path / "bot" / "zz_hen.py").write_text("from bot import zz_egg\n\nEGG = zz_egg\n")
    result = _lint(tmp_path, "no-cycles")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert CONTRACTS["no-cycles"]["name"] in out and "BROKEN" in out
    assert "No cycles are allowed in bot" in out and "zz_" in out, out
