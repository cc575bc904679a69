"""Iran's 31 provinces with their main cities, and the crafts (product categories).

Every province and city has a stable ASCII code for callback data (``"zanjan"``,
``"zanjan.abhar"``, at most 20 bytes); never change a code once released, since it is stored
in the database and in old buttons. Cities are the main towns of each province, the capital
first; for the towns in the field notes the county's name is used (e.g. «خدابنده», whose centre
is Qeydar, and «ایجرود», whose centre is Zarrinabad), with the centre's name as an alias so
that search finds both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

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


# (slug, Persian, English, *aliases)
_CityRow = tuple[str, ...]

# In the conventional (Persian alphabetical) order of the provinces.
_DATA: tuple[tuple[str, str, str, tuple[_CityRow, ...]], ...] = (
    ("az_east", "آذربایجان شرقی", "East Azerbaijan", (
        ("tabriz", "تبریز", "Tabriz"),
        ("maragheh", "مراغه", "Maragheh"),
        ("marand", "مرند", "Marand"),
        ("mianeh", "میانه", "Mianeh", "Miyaneh"),
        ("ahar", "اهر", "Ahar"),
        ("bonab", "بناب", "Bonab"),
        ("sarab", "سراب", "Sarab"),
        ("shabestar", "شبستر", "Shabestar"),
        ("ajabshir", "عجب‌شیر", "Ajabshir"),
        ("azarshahr", "آذرشهر", "Azarshahr"),
        ("hashtrud", "هشترود", "Hashtrud"),
        ("jolfa", "جلفا", "Jolfa"),
    )),
    ("az_west", "آذربایجان غربی", "West Azerbaijan", (
        ("urmia", "ارومیه", "Urmia", "Orumiyeh"),
        ("khoy", "خوی", "Khoy"),
        ("mahabad", "مهاباد", "Mahabad"),
        ("miandoab", "میاندوآب", "Miandoab"),
        ("bukan", "بوکان", "Bukan"),
        ("salmas", "سلماس", "Salmas"),
        ("naqadeh", "نقده", "Naqadeh"),
        ("piranshahr", "پیرانشهر", "Piranshahr"),
        ("maku", "ماکو", "Maku"),
        ("sardasht", "سردشت", "Sardasht"),
        ("takab", "تکاب", "Takab"),
    )),
    ("ardabil", "اردبیل", "Ardabil", (
        ("ardabil", "اردبیل", "Ardabil"),
        ("parsabad", "پارس‌آباد", "Parsabad"),
        ("meshkin", "مشگین‌شهر", "Meshginshahr", "مشکین‌شهر", "Meshkinshahr"),
        ("khalkhal", "خلخال", "Khalkhal"),
        ("germi", "گرمی", "Germi"),
        ("bilesavar", "بیله‌سوار", "Bileh Savar"),
        ("namin", "نمین", "Namin"),
        ("nir", "نیر", "Nir"),
        ("sarein", "سرعین", "Sarein"),
    )),
    ("isfahan", "اصفهان", "Isfahan", (
        ("isfahan", "اصفهان", "Isfahan", "Esfahan"),
        ("kashan", "کاشان", "Kashan"),
        ("khomeinish", "خمینی‌شهر", "Khomeyni Shahr", "Khomeinishahr"),
        ("najafabad", "نجف‌آباد", "Najafabad"),
        ("shahinshah", "شاهین‌شهر", "Shahin Shahr"),
        ("shahreza", "شهرضا", "Shahreza"),
        ("mobarakeh", "مبارکه", "Mobarakeh"),
        ("golpayegan", "گلپایگان", "Golpayegan"),
        ("natanz", "نطنز", "Natanz"),
        ("khansar", "خوانسار", "Khansar"),
        ("ardestan", "اردستان", "Ardestan"),
        ("nain", "نائین", "Nain", "نایین"),
    )),
    ("alborz", "البرز", "Alborz", (
        ("karaj", "کرج", "Karaj"),
        ("fardis", "فردیس", "Fardis"),
        ("nazarabad", "نظرآباد", "Nazarabad"),
        ("hashtgerd", "هشتگرد", "Hashtgerd"),
        ("mohammadsh", "محمدشهر", "Mohammadshahr"),
        ("kamalshahr", "کمال‌شهر", "Kamalshahr"),
        ("mahdasht", "ماهدشت", "Mahdasht"),
        ("eshtehard", "اشتهارد", "Eshtehard"),
        ("taleqan", "طالقان", "Taleqan"),
    )),
    ("ilam", "ایلام", "Ilam", (
        ("ilam", "ایلام", "Ilam"),
        ("eyvan", "ایوان", "Eyvan"),
        ("dehloran", "دهلران", "Dehloran"),
        ("abdanan", "آبدانان", "Abdanan"),
        ("darrehshah", "دره‌شهر", "Darreh Shahr"),
        ("mehran", "مهران", "Mehran"),
        ("sarableh", "سرابله", "Sarableh"),
    )),
    ("bushehr", "بوشهر", "Bushehr", (
        ("bushehr", "بوشهر", "Bushehr"),
        ("borazjan", "برازجان", "Borazjan"),
        ("genaveh", "گناوه", "Genaveh"),
        ("kangan", "کنگان", "Kangan"),
        ("khormoj", "خورموج", "Khormoj"),
        ("deylam", "دیلم", "Deylam"),
        ("jam", "جم", "Jam"),
        ("asaluyeh", "عسلویه", "Asaluyeh"),
        ("ahram", "اهرم", "Ahram"),
        ("deyr", "دیر", "Deyr"),
    )),
    ("tehran", "تهران", "Tehran", (
        ("tehran", "تهران", "Tehran"),
        ("eslamshahr", "اسلامشهر", "Eslamshahr"),
        ("shahriar", "شهریار", "Shahriar"),
        ("qods", "قدس", "Qods"),
        ("malard", "ملارد", "Malard"),
        ("varamin", "ورامین", "Varamin"),
        ("pakdasht", "پاکدشت", "Pakdasht"),
        ("qarchak", "قرچک", "Qarchak"),
        ("robatkarim", "رباط‌کریم", "Robat Karim"),
        ("rey", "ری", "Rey", "شهر ری", "Shahr-e Rey"),
        ("pardis", "پردیس", "Pardis"),
        ("damavand", "دماوند", "Damavand"),
        ("firuzkuh", "فیروزکوه", "Firuzkuh"),
    )),
    ("bakhtiari", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari", (
        ("shahrekord", "شهرکرد", "Shahrekord"),
        ("borujen", "بروجن", "Borujen"),
        ("farsan", "فارسان", "Farsan"),
        ("lordegan", "لردگان", "Lordegan"),
        ("farrokhsh", "فرخ‌شهر", "Farrokhshahr"),
        ("ardal", "اردل", "Ardal"),
        ("saman", "سامان", "Saman"),
        ("ben", "بن", "Ben"),
    )),
    ("kh_south", "خراسان جنوبی", "South Khorasan", (
        ("birjand", "بیرجند", "Birjand"),
        ("qaen", "قائن", "Qaen", "قاین"),
        ("tabas", "طبس", "Tabas"),
        ("ferdows", "فردوس", "Ferdows"),
        ("nehbandan", "نهبندان", "Nehbandan"),
        ("sarayan", "سرایان", "Sarayan"),
        ("boshruyeh", "بشرویه", "Boshruyeh"),
        ("khusf", "خوسف", "Khusf"),
    )),
    ("kh_razavi", "خراسان رضوی", "Razavi Khorasan", (
        ("mashhad", "مشهد", "Mashhad"),
        ("neyshabur", "نیشابور", "Neyshabur", "Nishapur"),
        ("sabzevar", "سبزوار", "Sabzevar"),
        ("torbat_h", "تربت حیدریه", "Torbat-e Heydarieh"),
        ("quchan", "قوچان", "Quchan"),
        ("kashmar", "کاشمر", "Kashmar"),
        ("torbat_j", "تربت جام", "Torbat-e Jam"),
        ("gonabad", "گناباد", "Gonabad"),
        ("chenaran", "چناران", "Chenaran"),
        ("sarakhs", "سرخس", "Sarakhs"),
        ("taybad", "تایباد", "Taybad"),
        ("fariman", "فریمان", "Fariman"),
    )),
    ("kh_north", "خراسان شمالی", "North Khorasan", (
        ("bojnurd", "بجنورد", "Bojnurd"),
        ("shirvan", "شیروان", "Shirvan"),
        ("esfarayen", "اسفراین", "Esfarayen"),
        ("ashkhaneh", "آشخانه", "Ashkhaneh"),
        ("jajarm", "جاجرم", "Jajarm"),
        ("faruj", "فاروج", "Faruj"),
        ("garmeh", "گرمه", "Garmeh"),
    )),
    ("khuzestan", "خوزستان", "Khuzestan", (
        ("ahvaz", "اهواز", "Ahvaz"),
        ("dezful", "دزفول", "Dezful"),
        ("abadan", "آبادان", "Abadan"),
        ("khorramsh", "خرمشهر", "Khorramshahr"),
        ("behbahan", "بهبهان", "Behbahan"),
        ("mahshahr", "ماهشهر", "Mahshahr", "بندر ماهشهر", "Bandar-e Mahshahr"),
        ("andimeshk", "اندیمشک", "Andimeshk"),
        ("izeh", "ایذه", "Izeh"),
        ("shushtar", "شوشتر", "Shushtar"),
        ("masjedsol", "مسجدسلیمان", "Masjed Soleyman", "مسجد سلیمان"),
        ("shush", "شوش", "Shush"),
        ("ramhormoz", "رامهرمز", "Ramhormoz"),
    )),
    ("zanjan", "زنجان", "Zanjan", (
        ("zanjan", "زنجان", "Zanjan"),
        ("abhar", "ابهر", "Abhar"),
        ("khodabandeh", "خدابنده", "Khodabandeh", "قیدار", "Qeydar"),
        ("khorramdareh", "خرمدره", "Khorramdareh", "خرم‌دره"),
        ("mahneshan", "ماهنشان", "Mahneshan"),
        ("ijrud", "ایجرود", "Ijrud", "زرین‌آباد", "Zarrinabad"),
        ("tarom", "طارم", "Tarom", "آب‌بر", "Ab Bar"),
        ("soltaniyeh", "سلطانیه", "Soltaniyeh"),
        ("hidaj", "هیدج", "Hidaj"),
        ("sainqaleh", "صائین‌قلعه", "Sain Qaleh", "صایین‌قلعه"),
    )),
    ("semnan", "سمنان", "Semnan", (
        ("semnan", "سمنان", "Semnan"),
        ("shahrud", "شاهرود", "Shahrud", "Shahroud"),
        ("damghan", "دامغان", "Damghan"),
        ("garmsar", "گرمسار", "Garmsar"),
        ("mahdishahr", "مهدی‌شهر", "Mahdishahr"),
        ("eyvanki", "ایوانکی", "Eyvanki"),
        ("sorkheh", "سرخه", "Sorkheh"),
    )),
    ("sistan", "سیستان و بلوچستان", "Sistan and Baluchestan", (
        ("zahedan", "زاهدان", "Zahedan"),
        ("zabol", "زابل", "Zabol"),
        ("chabahar", "چابهار", "Chabahar"),
        ("iranshahr", "ایرانشهر", "Iranshahr"),
        ("saravan", "سراوان", "Saravan"),
        ("khash", "خاش", "Khash"),
        ("nikshahr", "نیک‌شهر", "Nikshahr"),
        ("konarak", "کنارک", "Konarak"),
        ("rask", "راسک", "Rask"),
    )),
    ("fars", "فارس", "Fars", (
        ("shiraz", "شیراز", "Shiraz"),
        ("marvdasht", "مرودشت", "Marvdasht"),
        ("jahrom", "جهرم", "Jahrom"),
        ("fasa", "فسا", "Fasa"),
        ("kazerun", "کازرون", "Kazerun"),
        ("darab", "داراب", "Darab"),
        ("firuzabad", "فیروزآباد", "Firuzabad"),
        ("lar", "لار", "Lar"),
        ("abadeh", "آباده", "Abadeh"),
        ("nurabad", "نورآباد", "Nurabad"),
        ("eqlid", "اقلید", "Eqlid"),
        ("estahban", "استهبان", "Estahban"),
    )),
    ("qazvin", "قزوین", "Qazvin", (
        ("qazvin", "قزوین", "Qazvin"),
        ("takestan", "تاکستان", "Takestan"),
        ("alvand", "الوند", "Alvand"),
        ("buinzahra", "بوئین‌زهرا", "Buin Zahra", "بویین‌زهرا"),
        ("abyek", "آبیک", "Abyek"),
        ("mohammadiy", "محمدیه", "Mohammadiyeh"),
        ("eqbaliyeh", "اقبالیه", "Eqbaliyeh"),
        ("avaj", "آوج", "Avaj"),
    )),
    ("qom", "قم", "Qom", (
        ("qom", "قم", "Qom"),
        ("jafariyeh", "جعفریه", "Jafariyeh"),
        ("kahak", "کهک", "Kahak"),
        ("dastjerd", "دستجرد", "Dastjerd"),
        ("qanavat", "قنوات", "Qanavat"),
        ("salafchegan", "سلفچگان", "Salafchegan"),
    )),
    ("kurdistan", "کردستان", "Kurdistan", (
        ("sanandaj", "سنندج", "Sanandaj"),
        ("saqqez", "سقز", "Saqqez"),
        ("marivan", "مریوان", "Marivan"),
        ("baneh", "بانه", "Baneh"),
        ("qorveh", "قروه", "Qorveh"),
        ("bijar", "بیجار", "Bijar"),
        ("kamyaran", "کامیاران", "Kamyaran"),
        ("divandare", "دیواندره", "Divandarreh"),
        ("dehgolan", "دهگلان", "Dehgolan"),
    )),
    ("kerman", "کرمان", "Kerman", (
        ("kerman", "کرمان", "Kerman"),
        ("sirjan", "سیرجان", "Sirjan"),
        ("rafsanjan", "رفسنجان", "Rafsanjan"),
        ("jiroft", "جیرفت", "Jiroft"),
        ("bam", "بم", "Bam"),
        ("zarand", "زرند", "Zarand"),
        ("kahnuj", "کهنوج", "Kahnuj"),
        ("shahrbabak", "شهربابک", "Shahr-e Babak"),
        ("baft", "بافت", "Baft"),
        ("ravar", "راور", "Ravar"),
        ("bardsir", "بردسیر", "Bardsir"),
    )),
    ("kermansh", "کرمانشاه", "Kermanshah", (
        ("kermanshah", "کرمانشاه", "Kermanshah"),
        ("eslamabad", "اسلام‌آباد غرب", "Eslamabad-e Gharb"),
        ("harsin", "هرسین", "Harsin"),
        ("kangavar", "کنگاور", "Kangavar"),
        ("sonqor", "سنقر", "Sonqor"),
        ("sahneh", "صحنه", "Sahneh"),
        ("javanrud", "جوانرود", "Javanrud"),
        ("paveh", "پاوه", "Paveh"),
        ("sarpol", "سرپل ذهاب", "Sarpol-e Zahab"),
        ("qasrshir", "قصرشیرین", "Qasr-e Shirin", "قصر شیرین"),
        ("gilangharb", "گیلانغرب", "Gilan-e Gharb"),
    )),
    ("kohgiluyeh", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad", (
        ("yasuj", "یاسوج", "Yasuj"),
        ("dehdasht", "دهدشت", "Dehdasht"),
        ("dogonbad", "دوگنبدان", "Dogonbadan", "گچساران", "Gachsaran"),
        ("sisakht", "سی‌سخت", "Sisakht"),
        ("likak", "لیکک", "Likak"),
        ("charam", "چرام", "Charam"),
        ("landeh", "لنده", "Landeh"),
        ("basht", "باشت", "Basht"),
    )),
    ("golestan", "گلستان", "Golestan", (
        ("gorgan", "گرگان", "Gorgan"),
        ("gonbad", "گنبد کاووس", "Gonbad-e Kavus", "گنبد"),
        ("aliabad", "علی‌آباد کتول", "Aliabad-e Katul"),
        ("torkaman", "بندر ترکمن", "Bandar Torkaman"),
        ("aqqala", "آق‌قلا", "Aq Qala"),
        ("kordkuy", "کردکوی", "Kordkuy"),
        ("azadshahr", "آزادشهر", "Azadshahr"),
        ("minudasht", "مینودشت", "Minudasht"),
        ("kalaleh", "کلاله", "Kalaleh"),
        ("bandargaz", "بندر گز", "Bandar-e Gaz"),
        ("galikash", "گالیکش", "Galikash"),
    )),
    ("gilan", "گیلان", "Gilan", (
        ("rasht", "رشت", "Rasht"),
        ("anzali", "بندر انزلی", "Bandar-e Anzali", "انزلی"),
        ("lahijan", "لاهیجان", "Lahijan"),
        ("langarud", "لنگرود", "Langarud"),
        ("astara", "آستارا", "Astara"),
        ("talesh", "تالش", "Talesh", "هشتپر", "Hashtpar"),
        ("rudsar", "رودسر", "Rudsar"),
        ("someesara", "صومعه‌سرا", "Sowme'eh Sara"),
        ("astaneh", "آستانه اشرفیه", "Astaneh-ye Ashrafiyeh"),
        ("fuman", "فومن", "Fuman"),
        ("rudbar", "رودبار", "Rudbar"),
        ("masal", "ماسال", "Masal"),
    )),
    ("lorestan", "لرستان", "Lorestan", (
        ("khorramabad", "خرم‌آباد", "Khorramabad", "خرم آباد"),
        ("borujerd", "بروجرد", "Borujerd"),
        ("dorud", "دورود", "Dorud"),
        ("aligudarz", "الیگودرز", "Aligudarz"),
        ("kuhdasht", "کوهدشت", "Kuhdasht"),
        ("azna", "ازنا", "Azna"),
        ("nurabad", "نورآباد", "Nurabad", "Delfan"),
        ("aleshtar", "الشتر", "Aleshtar"),
        ("poldokhtar", "پلدختر", "Poldokhtar"),
    )),
    ("mazandaran", "مازندران", "Mazandaran", (
        ("sari", "ساری", "Sari"),
        ("babol", "بابل", "Babol"),
        ("amol", "آمل", "Amol"),
        ("qaemshahr", "قائم‌شهر", "Qaem Shahr", "قائمشهر"),
        ("behshahr", "بهشهر", "Behshahr"),
        ("chalus", "چالوس", "Chalus"),
        ("tonekabon", "تنکابن", "Tonekabon"),
        ("nowshahr", "نوشهر", "Nowshahr"),
        ("babolsar", "بابلسر", "Babolsar"),
        ("ramsar", "رامسر", "Ramsar"),
        ("neka", "نکا", "Neka"),
    )),
    ("markazi", "مرکزی", "Markazi", (
        ("arak", "اراک", "Arak"),
        ("saveh", "ساوه", "Saveh"),
        ("khomein", "خمین", "Khomein"),
        ("mahallat", "محلات", "Mahallat"),
        ("delijan", "دلیجان", "Delijan"),
        ("shazand", "شازند", "Shazand"),
        ("tafresh", "تفرش", "Tafresh"),
        ("ashtian", "آشتیان", "Ashtian"),
        ("komijan", "کمیجان", "Komijan"),
    )),
    ("hormozgan", "هرمزگان", "Hormozgan", (
        ("bandarabas", "بندرعباس", "Bandar Abbas", "بندر عباس"),
        ("minab", "میناب", "Minab"),
        ("qeshm", "قشم", "Qeshm"),
        ("lengeh", "بندر لنگه", "Bandar Lengeh"),
        ("kish", "کیش", "Kish"),
        ("hajiabad", "حاجی‌آباد", "Hajiabad"),
        ("jask", "جاسک", "Jask"),
        ("parsian", "پارسیان", "Parsian"),
        ("bastak", "بستک", "Bastak"),
    )),
    ("hamadan", "همدان", "Hamadan", (
        ("hamadan", "همدان", "Hamadan"),
        ("malayer", "ملایر", "Malayer"),
        ("nahavand", "نهاوند", "Nahavand"),
        ("tuyserkan", "تویسرکان", "Tuyserkan"),
        ("asadabad", "اسدآباد", "Asadabad"),
        ("kabudar", "کبودرآهنگ", "Kabudarahang"),
        ("bahar", "بهار", "Bahar"),
        ("razan", "رزن", "Razan"),
        ("famenin", "فامنین", "Famenin"),
    )),
    ("yazd", "یزد", "Yazd", (
        ("yazd", "یزد", "Yazd"),
        ("meybod", "میبد", "Meybod"),
        ("ardakan", "اردکان", "Ardakan"),
        ("bafq", "بافق", "Bafq"),
        ("mehriz", "مهریز", "Mehriz"),
        ("abarkuh", "ابرکوه", "Abarkuh"),
        ("taft", "تفت", "Taft"),
        ("ashkezar", "اشکذر", "Ashkezar"),
        ("harat", "هرات", "Harat", "خاتم", "Khatam"),
        ("behabad", "بهاباد", "Behabad"),
    )),
)  # fmt: skip


def _build() -> tuple[Province, ...]:
    provinces = []
    for pcode, pfa, pen, rows in _DATA:
        cities = tuple(
            City(
                code=f"{pcode}.{slug}",
                fa=fa,
                en=en,
                province_code=pcode,
                aliases=tuple(aliases),
            )
            for slug, fa, en, *aliases in rows
        )
        provinces.append(Province(code=pcode, fa=pfa, en=pen, cities=cities))
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

CRAFTS: tuple[Craft, ...] = (
    Craft("enamel", "میناکاری", "Enamel work", "#میناکاری"),
    Craft("filigree", "ملیله‌کاری", "Filigree", "#ملیله‌کاری"),
    Craft("noodles", "رشته‌بری", "Noodle making", "#رشته‌بری"),
    Craft("socks", "جوراب‌بافی", "Sock knitting", "#جوراب‌بافی"),
    Craft("kilim", "گلیم‌بافی", "Kilim weaving", "#گلیم‌بافی"),
    Craft("sewing", "خیاطی", "Sewing", "#خیاطی"),
    Craft("quilt", "لحاف‌دوزی", "Quilt making", "#لحاف‌دوزی"),
    Craft("dolls", "عروسک‌سازی", "Doll making", "#عروسک‌سازی"),
    Craft("food", "غذای خانگی", "Home-made food", "#غذای_خانگی"),
    Craft("clothing", "پوشاک", "Clothing", "#پوشاک"),
    Craft("decor", "دکوری و خانه", "Home decor", "#دکوری_و_خانه"),
    Craft("other", "سایر", "Other", "#سایر"),
)

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
