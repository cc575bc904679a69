"""The copy rules of /work/shared/COPY.md that a machine can check, on the Persian locale, and
the language rule: Persian unless the person chose English."""

from __future__ import annotations

import re
from pathlib import Path

from bot import geo
from bot.i18n import OMIT, I18n

ROOT = Path(__file__).resolve().parent.parent

# Office words a reader at a basic level stumbles on (COPY.md, rule 4). «ارسال» stays for shipping
# goods, so only the phrases that use it for a message are listed.
AVOIDED = ("وضعیت", "معتبر", "واریز", "منطقه‌بندی", "مشاهده", "پروفایل", "ارسال گردید",
           "حداکثر", "ذکر دلیل", "کنار گذاشت", "کنار بگذار", "ناموجود", "ارسال شمارهٔ من",
           "ارسال برای بررسی", "ارسال دوباره")
HELP_KEYS = ("help-text", "help-seller", "help-trainer", "help-manager")


def _sources() -> dict[str, str]:
    """key -> its source text in the Persian .ftl files (before references are filled)."""
    out: dict[str, str] = {}
    for path in sorted((ROOT / "locales" / "fa").glob("*.ftl")):
        key = None
        for line in path.read_text(encoding="utf-8").split("\n"):
            m = re.match(r"^([a-z][a-z0-9_-]*) = ?(.*)$", line)
            if m:
                key = m.group(1)
                out[key] = m.group(2)
            elif key and line.startswith(" "):
                out[key] += "\n" + line.strip()
            else:
                key = None
    return out


def _rendered(i18n: I18n, lang: str = "fa") -> dict[str, str]:
    variables: set[str] = set()
    for path in (ROOT / "locales" / lang).glob("*.ftl"):
        variables |= set(re.findall(r"\$([a-z_]+)", path.read_text(encoding="utf-8")))
    args = dict.fromkeys(variables, "۲")
    return {key: i18n.t(lang, key, args) for key in i18n.keys[lang]}


def test_persian_avoids_office_words() -> None:
    for key, text in _rendered(I18n()).items():
        found = [w for w in AVOIDED if w in text]
        assert not found, f"{key}: {found} in {text!r}"


def test_the_crafts_list_is_called_reshte_never_daste() -> None:
    for key, text in _rendered(I18n()).items():
        assert "دسته" not in text, f"{key}: {text!r}"


def test_a_tick_is_for_done_or_confirm_only() -> None:
    """✅ only on buttons that finish or confirm something; a chosen item gets ☑️."""
    confirm = re.compile(r"تأیید|کافی است|ثبت|پذیرم|رسید|تحویل گرفتم|بله")
    for key, text in _rendered(I18n()).items():
        if "btn" in key and text.startswith("✅"):
            assert confirm.search(text), f"{key}: {text!r} is not a confirmation"
    for src in ("handlers", "bot"):
        for path in (ROOT / src).rglob("*.py"):
            code = path.read_text(encoding="utf-8")
            assert not re.search(r"\"✅ \" if", code), f"{path}: a chosen item marked with ✅"


def test_help_texts_are_short() -> None:
    i18n = I18n()
    for lang in ("fa", "en"):
        for key in HELP_KEYS:
            lines = i18n.t(lang, key).split("\n")
            assert len(lines) <= 6, f"{lang} {key}: {len(lines)} lines"


def test_a_quoted_button_comes_from_its_label_key() -> None:
    """A message that names a button takes the label from the button's key, so that the two
    cannot drift apart (COPY.md, rule 2)."""
    i18n = I18n()
    labels = {re.sub(r"^[^\w]+", "", i18n.t("fa", k)).strip(): k for k in i18n.keys["fa"]
              if k.startswith(("btn-", "menu-", "ord-btn-", "obh-btn-", "mod-btn-"))
              and "$" not in _sources()[k]}
    sources = _sources()
    for key, src in sources.items():
        if key in labels.values():
            continue
        for quoted in re.findall(r"«([^«»{}]+)»", src):
            quoted = re.sub(r"^[^\w]+", "", quoted).strip()
            assert quoted not in labels, f"{key} retypes the label of {labels[quoted]}: «{quoted}»"


def test_empty_values_leave_their_line_out() -> None:
    i18n = I18n()
    text = i18n.t("fa", "reg-summary", {"name": "مریم", "phone": "۰۹۱۲", "city": "ابهر",
                                        "province": "زنجان", "district": OMIT,
                                        "crafts": "گلیم‌بافی", "group": OMIT})
    assert "منطقه" not in text and "گروه" not in text and "ندارد" not in text
    assert "\n\n" not in text
    card = i18n.t("fa", "mod-card-seller", {"name": "مریم", "phone": "۰۹۱۲", "city": "ابهر",
                                            "province": "زنجان", "district": 0, "group": OMIT})
    assert "منطقهٔ ۰" not in card and "منطقه" not in card and "گروه" not in card
    card = i18n.t("fa", "mod-card-seller", {"name": "مریم", "phone": "۰۹۱۲", "city": "ابهر",
                                            "province": "زنجان", "district": 3, "group": "مهر"})
    assert "ابهر، زنجان — منطقهٔ ۳" in card and "👥 گروه: مهر" in card


def test_english_plurals_come_from_fluent_and_persian_keeps_its_digits() -> None:
    i18n = I18n()
    assert i18n.t("en", "lst-photos-received", {"count": 1}).startswith("📷 One photo received")
    assert i18n.t("en", "lst-photos-received", {"count": 3}).startswith("📷 3 photos received")
    assert "(one review)" in i18n.t("en", "ord-rating", {"avg": "4", "count": 1})
    assert "(1,200 reviews)" in i18n.t("en", "ord-rating", {"avg": "4", "count": 1200})
    assert i18n.t("fa", "lst-photos-received", {"count": 1200}).startswith("📷 ۱٬۲۰۰ عکس دریافت شد")


def test_the_crafts_list() -> None:
    names = {c.code: c.fa for c in geo.CRAFTS}
    assert names["decor"] == "تزئینی و لوازم خانه"
    assert "قلاب‌بافی و بافتنی" in names.values() and "گلدوزی" in names.values()


def test_persian_unless_english_was_chosen() -> None:
    i18n = I18n()
    assert i18n.resolve_locale(None, "en") == "fa"
    assert i18n.resolve_locale(None, "en-GB") == "fa"
    assert i18n.resolve_locale("en", "fa") == "en"
    assert i18n.resolve_locale("fa", "en") == "fa"


def test_the_seller_is_told_the_buyer_sees_the_card_holders_name() -> None:
    i18n = I18n()
    for key in ("ord-ask-payment", "ord-ask-card"):
        assert "نام صاحب کارت" in i18n.t("fa", key), key
        assert "card holder's name" in i18n.t("en", key), key
    assert "نام فروشگاه" in i18n.t("fa", "reg-ask-name")
