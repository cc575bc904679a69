"""Iran's 31 provinces with their main cities, and the crafts (product categories).

Every province and city has a stable ASCII code for callback data (``"zanjan"``,
``"zanjan.abhar"``, at most 20 bytes); never change a code once released, since it is stored
in the database and in old buttons. Cities are the main towns of each province, the capital
first; for the towns in the field notes the county's name is used (e.g. «خدابنده», whose centre
is Qeydar, and «ایجرود», whose centre is Zarrinabad), with the centre's name as an alias so
that search finds both.

The tables themselves are in ``bot/data/geo.json``; this module loads them once and looks
things up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from bot.persian import normalize, squash

__all__ = [
    "ALL_CITIES",
    "CRAFTS",
    "PROVINCES",
    "City",
    "Craft",
    "Province",
    "city",
    "craft",
    "find_city",
    "find_craft",
    "province",
]

CODE_MAX_BYTES = 20


@dataclass(frozen=True, slots=True)
class City:
    code: str  # "<province>.<slug>"
    fa: str
    en: str
    province_code: str
    aliases: tuple[str, ...] = ()  # other spellings / the county centre's name


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    fa: str
    en: str
    cities: tuple[City, ...] = field(default=())

    @property
    def capital(self) -> City:
        return self.cities[0]


@dataclass(frozen=True, slots=True)
class Craft:
    code: str
    fa: str
    en: str
    hashtag: str  # a valid Telegram hashtag: "#" + letters, digits, "_" or ZWNJ


# The data: bot/data/geo.json, shipped with the package (package-data), read once at import.
# A city row there is [slug, Persian, English, *aliases].
_DATA_FILE = "data/geo.json"


def _load() -> dict[str, Any]:
    raw = resources.files("bot").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


_RAW = _load()


def _build() -> tuple[Province, ...]:
    provinces = []
    for p in _RAW["provinces"]:
        pcode = p["code"]
        cities = tuple(
            City(
                code=f"{pcode}.{slug}",
                fa=fa,
                en=en,
                province_code=pcode,
                aliases=tuple(aliases),
            )
            for slug, fa, en, *aliases in p["cities"]
        )
        provinces.append(Province(code=pcode, fa=p["fa"], en=p["en"], cities=cities))
    return tuple(provinces)


PROVINCES: tuple[Province, ...] = _build()
ALL_CITIES: tuple[City, ...] = tuple(c for p in PROVINCES for c in p.cities)

_PROVINCES_BY_CODE = {p.code: p for p in PROVINCES}
_CITIES_BY_CODE = {c.code: c for c in ALL_CITIES}


def province(code: str | None) -> Province | None:
    """The province with this code, or None."""
    return _PROVINCES_BY_CODE.get(code) if code else None


def city(code: str | None) -> City | None:
    """The city with this code (``"zanjan.abhar"``), or None."""
    return _CITIES_BY_CODE.get(code) if code else None


def _city_keys(c: City) -> frozenset[str]:
    return frozenset(squash(name) for name in (c.fa, c.en, *c.aliases))


@cache
def _city_index() -> tuple[tuple[City, frozenset[str]], ...]:
    return tuple((c, _city_keys(c)) for c in ALL_CITIES)


@cache
def _province_keys() -> frozenset[str]:
    return frozenset(squash(name) for p in PROVINCES for name in (p.fa, p.en))


_CITY_PREFIXES = ("شهرستان", "شهر", "city of", "city")


def find_city(text: str | None, *, province_code: str | None = None) -> list[City]:
    """Cities whose Persian or English name (or an alias) matches what the user typed.

    Matching ignores ي/ی, ك/ک, ZWNJ and spaces, diacritics, digits' script and Latin case.
    Exact matches come first; if there are none, cities whose name starts with the text (at
    least two letters), unless the text is exactly a province's name. A leading «شهرستان»/«شهر»
    is ignored. Optionally only the cities of one province.
    """
    query = normalize(text)
    if not query:
        return []
    queries = [squash(query)]
    for prefix in _CITY_PREFIXES:
        if query.startswith(prefix + " "):
            queries.append(squash(query[len(prefix) :]))
    pool = [
        (c, keys)
        for c, keys in _city_index()
        if province_code is None or c.province_code == province_code
    ]
    exact = [c for c, keys in pool if any(q in keys for q in queries)]
    if exact or queries[0] in _province_keys():
        # A province's full name («فارس», "Gilan") is not the start of a city's name
        # («فارسان», «گیلانغرب»): the caller should treat it as the province.
        return exact
    prefix_matches = [
        c
        for c, keys in pool
        if any(len(q) >= 2 and any(k.startswith(q) for k in keys) for q in queries)
    ]
    return prefix_matches


# --------------------------------------------------------------------------------------------
# Crafts (product categories)
# --------------------------------------------------------------------------------------------

CRAFTS: tuple[Craft, ...] = tuple(Craft(*row) for row in _RAW["crafts"])

_CRAFTS_BY_CODE = {c.code: c for c in CRAFTS}


def craft(code: str | None) -> Craft | None:
    """The craft with this code, or None."""
    return _CRAFTS_BY_CODE.get(code) if code else None


def find_craft(text: str | None) -> Craft | None:
    """The craft whose Persian or English name or hashtag matches *text* (spacing-insensitive),
    e.g. «ملیله کاری», «مليله‌كاري», ``"#ملیله‌کاری"`` or ``"filigree"``."""
    q = squash((text or "").lstrip("#").replace("_", " "))
    if not q:
        return None
    for c in CRAFTS:
        names = (c.code, c.fa, c.en, c.hashtag.lstrip("#").replace("_", " "))
        if any(squash(n) == q for n in names):
            return c
    return None
