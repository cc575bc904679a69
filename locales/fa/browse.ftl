## Buyers: browsing, search, favourites, shops
menu-browse = 🔎 دیدن محصولات
menu-favourites = ❤️ نشان‌شده‌ها

br-categories =
    🔎 محصولات کدام رشته را می‌خواهید ببینید؟
    یا هر چیزی را که دنبالش هستید بنویسید؛ مثلاً «گلیم» یا «ملیله».
br-category-count = { $name } ({ $count })
br-all = 🛍 همهٔ محصولات ({ $count })
br-empty-catalogue = هنوز محصولی منتشر نشده است. به‌زودی دوباره سر بزنید 🌸
br-no-results = با این انتخاب‌ها محصولی پیدا نشد. با دکمه‌های زیر شهر یا رشته را عوض کنید.
br-page = { $page } از { $pages }

btn-br-order = { ord-btn-order }
btn-br-save = 🤍 نشان کردن
btn-br-saved = ❤️ نشان‌شده
btn-br-shop = 🏠 فروشگاه
btn-br-prev = → قبلی
btn-br-next = بعدی ←
btn-br-sort-n = ↕️ ترتیب: تازه‌ترین
btn-br-sort-a = ↕️ ترتیب: ارزان‌ترین
btn-br-sort-d = ↕️ ترتیب: گران‌ترین
btn-br-city-any = 📍 شهر فروشنده: همه
btn-br-city = 📍 شهر فروشنده: { $city }
btn-br-mine-off = 🚚 فقط آنچه به شهر من می‌رسد
btn-br-mine-on = ☑️ 🚚 می‌رسد به { $city }
btn-br-categories = 🗂 رشته‌ها
btn-br-my-city = 📍 شهر من: { $city } (تغییر)
btn-br-set-my-city = 📍 شهر من را انتخاب کنید
btn-br-any-city = همهٔ شهرها

br-ask-province-filter = محصولات فروشنده‌های کدام استان را ببینید؟
br-ask-province-mine = شما در کدام استان هستید؟ یک بار می‌پرسیم و به خاطر می‌سپاریم تا بدانیم چه محصولاتی به شهرتان می‌رسد.
br-ask-city = شهر را انتخاب کنید:
br-my-city-saved = شهر شما «{ $city }» ثبت شد.

br-not-available = این محصول الان در دسترس نیست. محصولات دیگر را با «{ menu-browse }» ببینید 🌸
br-saved = ❤️ نشان شد. اگر قیمتش پایین بیاید یا دوباره موجود شود، خبرتان می‌کنیم.
br-unsaved = از نشان‌شده‌ها برداشته شد.

br-search-title = 🔎 { $count } محصول برای «{ $query }»:
br-search-title-many = 🔎 بیش از { $count } محصول برای «{ $query }»؛ بهترین‌ها اول:
br-search-none = برای «{ $query }» محصولی پیدا نشد. کلمهٔ دیگری بنویسید یا «{ menu-browse }» را بزنید.
br-search-ask = دنبال چه محصولی هستید؟ بنویسید؛ مثلاً «گلیم» یا «جوراب بافتنی».
br-search-old = این جست‌وجو قدیمی است؛ دوباره بنویسید دنبال چه محصولی هستید.

br-fav-empty = هنوز محصولی را نشان نکرده‌اید. زیر هر محصول دکمهٔ «{ btn-br-save }» هست.

br-shop-card =
    🏠 فروشگاه { $name }
    📍 { $city }، { $province }
    🛍 { $count } محصول
    لینک این فروشگاه برای فرستادن به دوستان:
    { $link }
br-shop-not-found = این فروشگاه پیدا نشد یا الان محصولی ندارد. محصولات دیگر را با «{ menu-browse }» ببینید.

## To people who saved a listing (through the outbox)
fav-price-dropped = 💰 قیمت «{ $title }» که نشانش کرده بودید از { $old } به { $price } رسید.
fav-back-in-stock = 📦 «{ $title }» که نشانش کرده بودید دوباره موجود شد.
fav-btn-view = 👀 دیدن محصول

## A listing's or shop's number typed in the bot (handlers/codes.py)
code-unknown = محصول یا فروشگاهی با کد { $code } پیدا نکردیم. عدد را دوباره نگاه کنید و بفرستید، یا «{ $button }» را بزنید.
code-paused = فروش «{ $title }» (کد { $code }) الان موقتاً متوقف است. چند روز دیگر همین عدد را دوباره بفرستید، یا «{ $button }» را بزنید و محصولات دیگر را ببینید.
code-gone = «{ $title }» (کد { $code }) دیگر فروخته نمی‌شود. «{ $button }» را بزنید و محصولات دیگر را ببینید.
## A page of listings as one message (issue 13): a numbered list, a button per listing
br-list-item = { $n }. { $title }
br-list-hint = 👇 برای دیدن عکس و سفارش، روی نام محصول بزنید.
btn-br-open = { $n }. { $title }
br-list-category = 🛍 { $name }:
br-list-all = 🛍 همهٔ محصولات:
br-fav-title = ❤️ نشان‌شده‌های شما:
