"""How a listing reads to buyers: the channel caption, always in Persian. The preview the
seller sees is built by the same function, so it is exactly what the channel will show."""

from __future__ import annotations

import html
import re

from bot import geo, persian
from bot.i18n import I18n
from bot.services.htmltext import esc
from models import listing as m
from models.listing import Listing
from models.user import Seller

CAPTION_LIMIT = 1024
CHANNEL_LOCALE = "fa"
DELIVERY_KEYS = {m.PICKUP: "delivery-pickup", m.COURIER: "delivery-courier", m.POST: "delivery-post"}
_HASHTAG_BAD = re.compile(r"[^\w\u200c]", re.UNICODE)


def hashtag(text: str) -> str:
    return "#" + _HASHTAG_BAD.sub("", persian.clean_input(text).replace(" ", "_"))


def caption(i18n: I18n, listing: Listing, seller: Seller, *, lang: str = CHANNEL_LOCALE,
            channel: bool = False) -> str:
    """The caption as HTML (parse_mode=HTML); at most CAPTION_LIMIT characters once parsed.
    `channel`: the post in the catalogue channel, whose code line says to send the number in
    the bot (inside the bot the number is shown without that line)."""
    latin = lang != "fa"

    def t(key: str, **args: object) -> str:
        return i18n.t(lang, key, args)

    def money(n: int) -> str:
        return persian.format_money(n, latin=latin)

    lines = [f"<b>{esc(listing.title)}</b>"]
    if listing.status == m.SOLD_OUT:
        lines.append(f"<b>{t('cap-sold-out')}</b>")
    elif listing.status == m.PAUSED:
        lines.append(f"<b>{t('cap-paused')}</b>")
    elif listing.status == m.WITHDRAWN:
        lines.append(f"<b>{t('cap-withdrawn')}</b>")
    if listing.description:
        lines += ["", esc(listing.description)]
    lines.append("")
    if listing.price:
        lines.append(t("cap-price", price=money(listing.price)))
    if listing.availability == m.IN_STOCK and listing.stock and listing.status != m.SOLD_OUT:
        lines.append(t("cap-stock", count=listing.stock))
    elif listing.availability == m.MADE_TO_ORDER and listing.prep_days:
        lines.append(t("cap-made-to-order", days=listing.prep_days))
    if listing.delivery:
        lines.append(t("cap-delivery"))
        for d in listing.delivery:
            method = t(DELIVERY_KEYS[d["method"]])
            if d["method"] == m.PICKUP:
                lines.append("• " + t("cap-delivery-pickup", method=method))
            elif d.get("collect"):
                lines.append("• " + t("cap-delivery-collect", method=method))
            elif d["cost"]:
                lines.append("• " + t("cap-delivery-cost", method=method, cost=money(d["cost"])))
            else:
                lines.append("• " + t("cap-delivery-free", method=method))
    city = geo.city(seller.city_code)
    province = geo.province(seller.province_code)
    if city and province:
        lines.append(t("cap-place", city=city.en if latin else city.fa,
                       province=province.en if latin else province.fa))
    lines.append(t("cap-shop", shop=esc(seller.name)))
    if listing.short_code:  # the number a buyer types in the bot (bot/services/codes.py)
        lines.append(t("cap-code" if channel else "cap-code-bot", code=str(listing.short_code) if latin
                       else persian.to_persian_digits(listing.short_code)))
    if listing.voice_file_id:
        lines.append(t("cap-voice"))
    tags = []
    craft = geo.craft(listing.category or "")
    if craft:
        tags.append(craft.hashtag)
    if city:
        tags.append(hashtag(city.fa))
    if tags:
        lines += ["", " ".join(tags)]
    return "\n".join(lines)


def plain_length(html_text: str) -> int:
    """Characters Telegram counts once the HTML is parsed (UTF-16 code units)."""
    text = re.sub(r"<[^>]+>", "", html_text)
    text = html.unescape(text)
    return len(text.encode("utf-16-le")) // 2
