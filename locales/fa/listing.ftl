## Listing a product
menu-new-listing = ➕ ثبت محصول جدید
menu-my-listings = 🛍 محصولات من
lst-not-seller = برای ثبت محصول، اول باید به‌عنوان فروشنده ثبت‌نام کنید. دکمهٔ «{ menu-register }» را بزنید؛ چند دقیقه بیشتر طول نمی‌کشد.
lst-intro = بیایید محصول تازه‌تان را ثبت کنیم. در هر مرحله می‌توانید با «{ btn-back }» به قدم قبل برگردید.
lst-resume-ask = یک محصول نیمه‌کاره دارید: «{ $title }». برای ادامه «{ btn-continue }» و برای شروع دوباره «{ btn-start-over }» را بزنید.
lst-untitled = بی‌نام
btn-continue = ▶️ ادامه
btn-start-over = 🔄 از اول
lst-resumed = از همان‌جا که مانده بودید ادامه می‌دهیم.

lst-ask-category = رشتهٔ محصول را انتخاب کنید:
lst-ask-photos =
    عکس‌های محصول را بفرستید؛ از ۱ تا { $max } عکس، یکی‌یکی یا چندتا با هم.
    وقتی همهٔ عکس‌ها را فرستادید، «{ btn-done }» را بزنید.
lst-ask-photos-replace = عکس‌های تازه را بفرستید تا جای عکس‌های فعلی را بگیرند. اگر پشیمان شدید، «{ btn-done }» را بزنید تا همان عکس‌های قبلی بماند.
lst-photos-received = 📷 { $count } عکس دریافت شد. اگر عکس دیگری دارید بفرستید، وگرنه «{ btn-done }» را بزنید.
lst-err-photo-limit = تا { $max } عکس می‌شود گذاشت؛ { $extra } عکس آخر اضافه نشد. «{ btn-done }» را بزنید تا برویم سراغ قدم بعد.
lst-err-photo-needed = دست‌کم یک عکس از محصول بفرستید، بعد «{ btn-done }» را بزنید.
lst-err-photo-file = این عکس به‌صورت «فایل» آمده است. لطفاً از پیوست، گزینهٔ «عکس» یا «گالری» را بزنید و آن را به‌صورت عکس بفرستید، نه فایل.
lst-err-photo-type = اینجا فقط عکس محصول لازم است. عکس بفرستید، یا اگر عکس دیگری ندارید «{ btn-done }» را بزنید.

lst-ask-title = یک نام کوتاه برای محصول بنویسید، در یک خط؛ مثلاً «گلیم دستباف ۲ متری».
lst-err-title-short = این نام خیلی کوتاه است. کمی کامل‌تر بنویسید؛ مثلاً «جوراب بافتنی بچگانه».
lst-err-title-long = { $words ->
        [0] این نام برای یک خط خیلی بلند است. چند کلمه بنویسید؛ مثلاً «گلیم دستباف ۲ متری».
       *[other] این نام برای یک خط بلند است؛ حدود { $words } کلمه از آن کم کنید. جزئیات را در توضیح بنویسید.
    }

lst-ask-description =
    دربارهٔ محصول توضیح بدهید: جنس، اندازه، رنگ، هر چیزی که خریدار باید بداند.
    می‌توانید بنویسید (تا حدود { $words } کلمه) یا یک پیام صوتی بفرستید. اگر نمی‌خواهید، «{ btn-skip }» را بزنید.
lst-err-description-long = { $words ->
        [0] این توضیح خیلی بلند است؛ تا حدود { $most } کلمه بنویسید، یا به‌جایش یک پیام صوتی بفرستید.
       *[other] این توضیح کمی بلند است؛ حدود { $words } کلمه از آن کم کنید، یا به‌جایش یک پیام صوتی بفرستید.
    }
lst-err-voice-long = پیام صوتی باید کوتاه‌تر از { $max } دقیقه باشد. کوتاه‌تر ضبط کنید و دوباره بفرستید.
lst-err-description-type = لطفاً توضیح را بنویسید یا پیام صوتی بفرستید. اگر نمی‌خواهید، «{ btn-skip }» را بزنید.
lst-voice-saved = 🎙 پیام صوتی‌تان به‌عنوان توضیح محصول نگه داشته شد و خریداران می‌توانند آن را بشنوند.

lst-ask-price = قیمت محصول را به تومان بنویسید؛ مثلاً ۱۲۰ هزار یا ۱٫۵ میلیون.
lst-err-price = این قیمت را متوجه نشدیم. قیمت را به تومان و با عدد بنویسید؛ مثلاً ۱۲۰۰۰۰ یا ۱۲۰ هزار یا ۱٫۵ میلیون.
lst-err-price-rial = لطفاً قیمت را به تومان بنویسید، نه ریال؛ مثلاً ۱۲۰ هزار.
lst-err-price-fraction = قیمت باید عدد درست به تومان باشد؛ مثلاً ۱۲۰ هزار.
lst-err-price-range = قیمت باید بین { $min } و { $max } تومان باشد. قیمت را دوباره بنویسید.
lst-price-saved = قیمت: { $price }

lst-ask-availability = این محصول الان موجود است یا سفارشی می‌سازید؟
btn-in-stock = 📦 موجود است
btn-made-to-order = 🧵 سفارشی می‌سازم
lst-err-stock = تعداد باید عددی از ۱ تا { $max } باشد؛ مثلاً ۳.
lst-err-prep-days = تعداد روزها باید عددی از ۱ تا { $max } باشد؛ مثلاً ۵.

lst-ask-delivery = محصول چطور به دست خریدار می‌رسد؟ یک یا چند روش را انتخاب کنید و بعد «{ btn-done }» را بزنید.
delivery-pickup = 🤝 تحویل حضوری
delivery-courier = 🛵 پیک درون‌شهری
delivery-post = 📮 پست به شهرهای دیگر
lst-err-delivery-empty = دست‌کم یک روش ارسال را انتخاب کنید و بعد «{ btn-done }» را بزنید.
lst-ask-delivery-cost = هزینهٔ «{ $method }» برای خریدار چقدر است؟ هزینه را به تومان بنویسید یا «{ btn-free }» را بزنید.
btn-free = 🎁 رایگان
lst-err-delivery-cost = هزینهٔ ارسال را به تومان بنویسید (تا { $max } تومان)، یا «{ btn-free }» را بزنید.

lst-preview-intro = 👇 محصولتان در کانال این‌طور دیده می‌شود:
lst-preview-intro-behalf = 👇 محصول { $name } در کانال این‌طور دیده می‌شود:
lst-preview-actions = اگر همه‌چیز درست است «{ btn-submit }» را بزنید. برای تغییر هر بخش، دکمهٔ همان بخش را بزنید.
btn-edit-category = رشته
btn-edit-photos = عکس‌ها
btn-edit-title = نام
btn-edit-description = توضیح
btn-edit-price = قیمت
btn-edit-availability = موجودی
btn-edit-delivery = روش ارسال
btn-submit = 📤 فرستادن برای بررسی
lst-submitted = محصولتان برای بررسی فرستاده شد ✅ مربی‌ها آن را می‌بینند و بعد از تأیید در کانال منتشر می‌شود. نتیجه را همین‌جا به شما خبر می‌دهیم.
lst-incomplete = این محصول هنوز کامل نیست. دکمهٔ «{ $field ->
        [category] { btn-edit-category }
        [photos] { btn-edit-photos }
        [title] { btn-edit-title }
        [price] { btn-edit-price }
        [delivery] { btn-edit-delivery }
       *[other] { btn-edit-availability }
    }» را بزنید و آن بخش را کامل کنید.
lst-cancelled = ثبت محصول نیمه‌کاره ماند. پیش‌نویس نگه داشته شده و هر وقت «{ menu-new-listing }» را بزنید، می‌توانید ادامه دهید.
lst-cancelled-fix = اصلاح «{ $title }» نیمه‌کاره ماند. تغییرهایتان نگه داشته شد و محصول مثل قبل در «{ menu-my-listings }» است.
lst-cancelled-fix-go = هر وقت خواستید، برای ادامهٔ اصلاح «{ btn-edit-listing }» را بزنید (این دکمه روی محصول در «{ menu-my-listings }» هم هست).
btn-delete-draft = 🗑 پیش‌نویس را پاک کن
lst-draft-deleted = پیش‌نویس پاک شد.

## Caption of a listing, as buyers see it in the channel (always Persian)
cap-price = 💰 قیمت: { $price }
cap-stock = 📦 موجود: { $count } عدد
cap-made-to-order = 🧵 سفارشی؛ آماده‌سازی { $days } روز
cap-delivery = 🚚 روش‌های ارسال:
cap-delivery-free = { $method }: رایگان
cap-delivery-cost = { $method }: { $cost }
cap-delivery-pickup = { $method }
cap-place = 📍 { $city }، { $province }
cap-shop = 🏠 فروشگاه: { $shop }
cap-voice = 🎙 توضیح صوتی در ربات
cap-sold-out = ⛔️ تمام شد
cap-paused = ⏸ فروش موقتاً متوقف است
cap-withdrawn = این محصول دیگر فروخته نمی‌شود.

## My products
my-empty = هنوز محصولی ثبت نکرده‌اید. با «{ menu-new-listing }» شروع کنید.
my-title = محصولات شما ({ $count }):
my-card =
    { $title }
    📌 { $status }
    💰 { $price }
    { $availability }
status-draft = پیش‌نویس
status-pending = در انتظار بررسی
status-needs_changes = نیاز به اصلاح
status-published = منتشر شده
status-sold_out = تمام شد
status-paused = متوقف
status-withdrawn = از فروش برداشته شده
status-rejected = رد شده
btn-change-price = 💰 تغییر قیمت
btn-change-stock = 📦 تغییر موجودی
btn-pause = ⏸ توقف فروش
btn-resume = ▶️ ادامهٔ فروش
btn-sold-out = ⛔️ دیگر موجود ندارم
btn-withdraw = 🗑 برداشتن از فروش
btn-edit-listing = ✏️ اصلاح و فرستادن دوباره
btn-back-to-list = ↩️ فهرست محصولات
my-ask-price = قیمت تازه را به تومان بنویسید. قیمت فعلی: { $price }
my-ask-stock = چند عدد موجود دارید؟ عدد را بنویسید؛ مثلاً ۳. الان: { $count } عدد
my-price-changed = قیمت به { $price } تغییر کرد.
my-stock-changed = موجودی به { $count } عدد تغییر کرد.
my-paused = فروش این محصول متوقف شد. هر وقت خواستید «{ btn-resume }» را بزنید.
my-resumed = فروش این محصول دوباره فعال شد.
my-sold-out = این محصول در کانال با «{ cap-sold-out }» نشان داده می‌شود. اگر دوباره ساختید، با «{ btn-change-stock }» تعدادش را بنویسید.
my-withdraw-confirm = مطمئنید؟ محصول از فروش برداشته می‌شود و دیگر به خریداران نشان داده نمی‌شود.
btn-yes-withdraw = بله، از فروش بردار
my-withdrawn = محصول از فروش برداشته شد.
my-not-allowed = این کار الان برای این محصول ممکن نیست. «{ btn-back-to-list }» را بزنید تا ببینید الان چه کاری می‌شود کرد.
my-not-yours = این محصول متعلق به شما نیست.
btn-revise-listing = ✏️ تغییر نام، عکس یا توضیح
my-revise-intro = هر بخشی را که می‌خواهید تغییر دهید و بعد «{ btn-submit }» را بزنید. تا وقتی مربی تغییرات را تأیید کند، همان پست فعلی در کانال می‌ماند.
my-finish-draft-first = یک محصول نیمه‌کاره دارید. اول «{ menu-new-listing }» را بزنید و آن را تمام کنید؛ اگر آن را نمی‌خواهید، همان‌جا «{ btn-start-over }» را بزنید.
status-awaiting_seller = منتظر تأیید شما

## Listing codes and sharing (bot/services/codes.py, handlers/sharing.py)
cap-code = 🔢 کد محصول: { $code } (این عدد را در ربات بفرستید)
cap-code-bot = 🔢 کد محصول: { $code }
my-code = 🔢 کد محصول: { $code }؛ خریدار این عدد را در ربات بفرستد، همین محصول باز می‌شود.
my-trainer-note = ✏️ پیشنهاد مربی: { $note }
btn-share = 📤 معرفی به دیگران
btn-share-shop = 📤 معرفی فروشگاه
share-listing =
    🛍 { $title }
    💰 { $price }
    🔢 کد محصول: { $code }
    برای دیدن و سفارش، این عدد را در ربات همیار بفرستید:
    { $link }
share-shop =
    🏠 فروشگاه { $name }
    🔢 کد فروشگاه: { $code }
    برای دیدن محصولات، این عدد را در ربات همیار بفرستید:
    { $link }
share-hint = پیام بالا برای معرفی آماده است: آن را برای دوستان و گروه‌ها بفرستید (با دکمهٔ «هدایت»)، یا متنش را کپی کنید و در برنامهٔ دیگری بگذارید.
share-not-published = فقط محصولی را که در کانال منتشر شده می‌شود معرفی کرد.
share-no-shop = فروشگاه شما هنوز محصول منتشرشده‌ای ندارد؛ بعد از انتشار اولین محصول می‌توانید آن را معرفی کنید.
## i11-numbers: amounts said back, number buttons, voice and text together
btn-amount-yes = ✅ بله، درست است
btn-amount-no = ✏️ نه، دوباره می‌نویسم
lst-price-confirm = قیمت را { $price } فهمیدیم. درست است؟
    دکمهٔ «{ btn-amount-yes }» یا «{ btn-amount-no }» را بزنید.
lst-cost-confirm = هزینهٔ «{ $method }» را { $cost } فهمیدیم. درست است؟
    دکمهٔ «{ btn-amount-yes }» یا «{ btn-amount-no }» را بزنید.
lst-cost-saved = هزینهٔ «{ $method }»: { $cost }
lst-price-again = قیمت را دوباره بنویسید؛ مثلاً ۱۲۰ هزار یا ۱٫۵ میلیون.
lst-ask-stock-buttons = چند عدد موجود دارید؟ یکی از دکمه‌های عدد را بزنید، یا بنویسید؛ مثلاً «دوتا».
lst-ask-prep-days-buttons = آماده کردن هر سفارش چند روز طول می‌کشد؟ یکی از دکمه‌ها را بزنید، یا بنویسید؛ مثلاً «یک هفته».
btn-prep-days = { $days } روز
lst-description-keeps-voice = صدای ضبط‌شده‌تان می‌ماند؛ نوشته کنار آن می‌آید. با «{ btn-skip }» هر دو پاک می‌شوند.
# i11-screens: a button of an older «محصولات من» card
my-stale-card = { $why } کارت را به‌روز کردم؛ از دکمه‌های تازهٔ آن استفاده کنید.
my-list-line = { $icon } { $title }: { $status }
