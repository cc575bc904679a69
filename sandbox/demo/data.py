"""The demo's people and what they do: the seven sellers and their listings, the two buyers, the
trainer, and the orders left in several states."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DONE, SKIP = "✅ کافی است", "⏭ بعدی"
CARD = "6037 9975 9999 9993"  # the sellers' card for orders by post (a valid, Luhn, number)
TRAINER = ("نرگس", "امینی")
BUYERS = {"sara": ("سارا", "محمدی", "۰۹۳۵۱۱۱۲۲۳۳", "تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲"),
          "elham": ("الهام", "رضوی", "۰۹۱۹۲۲۲۳۳۴۴", "اصفهان، خیابان چهارباغ، کوچهٔ گل‌ها، پلاک ۷")}


@dataclass
class Product:
    craft: str  # the category button
    photo: str  # a file of sandbox/samples
    title: str
    description: str | None  # None: the sample voice note
    price: str
    stock: str | None  # None: made to order, with ``prep_days``
    delivery: list[str]  # buttons; post asks for its cost
    post_cost: str = "۳۰ هزار"
    prep_days: str = "۷"


@dataclass
class DemoSeller:
    first: str
    last: str
    phone: str
    province: str
    city: str
    district: str | None
    product: Product

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


PICKUP, POST, COURIER = "🤝 تحویل حضوری", "📮 پست به شهرهای دیگر", "🛵 پیک درون‌شهری"
SELLERS = [
    DemoSeller("زهره", "رحیمی", "۰۹۱۲۳۴۵۰۰۰۱", "زنجان", "ابهر", "۲", Product(
        "گلیم‌بافی", "kilim.jpg", "گلیم دستباف ابهر", None, "۱ میلیون و ۸۵۰ هزار", "۲",
        [PICKUP, POST], post_cost="۶۰ هزار")),
    DemoSeller("مریم", "حسینی", "۰۹۱۲۳۴۵۰۰۰۲", "زنجان", "زنجان", None, Product(
        "ملیله‌کاری", "filigree.jpg", "گردنبند ملیله نقره",
        "گردنبند نقرهٔ ملیله‌کاری زنجان با زنجیر ۴۵ سانتی، در جعبهٔ هدیه.",
        "۲ میلیون و ۴۰۰ هزار", "۳", [POST])),
    DemoSeller("فاطمه", "نوری", "۰۹۱۳۱۱۱۰۰۰۳", "اصفهان", "اصفهان", "۱۲", Product(
        "میناکاری", "enamel.jpg", "بشقاب میناکاری اصفهان",
        "بشقاب مسی میناکاری‌شده، قطر ۲۰ سانتی‌متر، نقش گل و مرغ، کار دست.",
        "۹۵۰ هزار", "۴", [PICKUP, POST])),
    DemoSeller("لیلا", "قاسمی", "۰۹۱۴۱۱۱۰۰۰۴", "آذربایجان شرقی", "تبریز", "۳", Product(
        "عروسک‌سازی", "doll.jpg", "عروسک پارچه‌ای با لباس محلی",
        "عروسک پارچه‌ای ۳۰ سانتی با لباس محلی آذربایجان، پر شده با الیاف نرم، مناسب کودکان.",
        "۲۸۰ هزار", None, [POST], prep_days="۵")),
    DemoSeller("سکینه", "مرادی", "۰۹۱۲۳۴۵۰۰۰۵", "زنجان", "خدابنده", None, Product(
        "جوراب‌بافی", "socks.jpg", "جوراب پشمی دستباف",
        "جوراب پشم گوسفند، بافت دست با نقش‌های سنتی؛ سایز ۳۸ تا ۴۲.",
        "۱۸۰ هزار", "۱۰", [PICKUP, POST], post_cost="۲۵ هزار")),
    DemoSeller("رقیه", "کاظمی", "۰۹۱۲۱۱۱۰۰۰۶", "تهران", "تهران", "۱۴", Product(
        "رشته‌بری", "noodles.jpg", "رشته آش خانگی",
        "رشتهٔ آش و پلوی خانگی، یک کیلویی، بدون مواد نگه‌دارنده.",
        "۱۵۰ هزار", "۲۰", [PICKUP, COURIER], post_cost="۴۰ هزار")),
    DemoSeller("معصومه", "صفری", "۰۹۱۲۳۴۵۰۰۰۷", "زنجان", "خرمدره", None, Product(
        "لحاف‌دوزی", "quilt.jpg", "لحاف چهل‌تکه",
        "لحاف چهل‌تکهٔ دونفره با پارچه‌های نخی رنگارنگ، دوخت دست.",
        "۳ میلیون و ۲۰۰ هزار", None, [POST], prep_days="۱۰", post_cost="۸۰ هزار")),
]


@dataclass
class DemoOrder:
    buyer: str  # key of BUYERS
    seller: str  # first name of the seller
    state: str  # new, accepted, shipped, completed
    note: str | None = None
    review: str | None = None


ORDERS = [
    DemoOrder("sara", "زهره", "completed", review="خیلی زیبا و تمیز بافته شده بود، ممنونم 🌸"),
    DemoOrder("sara", "فاطمه", "shipped", note="لطفاً خوب بسته‌بندی شود"),
    DemoOrder("elham", "مریم", "accepted"),
    DemoOrder("elham", "سکینه", "new", note="اگر رنگ سرمه‌ای دارید، لطفاً سرمه‌ای"),
]

