## Listing a product
menu-new-listing = ➕ ثبت محصول جدید
menu-my-listings = 🛍 محصولات من
lst-not-seller = برای ثبت محصول، اول باید به‌عنوان فروشنده ثبت‌نام کنید. دکمهٔ «ثبت‌نام فروشنده» را بزنید؛ چند دقیقه بیشتر طول نمی‌کشد.
lst-intro = بیایید محصول تازه‌تان را ثبت کنیم. در هر مرحله می‌توانید با «بازگشت» به قدم قبل برگردید.
lst-resume-ask = یک محصول نیمه‌کاره دارید: «{ $title }». ادامه می‌دهید یا از اول شروع می‌کنید؟
lst-untitled = بی‌نام
btn-continue = ▶️ ادامه
btn-start-over = 🔄 از اول
lst-resumed = از همان‌جا که مانده بودید ادامه می‌دهیم.

lst-ask-category = دستهٔ محصول را انتخاب کنید:
lst-ask-photos =
    عکس‌های محصول را بفرستید؛ از ۱ تا { $max } عکس، یکی‌یکی یا چندتا با هم.
    وقتی تمام شد، «تمام شد» را بزنید.
lst-ask-photos-replace = عکس‌های تازه را بفرستید تا جای عکس‌های فعلی را بگیرند. اگر پشیمان شدید، «تمام شد» را بزنید تا همان عکس‌های قبلی بماند.
lst-photos-received = 📷 { $count } عکس دریافت شد. اگر عکس دیگری دارید بفرستید، وگرنه «تمام شد» را بزنید.
lst-err-photo-limit = حداکثر { $max } عکس می‌شود گذاشت؛ { $extra } عکس آخر اضافه نشد.
lst-err-photo-needed = دست‌کم یک عکس از محصول بفرستید.
lst-err-photo-file = این عکس به‌صورت «فایل» آمده است. لطفاً از پیوست، گزینهٔ «عکس» یا «گالری» را بزنید و آن را به‌صورت عکس بفرستید، نه فایل.
lst-err-photo-type = اینجا فقط عکس محصول لازم است. عکس بفرستید یا اگر تمام شد، «تمام شد» را بزنید.

lst-ask-title = یک نام کوتاه برای محصول بنویسید؛ مثلاً «گلیم دستباف ۲ متری». (از { $min } تا { $max } حرف)
lst-err-title-short = نام محصول باید دست‌کم { $min } حرف باشد.
lst-err-title-long = این نام { $length } حرف است و حداکثر { $max } حرف مجاز است. لطفاً کوتاه‌ترش کنید.

lst-ask-description =
    دربارهٔ محصول توضیح بدهید: جنس، اندازه، رنگ، هر چیزی که خریدار باید بداند.
    می‌توانید بنویسید (تا { $max } حرف) یا یک پیام صوتی بفرستید. اگر نمی‌خواهید، «بعدی» را بزنید.
lst-err-description-long = این توضیح { $length } حرف است و حداکثر { $max } حرف جا دارد. لطفاً کوتاه‌ترش کنید یا یک پیام صوتی بفرستید.
lst-err-voice-long = پیام صوتی باید کوتاه‌تر از { $max } دقیقه باشد.
lst-err-description-type = لطفاً توضیح را بنویسید یا پیام صوتی بفرستید.
lst-voice-saved = 🎙 پیام صوتی‌تان به‌عنوان توضیح محصول ذخیره شد و خریداران می‌توانند آن را بشنوند.

lst-ask-price = قیمت محصول را به تومان بنویسید؛ مثلاً ۱۲۰ هزار یا ۱٫۵ میلیون.
lst-err-price = این قیمت را متوجه نشدم. قیمت را به تومان و با عدد بنویسید؛ مثلاً ۱۲۰۰۰۰ یا ۱۲۰ هزار یا ۱٫۵ میلیون.
lst-err-price-rial = لطفاً قیمت را به تومان بنویسید، نه ریال.
lst-err-price-fraction = قیمت باید عدد درست به تومان باشد؛ مثلاً ۱۲۰ هزار.
lst-err-price-range = قیمت باید بین { $min } و { $max } تومان باشد.
lst-price-saved = قیمت: { $price }

lst-ask-availability = این محصول آماده است یا سفارشی ساخته می‌شود؟
btn-in-stock = 📦 آماده است
btn-made-to-order = 🧵 سفارشی می‌سازم
lst-err-stock = تعداد باید عددی از ۱ تا { $max } باشد؛ مثلاً ۳.
lst-err-prep-days = تعداد روزها باید عددی از ۱ تا { $max } باشد؛ مثلاً ۵.

lst-ask-delivery = محصول چطور به دست خریدار می‌رسد؟ یک یا چند روش را انتخاب کنید و بعد «تمام شد» را بزنید.
delivery-pickup = 🤝 تحویل حضوری
delivery-courier = 🛵 پیک درون‌شهری
delivery-post = 📮 پست به شهرهای دیگر
lst-err-delivery-empty = دست‌کم یک روش ارسال را انتخاب کنید.
lst-ask-delivery-cost = هزینهٔ «{ $method }» برای خریدار چقدر است؟ مبلغ را به تومان بنویسید یا «رایگان» را بزنید.
btn-free = 🎁 رایگان
lst-err-delivery-cost = هزینهٔ ارسال را به تومان بنویسید (تا { $max } تومان)، یا «رایگان» را بزنید.

lst-preview-intro = 👇 محصولتان در کانال این‌طور دیده می‌شود:
lst-preview-actions = اگر همه‌چیز درست است «ارسال برای بررسی» را بزنید. برای تغییر هر بخش، دکمه‌اش را بزنید.
btn-edit-category = دسته
btn-edit-photos = عکس‌ها
btn-edit-title = نام
btn-edit-description = توضیح
btn-edit-price = قیمت
btn-edit-availability = موجودی
btn-edit-delivery = روش ارسال
btn-submit = 📤 ارسال برای بررسی
lst-submitted = محصولتان برای بررسی فرستاده شد ✅ مربی‌ها آن را می‌بینند و بعد از تأیید در کانال منتشر می‌شود. نتیجه را همین‌جا به شما خبر می‌دهیم.
lst-incomplete = این محصول هنوز کامل نیست. بخش «{ $field }» را کامل کنید.
lst-cancelled = ثبت محصول نیمه‌کاره ماند. پیش‌نویس نگه داشته شده و هر وقت «ثبت محصول جدید» را بزنید، می‌توانید ادامه دهید.
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
cap-sold-out = ⛔️ ناموجود
cap-paused = ⏸ فروش موقتاً متوقف است
cap-withdrawn = این محصول دیگر فروخته نمی‌شود.

## My products
my-empty = هنوز محصولی ثبت نکرده‌اید. با «ثبت محصول جدید» شروع کنید.
my-title = محصولات شما ({ $count }):
my-card =
    { $title }
    وضعیت: { $status }
    💰 { $price }
    { $availability }
status-draft = پیش‌نویس
status-pending = در انتظار بررسی
status-needs_changes = نیاز به اصلاح
status-published = منتشر شده
status-sold_out = ناموجود
status-paused = متوقف
status-withdrawn = کنار گذاشته شده
status-rejected = رد شده
btn-change-price = 💰 تغییر قیمت
btn-change-stock = 📦 تغییر موجودی
btn-pause = ⏸ توقف فروش
btn-resume = ▶️ ادامهٔ فروش
btn-sold-out = ⛔️ ناموجود شد
btn-withdraw = 🗑 کنار گذاشتن
btn-edit-listing = ✏️ اصلاح و ارسال دوباره
btn-back-to-list = ↩️ فهرست محصولات
my-ask-price = قیمت تازه را به تومان بنویسید. قیمت فعلی: { $price }
my-ask-stock = تعداد موجود تازه را بنویسید. موجودی فعلی: { $count }
my-price-changed = قیمت به { $price } تغییر کرد.
my-stock-changed = موجودی به { $count } عدد تغییر کرد.
my-paused = فروش این محصول متوقف شد. هر وقت خواستید «ادامهٔ فروش» را بزنید.
my-resumed = فروش این محصول دوباره فعال شد.
my-sold-out = این محصول «ناموجود» شد.
my-withdraw-confirm = مطمئنید؟ محصول کنار گذاشته می‌شود و دیگر به خریداران نشان داده نمی‌شود.
btn-yes-withdraw = بله، کنار بگذار
my-withdrawn = محصول کنار گذاشته شد.
my-not-allowed = این کار برای این محصول در وضعیت فعلی‌اش ممکن نیست.
my-not-yours = این محصول متعلق به شما نیست.
btn-revise-listing = ✏️ تغییر نام، عکس یا توضیح
my-revise-intro = هر بخشی را که می‌خواهید تغییر دهید و بعد «ارسال برای بررسی» را بزنید. تا وقتی مربی تغییرات را تأیید کند، همان پست فعلی در کانال می‌ماند.
my-finish-draft-first = یک محصول نیمه‌کاره دارید؛ اول آن را تمام یا پاک کنید.
status-awaiting_seller = منتظر تأیید شما

## Listing codes and sharing (bot/services/codes.py, handlers/sharing.py)
cap-code = 🔢 کد محصول: { $code } (این عدد را در ربات بفرستید)
my-code = 🔢 کد محصول: { $code }؛ خریدار این عدد را در ربات بفرستد، همین محصول باز می‌شود.
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
lst-price-confirm = قیمت را { $price } فهمیدم. درست است؟
    دکمهٔ «{ btn-amount-yes }» یا «{ btn-amount-no }» را بزنید.
lst-price-again = قیمت را دوباره بنویسید؛ مثلاً ۱۲۰ هزار یا ۱٫۵ میلیون.
lst-ask-stock-buttons = چند عدد آماده دارید؟ یکی از دکمه‌های عدد را بزنید، یا بنویسید؛ مثلاً «دوتا».
lst-ask-prep-days-buttons = آماده کردن هر سفارش چند روز طول می‌کشد؟ یکی از دکمه‌ها را بزنید، یا بنویسید؛ مثلاً «یک هفته».
btn-prep-days = { $days } روز
lst-description-keeps-voice = صدای ضبط‌شده‌تان می‌ماند؛ نوشته کنار آن می‌آید. با «{ btn-skip }» هر دو پاک می‌شوند.
