"""Locale files are merged from parallel work (a union merge, .gitattributes): a key defined
twice in one locale would silently take one of its texts. Each key is defined once."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"
KEY = re.compile(r"^([a-z][a-z0-9-]*)\s*=", re.M)


def test_every_key_is_defined_once_per_locale() -> None:
    for lang_dir in sorted(p for p in LOCALES.iterdir() if p.is_dir()):
        keys = Counter(k for f in sorted(lang_dir.glob("*.ftl")) for k in KEY.findall(f.read_text()))
        assert [k for k, n in keys.items() if n > 1] == [], lang_dir.name


def test_the_check_sees_a_key_written_twice(tmp_path: Path) -> None:
    text = "a-key = one\nother = x\na-key = two\n"
    assert [k for k, n in Counter(KEY.findall(text)).items() if n > 1] == ["a-key"]
