## Moderation in the trainers' admin chat
mod-card-title = 🆕 محصول شمارهٔ { $id } برای بررسی (نوبت { $round })
mod-card-voice = 🎙 توضیح صوتی: { $seconds } ثانیه (پیام صوتی بالا)
mod-card-seller =
    👤 فروشنده: { $name }
    📱 { $phone }
    📍 { $city }، { $province }{ $district ->
        [0] {""}
       *[other] { " " }— منطقهٔ { $district }
    }
    👥 گروه: { $group }
mod-card-entered-by = ✍️ ثبت‌شده به‌دست مربی: { $name } — { $consent }
mod-consent-none = هنوز تأیید فروشنده نیامده
mod-consent-seller = فروشنده خودش تأیید کرد
mod-consent-phone = فروشنده تلفنی موافقت کرد
mod-btn-approve = ✅ تأیید و انتشار
mod-btn-reject = ⛔️ رد
mod-btn-changes = ✏️ درخواست اصلاح
mod-btn-edit = 🛠 ویرایش
mod-btn-reason-typed = ✍️ دلیل دیگر (بنویسید)
mod-reason-photos = عکس‌ها واضح نیست یا محصول را خوب نشان نمی‌دهد
mod-reason-price = قیمت یا توضیحات روشن نیست
mod-reason-not_handmade = محصول دست‌ساز یا خانگی نیست
mod-reason-not_allowed = این محصول را در همیار نمی‌شود فروخت
mod-reason-duplicate = این محصول تکراری است
mod-choose-reason = دلیل رد محصول شمارهٔ { $id } را انتخاب کنید:
mod-ask-reason = { $name }، دلیل رد محصول شمارهٔ { $id } را در یک پیام بنویسید. (برای انصراف: /cancel)
mod-ask-changes = { $name }، بنویسید فروشنده چه چیزی را در محصول شمارهٔ { $id } اصلاح کند. (برای انصراف: /cancel)
mod-typing-cancelled = باشد؛ محصول همچنان در انتظار بررسی است.
mod-err-reason-empty = لطفاً دلیل را در یک پیام بنویسید.
mod-err-reason-long = { $words ->
        [0] این متن خیلی بلند است. کوتاه‌تر بنویسید، در چند جمله. (برای انصراف: /cancel)
       *[other] این متن بلند است؛ حدود { $words } کلمه از آن کم کنید و دوباره بفرستید. (برای انصراف: /cancel)
    }
mod-decided-approve = ✅ تأیید و منتشر شد — { $name }، { $time }
mod-decided-reject = ⛔️ رد شد — { $name }، { $time }
    دلیل: { $reason }
mod-decided-changes = ✏️ برای اصلاح برگشت — { $name }، { $time }
    پیام: { $reason }
mod-already = این محصول قبلاً بررسی شده است{ $who }.
mod-already-by = { " " }(به‌دست { $name })
mod-outdated = این کارت قدیمی است؛ نسخهٔ تازهٔ این محصول برای بررسی آمده است.
mod-not-trainer = فقط مربی‌های همیار می‌توانند این کار را انجام دهند.
mod-not-in-scope = این فروشنده در منطقهٔ شما نیست.
mod-done-approve = منتشر شد ✅
mod-done-reject = رد شد.
mod-done-changes = برای اصلاح برگشت.
mod-seller-rejected =
    محصول «{ $title }» این بار منتشر نشد.
    دلیل: { $reason }
    اگر بخواهید، اصلاحش کنید و دوباره بفرستید: در «{ menu-my-listings }» دکمهٔ «{ btn-edit-listing }» را بزنید.
mod-seller-changes =
    مربی برای محصول «{ $title }» پیشنهادی دارد:
    { $reason }
    در «{ menu-my-listings }» دکمهٔ «{ btn-edit-listing }» را بزنید، اصلاح کنید و دوباره بفرستید.
mod-seller-published = 🎉 محصول «{ $title }» تأیید شد و در کانال همیار منتشر شد.
mod-seller-published-link = 🎉 محصول «{ $title }» تأیید شد و در کانال همیار منتشر شد: { $link }
cat-btn-order = { ord-btn-order }

## Trainer tools (private chat)
tr-queue-empty = محصولی در انتظار بررسی نیست.
tr-queue-title = محصولات در انتظار بررسی ({ $count }):
tr-queue-item = محصول شمارهٔ { $id }، «{ $title }» — { $seller }، { $city } — { $date }
tr-queue-button = { $id } · { $title }
tr-queue-resent = کارت بررسی این محصول دوباره در گروه مربی‌ها فرستاده شد.
tr-seller-usage = نام یا شمارهٔ فروشنده را بعد از فرمان بنویسید؛ مثلاً: /seller مریم یا /seller ۰۹۱۲۱۲۳۴۵۶۷
tr-seller-none = فروشنده‌ای با این نام یا شماره پیدا نشد.
tr-seller-card =
    👤 { $name } — { $phone }
    📍 { $city }، { $province }{ $district ->
        [0] {""}
       *[other] { " " }— منطقهٔ { $district }
    }
    👥 { $group }
    🛍 محصولات: { $published } منتشرشده، { $pending } منتظر بررسی، { $total } در کل
    { $blocked }
tr-seller-blocked-note = ⛔️ مسدود است
tr-block-usage = شناسهٔ عددی، @نام کاربری یا شمارهٔ فرد را بعد از فرمان بنویسید؛ مثلاً: /block ۰۹۱۲۱۲۳۴۵۶۷
tr-blocked = { $name } مسدود شد؛ دیگر نمی‌تواند محصول ثبت یا سفارش کند.
tr-unblocked = { $name } دوباره آزاد شد.
tr-err-unknown-user = چنین کاربری پیدا نشد. او باید دست‌کم یک بار ربات را باز کرده باشد.
tr-err-block-manager = مدیران را نمی‌شود مسدود کرد.
tr-not-trainer = این فرمان فقط برای مربی‌های همیار است.
tr-not-manager = این فرمان فقط برای مدیران همیار است.

## Managers: trainers
tr-list-empty = هنوز مربی‌ای اضافه نشده است.
tr-list-title = مربی‌ها:
tr-list-item = • { $name } ({ $id }) — { $scope }
tr-scope-all = همهٔ شهرها
tr-add-usage =
    برای افزودن مربی: /addtrainer شناسه یا @نام‌کاربری [شهرها]
    مثال: /addtrainer @zahra_trainer ابهر، زنجان:۲
    بدون شهر یعنی همهٔ شهرها. شمارهٔ منطقه را بعد از دونقطه بنویسید.
tr-added = { $name } مربی شد — { $scope }.
tr-removed = { $name } دیگر مربی نیست.
tr-not-a-trainer = { $name } مربی نیست.
tr-remove-usage = برای حذف مربی: /removetrainer شناسه یا @نام‌کاربری
tr-err-scope-city = شهر «{ $city }» را پیدا نکردیم یا چند شهر با این نام هست. نام شهر را دقیق‌تر بنویسید.
tr-err-scope-district = شمارهٔ منطقه برای «{ $city }» باید عددی از ۱ تا ۳۰ باشد.

## On behalf of a seller
obh-ask-seller = برای کدام فروشنده محصول ثبت می‌کنید؟ نام یا شمارهٔ موبایلش را بنویسید.
obh-choose-seller = کدام فروشنده؟
obh-none = فروشنده‌ای با این نام یا شماره پیدا نشد. دوباره بنویسید یا /cancel را بزنید.
obh-started = ثبت محصول برای { $name }. مراحل همان مراحل فروشنده است.
obh-edit-started = ویرایش محصول شمارهٔ { $id } از { $name }. هر بخش را که لازم است تغییر دهید و در پایان «{ obh-btn-save }» را بزنید.
obh-btn-save = 💾 ثبت تغییرات
obh-saved = تغییرات ثبت شد و کارت تازه‌ای برای بررسی در گروه مربی‌ها فرستاده شد.
obh-consent-ask = محصول آماده است. فروشنده چطور موافقت می‌کند؟
obh-btn-send = 📨 پیش‌نمایش را برای فروشنده بفرست
obh-btn-phone = ☎️ تلفنی موافقت کرد
obh-sent = پیش‌نمایش برای فروشنده فرستاده شد؛ وقتی تأیید کند، محصول برای بررسی می‌رود.
obh-phone-recorded = موافقت تلفنی فروشنده ثبت شد و محصول برای بررسی رفت.
obh-seller-preview = { $trainer } (مربی همیار) این محصول را برایتان ثبت کرده است. اگر درست است «{ obh-btn-confirm }» را بزنید تا برای انتشار بررسی شود.
obh-btn-confirm = ✅ تأیید می‌کنم
obh-seller-confirmed = ممنون! محصول برای بررسی فرستاده شد.
obh-trainer-told-confirmed = { $name } محصول «{ $title }» را تأیید کرد و برای بررسی رفت.
mod-card-revision = ✏️ تغییرات محصول منتشرشدهٔ شمارهٔ { $original }؛ پست فعلی تا تأیید در کانال می‌ماند.
tr-err-block-trainer = مربی‌ها را فقط مدیران می‌توانند مسدود کنند.
tr-undelivered-none = همهٔ پیام‌ها رسیده‌اند؛ پیام نرسیده‌ای نیست.
tr-undelivered-title = پیام‌هایی که نرسیدند (تازه‌ترین اول):
tr-undelivered-item = #{ $id } به { $who } — { $when } — { $reason }
tr-undelivered-blocked = ربات را مسدود کرده است
tr-undelivered-retry = 🔁 دوباره بفرست #{ $id }
tr-undelivered-queued = دوباره در صف فرستادن گذاشته شد.
# i11-screens: short labels of the reject reasons (the seller is told the whole reason)
mod-reason-btn-photos = 📷 عکس‌ها واضح نیست
mod-reason-btn-price = 💰 قیمت یا توضیح روشن نیست
mod-reason-btn-not_handmade = ✋ دست‌ساز یا خانگی نیست
mod-reason-btn-not_allowed = 🚫 در همیار فروخته نمی‌شود
mod-reason-btn-duplicate = 🔁 تکراری است
# The fixes a trainer asks for by button («✏️ درخواست اصلاح»): the label, the text the decision
# stores (and the reports count), and the advice the seller reads
mod-btn-changes-typed = ✍️ اصلاح دیگر (بنویسید)
mod-change-btn-photo = 📷 عکس واضح‌تر
mod-change-btn-price = 💰 اصلاح قیمت
mod-change-btn-description = 📝 توضیح کامل‌تر
mod-change-btn-title = 🏷 نام روشن‌تر
mod-change-btn-delivery = 🚚 اصلاح روش ارسال
mod-change-photo = عکس واضح‌تری از محصول بفرستد
mod-change-price = قیمت را دوباره ببیند و درست کند
mod-change-description = توضیح را کامل‌تر بنویسد (جنس، اندازه، رنگ)
mod-change-title = نام روشن‌تری برای محصول بنویسد
mod-change-delivery = روش ارسال یا هزینه‌اش را درست کند
mod-change-advice-photo = 📷 یک عکس روشن‌تر بفرستید: در نور روز، با زمینهٔ ساده، که خود محصول خوب دیده شود.
mod-change-advice-price = 💰 قیمت را دوباره ببینید: قیمت یک عدد از محصول، به تومان؛ مثلاً ۱۲۰ هزار.
mod-change-advice-description = 📝 در توضیح بنویسید جنسش چیست، اندازه‌اش چقدر است و چه رنگی است.
mod-change-advice-title = 🏷 نام محصول را روشن‌تر بنویسید، که خریدار از نامش بفهمد چیست؛ مثلاً «گلیم دستباف ۲ متری».
mod-change-advice-delivery = 🚚 روش ارسال و هزینه‌اش را درست کنید، که خریدار بداند محصول چطور و با چه هزینه‌ای به دستش می‌رسد.
mod-seller-change-fixed =
    مربی برای محصول «{ $title }» پیشنهادی دارد؛ با این اصلاح آمادهٔ انتشار می‌شود:
    { $advice }
    دکمهٔ «{ btn-edit-listing }» را در همین پیام بزنید، بعد دکمهٔ «{ $field ->
        [photos] { btn-edit-photos }
        [title] { btn-edit-title }
        [description] { btn-edit-description }
        [price] { btn-edit-price }
       *[delivery] { btn-edit-delivery }
    }» را بزنید، درستش کنید و دوباره بفرستید.
