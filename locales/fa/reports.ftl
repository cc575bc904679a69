## Reports for trainers and managers (/report), the weekly digest and sellers' weekly notes
rep-choose-period =
    📊 گزارش چه مدتی را می‌خواهید؟ یکی از دکمه‌ها را بزنید، یا تاریخ شروع و پایان را بنویسید؛ مثلاً:
    /report از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰
rep-btn-tw = این هفته
rep-btn-lw = هفتهٔ پیش
rep-btn-tm = این ماه
rep-btn-lm = ماه پیش
rep-btn-all = از اول تا امروز
rep-btn-area = 📍 به تفکیک منطقه
rep-btn-craft = 🧶 به تفکیک رشته
rep-btn-group = 👥 به تفکیک گروه
rep-btn-xlsx = 📗 فایل اکسل
rep-btn-csv = 📄 فایل سی‌اس‌وی
rep-btn-png = 📈 نمودارها
rep-not-allowed = گزارش‌ها فقط برای مربی‌ها و مدیران همیار است. اگر مربی هستید، از مدیر همیار بخواهید شما را به مربی‌ها اضافه کند.
rep-err-range =
    این تاریخ‌ها را نفهمیدیم. تاریخ شمسی روز اول و روز آخر را بنویسید؛ مثلاً:
    /report از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰
rep-err-year =
    سال را شمسی بنویسید (مثلاً ۱۴۰۵، نه ۲۰۲۶)؛ مثلاً:
    /report از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰
rep-expired = این دکمه قدیمی است. دوباره /report را بفرستید.
rep-title = 📊 گزارش { $period }
rep-period-named = { $name } ({ $dates })
rep-period-all = از اول تا امروز
rep-dates = { $start } تا { $end }
rep-dates-to-today = { $start } تا امروز
rep-dates-today = امروز، { $date }
rep-scope = 📍 { $name }
rep-sellers = 👩 فروشنده‌ها: { $total } نفر؛ { $new ->
        [0] در این مدت کسی تازه ثبت‌نام نکرد
        [one] { $new } نفر در این مدت ثبت‌نام کرد
       *[other] { $new } نفر در این مدت ثبت‌نام کردند
    }
rep-active = { $count ->
        [0] 🟢 در این مدت هیچ فروشنده‌ای فعال نبود (محصولی منتشر نشد و سفارشی نیامد)
        [one] 🟢 { $count } فروشنده فعال بود (محصولش منتشر شد یا سفارش گرفت)
       *[other] 🟢 { $count } فروشنده فعال بودند (محصولشان منتشر شد یا سفارش گرفتند)
    }
rep-then = { $head }؛ در همین مدت { $parts }
rep-listings = { $count ->
        [0] 🧺 محصولی برای بررسی نیامد
       *[other] 🧺 { $count } محصول برای بررسی آمد
    }
rep-listings-approved = { $count } محصول تأیید شد
rep-listings-rejected = { $count } محصول رد شد
rep-listings-changes = { $count } محصول برای اصلاح برگشت
rep-median = ⏱ مربی‌ها معمولاً { $hours } ساعت بعد از آمدن محصول جواب دادند
rep-orders = { $count ->
        [0] 🛒 سفارش تازه‌ای نیامد
       *[other] 🛒 { $count } سفارش تازه آمد
    }
rep-orders-accepted = { $count } سفارش پذیرفته شد
rep-orders-declined = { $count } سفارش را فروشنده نپذیرفت
rep-orders-cancelled = { $count } سفارش لغو شد
rep-orders-completed = { $count } سفارش انجام شد
rep-sales = 💰 فروش: { $amount } تومان (سفارش‌های انجام‌شده، بدون هزینهٔ ارسال)
rep-sales-none = 💰 در این مدت سفارشی انجام نشد، پس فروشی حساب نشد.
rep-rating = ⭐️ امتیاز خریدارها: به‌طور میانگین { $rating } از ۵
rep-top-crafts = 🏆 پرفروش‌ترین رشته‌ها: { $crafts }
rep-top-reason = ✏️ دلیلی که بیشتر از همه برای رد یا اصلاح نوشته شد: «{ $reason }» ({ $count } بار)
rep-quiet-head = { $count ->
        [one] 📞 این فروشنده ۳۰ روز است نه محصولی فرستاده نه سفارشی گرفته؛ شاید یک تلفن کمکش کند:
       *[other] 📞 این { $count } فروشنده ۳۰ روز است نه محصولی فرستاده‌اند نه سفارشی گرفته‌اند؛ شاید یک تلفن کمکشان کند:
    }
rep-quiet-more = … و { $count } نفر دیگر (همه در «{ rep-btn-xlsx }»)
rep-by-head = به تفکیک { $name }:
rep-by-line = • { $name }: { $count } فروشندهٔ فعال، { $orders } سفارش تازه
rep-by-line-craft = • { $name }: { $count } محصول برای بررسی، { $orders } سفارش تازه
rep-by-line-sales = { $line }، فروش { $sales } تومان
rep-by-line-nothing = • { $name }: در این مدت خبری نبود
rep-by-more = … و { $count } ردیف دیگر در «{ rep-btn-xlsx }»
rep-more-files = همهٔ عددها و فهرست فروشنده‌ها در «{ rep-btn-xlsx }» است؛ برای نمودار «{ rep-btn-png }» را بزنید.
rep-file-caption = 📊 گزارش { $period } — همهٔ عددها در این فایل است.
rep-chart-caption = 📈 { $title } — { $period }
rep-chart-by = { $figure } به تفکیک { $by }
rep-chart-nothing = در این مدت عددی برای نشان دادن نبود.
rep-chart-sales = فروش (تومان)
rep-chart-active = فروشندهٔ فعال
rep-chart-weeks = هر ستون یک هفته است، از شنبه
rep-chart-weekly-title = فروش و فروشنده‌های فعال در هر هفته
rep-fig-sellers-total = همهٔ فروشنده‌ها
rep-fig-sellers-new = فروشندهٔ تازه‌ثبت‌نام
rep-fig-sellers-active = فروشندهٔ فعال
rep-fig-sellers-quiet = فروشندهٔ بی‌فعالیت در ۳۰ روز
rep-fig-listings-submitted = محصول آمده برای بررسی
rep-fig-listings-approved = محصول تأییدشده
rep-fig-listings-rejected = محصول ردشده
rep-fig-listings-changes = محصول برگشته برای اصلاح
rep-fig-orders-placed = سفارش تازه
rep-fig-orders-accepted = سفارش پذیرفته‌شده
rep-fig-orders-declined = سفارش نپذیرفته
rep-fig-orders-cancelled = سفارش لغوشده
rep-fig-orders-completed = سفارش انجام‌شده
rep-fig-sales = فروش (تومان)
rep-fig-rating = میانگین امتیاز خریدارها
rep-fig-median-hours = ساعت تا جواب مربی (میانه)
rep-col-figure = مورد
rep-col-value = عدد
rep-col-name = نام
rep-col-phone = تلفن
rep-col-city = شهر
rep-col-district = منطقه
rep-col-group = گروه
rep-col-registered = تاریخ ثبت‌نام
rep-col-quiet = ۳۰ روز بی‌فعالیت
rep-col-breakdown = به تفکیک
rep-col-row = نام
rep-col-from = از تاریخ
rep-col-to = تا تاریخ
rep-bd-area = منطقه
rep-bd-craft = رشته
rep-bd-group = گروه
rep-bd-total = همه
rep-bd-no-group = بدون گروه
rep-sheet-summary = خلاصه
rep-sheet-sellers = فروشنده‌ها
rep-yes = بله
rep-digest-head = 🗓 گزارش هفتگی همیار
rep-digest-more = برای جزئیات، فایل اکسل و نمودار، /report را بفرستید.
rep-note-head = 🗓 هفتهٔ گذشتهٔ شما در همیار:
rep-note-orders = 🛒 { $count } سفارش تازه گرفتید
rep-note-sales = 💰 فروش: { $amount } تومان
rep-note-waiting = ⏳ { $count } محصولتان منتظر بررسی مربی است
rep-note-favourites = ❤️ خریدارها { $count } بار محصول‌های شما را نشان کردند
rep-note-off = اگر این پیام هفتگی را نمی‌خواهید، در «{ menu-settings }» دکمهٔ «{ btn-weekly-off }» را بزنید (یا /weekly را بفرستید).
rep-weekly-on = ✅ از این به بعد هر شنبه صبح پیام کوتاهی از هفتهٔ شما می‌فرستیم. برای خاموش کردنش دوباره /weekly را بفرستید.
rep-weekly-off = باشد؛ دیگر پیام هفتگی نمی‌فرستیم. اگر دوباره خواستید، /weekly را بفرستید.
rep-weekly-not-seller = پیام هفتگی برای فروشنده‌هاست. اول دکمهٔ «{ menu-register }» را بزنید و ثبت‌نام کنید.
