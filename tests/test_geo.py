from __future__ import annotations

import dataclasses
import re
import unicodedata

import pytest

from bot import geo
from bot.geo import ALL_CITIES, CRAFTS, PROVINCES, city, craft, find_city, find_craft, province

CODE_RE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?")

SEED_CITIES = [
    ("az_east.tabriz", "تبریز", "Tabriz"),
    ("isfahan.isfahan", "اصفهان", "Isfahan"),
    ("tehran.tehran", "تهران", "Tehran"),
    ("zanjan.zanjan", "زنجان", "Zanjan"),
    ("zanjan.abhar", "ابهر", "Abhar"),
    ("zanjan.khodabandeh", "خدابنده", "Khodabandeh"),
    ("zanjan.khorramdareh", "خرمدره", "Khorramdareh"),
    ("zanjan.mahneshan", "ماهنشان", "Mahneshan"),
    ("zanjan.ijrud", "ایجرود", "Ijrud"),
]


def test_31_provinces() -> None:
    assert len(PROVINCES) == 31
    assert len({p.fa for p in PROVINCES}) == 31
    assert len({p.en for p in PROVINCES}) == 31


def test_codes_unique() -> None:
    codes = [p.code for p in PROVINCES] + [c.code for c in ALL_CITIES]
    assert len(codes) == len(set(codes))


def test_codes_ascii_and_short() -> None:
    for code in [p.code for p in PROVINCES] + [c.code for c in ALL_CITIES]:
        assert code.isascii(), code
        assert CODE_RE.fullmatch(code), code
        assert len(code.encode()) <= 20, code


@pytest.mark.parametrize("p", PROVINCES, ids=lambda p: p.code)
def test_province_shape(p: geo.Province) -> None:
    assert 5 <= len(p.cities) <= 13
    assert p.capital is p.cities[0]
    assert province(p.code) is p
    for c in p.cities:
        assert c.province_code == p.code
        assert c.code.startswith(p.code + ".")
        assert city(c.code) is c
        assert c.fa and c.en
        assert not c.fa.isascii()
        assert c.en.isascii()
    assert len({c.fa for c in p.cities}) == len(p.cities)


def test_capitals() -> None:
    capitals = {p.code: p.capital.en for p in PROVINCES}
    assert capitals["az_east"] == "Tabriz"
    assert capitals["zanjan"] == "Zanjan"
    assert capitals["tehran"] == "Tehran"
    assert capitals["isfahan"] == "Isfahan"
    assert capitals["kh_razavi"] == "Mashhad"
    assert capitals["fars"] == "Shiraz"


def test_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROVINCES[0].code = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("code", "fa", "en"), SEED_CITIES)
def test_seed_cities_present(code: str, fa: str, en: str) -> None:
    c = city(code)
    assert c is not None
    assert (c.fa, c.en) == (fa, en)
    assert c in find_city(fa)
    assert c in find_city(en)
    assert c in find_city(en.upper())


def test_unknown_codes() -> None:
    assert province("atlantis") is None
    assert city("zanjan.atlantis") is None
    assert city(None) is None
    assert province("") is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("زنجان", "zanjan.zanjan"),
        ("تبريز", "az_east.tabriz"),  # Arabic yeh
        ("كرج", "alborz.karaj"),  # Arabic kaf
        ("كاشان", "isfahan.kashan"),
        ("كرمانشاه", "kermansh.kermanshah"),
        ("يزد", "yazd.yazd"),
        ("ايجرود", "zanjan.ijrud"),
        ("خرم دره", "zanjan.khorramdareh"),
        ("خرم\u200cدره", "zanjan.khorramdareh"),
        ("قیدار", "zanjan.khodabandeh"),  # the county centre
        ("قيدار", "zanjan.khodabandeh"),
        ("زرین آباد", "zanjan.ijrud"),
        ("شهرستان ابهر", "zanjan.abhar"),
        ("شهر ماهنشان", "zanjan.mahneshan"),
        ("  تبـریز ", "az_east.tabriz"),
        ("esfahan", "isfahan.isfahan"),
        ("ISFAHAN", "isfahan.isfahan"),
        ("نجف آباد", "isfahan.najafabad"),
        ("\u200fمشهد\u200f", "kh_razavi.mashhad"),
    ],
)
def test_find_city(typed: str, code: str) -> None:
    assert [c.code for c in find_city(typed)] == [code]


def test_find_city_prefix() -> None:
    assert [c.code for c in find_city("تبر")] == ["az_east.tabriz"]
    assert "zanjan.khorramdareh" in [c.code for c in find_city("خرم")]


def test_find_city_exact_before_prefix() -> None:
    # «اردبیل» is a province capital; no prefix matches such as «اردستان» are mixed in.
    assert [c.code for c in find_city("اردبیل")] == ["ardabil.ardabil"]


@pytest.mark.parametrize("typed", ["فارس", "Fars", "گیلان", "gilan", "آذربایجان شرقی"])
def test_find_city_province_name_is_not_a_prefix(typed: str) -> None:
    # «فارسان» and «گیلانغرب» start with a province's name; typing the province finds no city.
    assert find_city(typed) == []


def test_find_city_province_and_capital_share_a_name() -> None:
    assert [c.code for c in find_city("کرمان")] == ["kerman.kerman"]


def test_find_city_within_province() -> None:
    assert len(find_city("نورآباد")) == 2  # Fars and Lorestan
    assert [c.province_code for c in find_city("نورآباد", province_code="fars")] == ["fars"]


@pytest.mark.parametrize("typed", ["", "   ", None, "ن", "xyz", "آتلانتیس"])
def test_find_city_nothing(typed: str | None) -> None:
    assert find_city(typed) == []


# ------------------------------------------------------------------------------ crafts

SEED_CRAFTS = [
    ("enamel", "میناکاری"),
    ("filigree", "ملیله‌کاری"),
    ("noodles", "رشته‌بری"),
    ("socks", "جوراب‌بافی"),
    ("kilim", "گلیم‌بافی"),
    ("sewing", "خیاطی"),
    ("quilt", "لحاف‌دوزی"),
    ("dolls", "عروسک‌سازی"),
    ("food", "غذای خانگی"),
    ("clothing", "پوشاک"),
    ("decor", "تزئینی و لوازم خانه"),
    ("crochet", "قلاب‌بافی و بافتنی"),
    ("embroidery", "گلدوزی"),
    ("other", "سایر"),
]


@pytest.mark.parametrize(("code", "fa"), SEED_CRAFTS)
def test_crafts(code: str, fa: str) -> None:
    c = craft(code)
    assert c is not None
    assert c.fa == fa
    assert c.en.isascii()


def test_crafts_codes() -> None:
    codes = [c.code for c in CRAFTS]
    assert len(codes) == len(set(codes)) == len(SEED_CRAFTS)
    for code in codes:
        assert CODE_RE.fullmatch(code)
        assert len(code.encode()) <= 20
    assert craft("nope") is None
    assert craft(None) is None


@pytest.mark.parametrize("c", CRAFTS, ids=lambda c: c.code)
def test_craft_hashtag_is_valid_telegram_hashtag(c: geo.Craft) -> None:
    # Telegram (tdlib is_hashtag_letter): letters, decimal digits, "_" and ZWNJ only.
    tag = c.hashtag
    assert tag.startswith("#")
    body = tag[1:]
    assert body and len(body) <= 256
    assert " " not in body
    for ch in body:
        cat = unicodedata.category(ch)
        assert ch in ("_", "\u200c") or cat.startswith("L") or cat == "Nd", (tag, ch)
    assert geo.squash(body.replace("_", " ")) == geo.squash(c.fa)


def test_craft_hashtags_keep_zwnj() -> None:
    assert craft("filigree").hashtag == "#ملیله\u200cکاری"  # type: ignore[union-attr]
    assert craft("food").hashtag == "#غذای_خانگی"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("مليله كاري", "filigree"),
        ("ملیله‌کاری", "filigree"),
        ("#جوراب‌بافی", "socks"),
        ("#غذای_خانگی", "food"),
        ("غذای خانگی", "food"),
        ("Filigree", "filigree"),
        ("sewing", "sewing"),
    ],
)
def test_find_craft(typed: str, code: str) -> None:
    found = find_craft(typed)
    assert found is not None and found.code == code


def test_find_craft_unknown() -> None:
    assert find_craft("سفالگری") is None
    assert find_craft("") is None


def test_geo_data_is_a_file_shipped_with_the_package() -> None:
    """The tables live in bot/data/geo.json, which pyproject's package-data ships."""
    import tomllib
    from fnmatch import fnmatch
    from importlib import resources
    from pathlib import Path

    assert resources.files("bot").joinpath("data/geo.json").is_file()
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["bot"]
    assert any(fnmatch("data/geo.json", p) for p in patterns)
    assert len(geo.PROVINCES) == 31 and geo.CRAFTS[0].code == "enamel"
