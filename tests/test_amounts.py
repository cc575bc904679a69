"""Prices, counts and days as people say and type them (issue 11, items 1 and 2).

Each row: what a seller types (or what a phone's voice typing writes), the amount in toman we
keep, and whether we keep it at once (True) or say it back first with «✅ بله، درست است» /
«✏️ نه، دوباره می‌نویسم» (False: under 1 000 toman read as thousands, or over 100 million).
"""

from __future__ import annotations

import pytest

from bot.persian import AmountError, parse_days, parse_int, read_price
from bot.persian.text import ZWNJ

PRICES = [
    # the «هزار» dropped after «میلیون», as everyone says it
    ("یک میلیون و دویست", 1_200_000, True),
    ("یه میلیون و دویست", 1_200_000, True),
    ("یک میلیون و دویست تومن", 1_200_000, True),
    ("یک میلیون و دویست و پنجاه", 1_250_000, True),
    ("یک میلیون و دویست و پنجاه هزار", 1_250_000, True),
    ("دو میلیون و پونصد", 2_500_000, True),
    ("دو میلیون و پانصد هزار تومان", 2_500_000, True),
    ("سه میلیون و هفصد", 3_700_000, True),
    ("یک میلیون و پنجاه", 1_050_000, True),
    ("۱ میلیون و ۲۰۰", 1_200_000, True),
    ("1 million 200", 1_200_000, True),
    ("دو میلیون سیصد", 2_300_000, True),
    ("یه میلیون و هشصد", 1_800_000, True),
    ("یک میلیون و چارصد", 1_400_000, True),
    # halves
    ("یک و نیم میلیون", 1_500_000, True),
    (f"یک{ZWNJ}و{ZWNJ}نیم میلیون", 1_500_000, True),
    ("یه میلیون و نیم", 1_500_000, True),
    ("دو میلیون و نیم", 2_500_000, True),
    ("نیم میلیون", 500_000, True),
    ("صد و پنجاه و نیم هزار", 150_500, True),
    # thousands, in words and digits
    ("صد و بیست هزار", 120_000, True),
    ("صدوبیست هزار", 120_000, True),
    ("صد و بیست هزار تومن", 120_000, True),
    ("۱۲۰ هزار", 120_000, True),
    ("۱۲۰هزار تومان", 120_000, True),
    ("١٢٠ هزار", 120_000, True),
    ("120 هزار", 120_000, True),
    ("پونصد هزار", 500_000, True),
    ("هفصد هزار", 700_000, True),
    ("هشتصد و پنجاه هزار", 850_000, True),
    ("نود و پنج هزار", 95_000, True),
    ("هزارتومن", 1_000, True),
    ("پنج هزار تومن", 5_000, True),
    ("دو هزار و پونصد", 2_500, True),
    ("120k", 120_000, True),
    ("120K", 120_000, True),
    ("85 k", 85_000, True),
    ("1.5m", 1_500_000, True),
    # decimals before a multiplier
    ("۱.۲ میلیون", 1_200_000, True),
    ("۱٫۲ میلیون", 1_200_000, True),
    ("۱/۲ میلیون", 1_200_000, True),
    ("۱،۲ میلیون", 1_200_000, True),
    ("2.5 میلیون تومان", 2_500_000, True),
    # plain digits, every script and separator
    ("1,200,000", 1_200_000, True),
    ("۱٬۲۰۰٬۰۰۰", 1_200_000, True),
    ("۱۲۰۰۰۰۰", 1_200_000, True),
    ("١٢٠٠٠٠٠", 1_200_000, True),
    ("1.200.000", 1_200_000, True),
    ("120 000", 120_000, True),
    ("۱۲۰۰۰۰ تومان", 120_000, True),
    ("۱۲۰/۰۰۰", 120_000, True),
    ("120000 toman", 120_000, True),
    ("\u200f۱۲۰٬۰۰۰ تومان\u200f", 120_000, True),
    ("۸۵۰۰", 8_500, True),
    # under 1 000 toman: meant as thousands, said back before it is kept
    ("۱۲۰ تومن", 120_000, False),
    ("صد و بیست", 120_000, False),
    ("صدوبیست", 120_000, False),
    ("دویست تومن", 200_000, False),
    ("دویست", 200_000, False),
    ("پونصد", 500_000, False),
    ("هفصد تومن", 700_000, False),
    ("۵۰۰", 500_000, False),
    ("85", 85_000, False),
    ("سیصد و پنجاه", 350_000, False),
    ("نهصد و نود", 990_000, False),
    # over 100 million: possible, more often a zero too many; said back
    ("۲۰۰ میلیون", 200_000_000, False),
    ("۱۲۰۰۰۰۰۰۰۰", 1_200_000_000, False),
    ("یک میلیارد و دویست", 1_200_000_000, False),
    ("صد میلیون", 100_000_000, True),
]


@pytest.mark.parametrize(("text", "amount", "certain"), PRICES)
def test_prices_as_people_say_them(text: str, amount: int, certain: bool) -> None:
    reading = read_price(text)
    assert (reading.amount, reading.certain) == (amount, certain)


def test_the_table_is_big_enough() -> None:
    assert len(PRICES) >= 60
    assert len({t for t, _, _ in PRICES}) == len(PRICES)


@pytest.mark.parametrize(("text", "reason"), [
    ("ارزون", "not_a_number"),
    ("دوتا", "not_a_number"),  # a count is not a price
    ("۱۲۰۰۰۰ ریال", "rial"),
    ("۱۲.۵", "fraction"),
    ("یک و نیم", "fraction"),
    ("-۵۰ هزار", "negative"),
    ("", "empty"),
])
def test_prices_we_do_not_understand(text: str, reason: str) -> None:
    with pytest.raises(AmountError) as err:
        read_price(text)
    assert err.value.reason == reason


@pytest.mark.parametrize(("text", "count"), [
    ("دوتا", 2), ("دو تا", 2), (f"دو{ZWNJ}تا", 2), ("سه تا", 3), ("سه‌تا", 3), ("یکی", 1),
    ("یه دونه", 1), ("پنج عدد", 5), ("۴", 4), ("٤", 4), ("4", 4), ("ده تا", 10),
    ("بیست و پنج", 25), ("صدتا", 100),
])
def test_counts_in_words(text: str, count: int) -> None:
    assert parse_int(text) == count


@pytest.mark.parametrize(("text", "days"), [
    ("یک هفته", 7), ("یه هفته", 7), ("هفته", 7), ("دو هفته", 14), ("۲ هفته", 14),
    ("ده روز", 10), ("۱۰ روز", 10), ("۵", 5), ("پنج", 5), ("سه روزه", 3), ("یک ماه", 30),
    ("1 week", 7), ("3 days", 3),
])
def test_days_in_words(text: str, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["هفته دو", "فردا", "یک هفته و نیم", ""])
def test_days_we_do_not_understand(text: str) -> None:
    with pytest.raises(AmountError):
        parse_days(text)


# -- end to end: the order form's quantity -----------------------------------------------------

@pytest.mark.parametrize(("typed", "qty"), [("دوتا", 2), ("سه تا", 3), ("سه‌تا", 3), ("٣", 3), ("یکی", 1)])
async def test_order_quantity_in_words(bot, person, typed: str, qty: int) -> None:
    """Issue 11 item 2: «سه تا» in the order form, with the number buttons it already had."""
    from order_helpers import published_listing

    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller, stock=3)
    await buyer.say("/start l_Kilim12345")
    (q,) = await buyer.tap("🛒 سفارش می‌دهم")
    assert buyer.keyboard()[:3] == ["۱", "۲", "۳"]
    (q,) = await buyer.say(typed)
    total = qty * 120_000 + 30_000
    shown = (q.text or "") + " ".join(q.buttons)  # the total, in the buttons or the message
    assert f"{total:,}".translate(str.maketrans("0123456789,", "۰۱۲۳۴۵۶۷۸۹٬")) in shown, shown
