## A listing opened from the channel
ord-listing-gone = این محصول دیگر برای فروش نیست. محصولات دیگر را در کانال همیار یا با «{ menu-browse }» ببینید.
ord-listing-sold-out = این محصول فعلاً تمام شده است. اگر دوباره موجود شد، در کانال خبر می‌دهیم؛ تا آن وقت محصولات دیگر را با «{ menu-browse }» ببینید.
ord-rating = ⭐️ { $avg } از ۵ ({ $count } نظر)
ord-no-rating = هنوز نظری ثبت نشده است.
ord-btn-order = 🛒 سفارش می‌دهم
ord-voice-note = 🎙 توضیح صوتی فروشنده:

## Order steps
ord-ask-quantity = چند عدد می‌خواهید؟ (تا { $max } عدد) عدد را بنویسید یا یکی از دکمه‌ها را بزنید.
ord-err-quantity = تعداد باید عددی از ۱ تا { $max } باشد. عدد را بنویسید یا یکی از دکمه‌ها را بزنید.
ord-ask-delivery = محصول چطور به دستتان برسد؟
ord-ask-name = نام گیرنده (کسی که بسته را تحویل می‌گیرد) را بنویسید.
ord-ask-address = نشانی کامل را بنویسید (شهر، خیابان، کوچه، پلاک، کد پستی اگر دارید).
ord-err-address-short = نشانی خیلی کوتاه است. شهر، خیابان، کوچه و پلاک را بنویسید تا بسته گم نشود.
ord-err-address-long = { $words ->
        [0] این نشانی خیلی بلند است. فقط شهر، خیابان، کوچه، پلاک و کد پستی را بنویسید.
       *[other] این نشانی بلند است؛ حدود { $words } کلمه از آن کم کنید و دوباره بفرستید.
    }
ord-ask-phone = شمارهٔ موبایل گیرنده را با دکمهٔ «{ btn-share-phone }» بفرستید یا بنویسید. این شماره فقط وقتی فروشنده سفارش را بپذیرد به او نشان داده می‌شود.
ord-ask-note = اگر توضیحی برای فروشنده دارید بنویسید (مثلاً رنگ یا زمان تحویل)، وگرنه «{ btn-skip }» را بزنید.
ord-err-note-long = { $words ->
        [0] این متن خیلی بلند است. کوتاه‌تر بنویسید، در چند جمله.
       *[other] این متن بلند است؛ حدود { $words } کلمه از آن کم کنید و دوباره بفرستید.
    }
ord-btn-confirm = ✅ ثبت سفارش
ord-cancelled-draft = سفارش ثبت نشد. هر وقت خواستید دوباره دکمهٔ «{ ord-btn-order }» را زیر محصول بزنید.
ord-err-unavailable = متأسفانه این محصول دیگر موجود نیست یا فروشش متوقف شده است. محصولات دیگر را با «{ menu-browse }» ببینید.
ord-err-own = این محصول خودتان است و نمی‌شود آن را سفارش داد.

## The order card
ord-card-title = 🧾 سفارش شمارهٔ { $id }: { $title }
ord-card-status = 📌 { $status }
ord-card-qty = تعداد: { $qty } × { $price }
ord-card-total = جمع کل: { $total }
ord-card-date = تاریخ: { $date }
ord-card-shop = فروشگاه: { $shop }
ord-card-receiver = گیرنده: { $name } — { $phone }
ord-card-address = نشانی: { $address }
ord-card-contact-hidden = 🔒 نام، شماره و نشانی خریدار بعد از پذیرفتن سفارش نشان داده می‌شود.
ord-card-note = توضیح خریدار: { $note }
ord-card-payment-cod = پرداخت: نقدی هنگام تحویل
ord-card-payment-card = پرداخت: کارت‌به‌کارت
ord-card-card-number = شمارهٔ کارت فروشنده: ⁦{ $card }⁩
ord-card-tracking = کد رهگیری: { $code }
ord-card-reason = دلیل: { $reason }
ord-status-new = منتظر جواب فروشنده
ord-status-accepted = پذیرفته شد
ord-status-paid = پرداخت شد
ord-status-preparing = در حال آماده‌سازی
ord-status-shipped = ارسال شد
ord-status-delivered = تحویل شد
ord-status-completed = به پایان رسید
ord-status-declined = فروشنده نپذیرفت
ord-status-cancelled = لغو شد
ord-status-new-seller = منتظر جواب شما
ord-status-declined-seller = نپذیرفتید

## Buttons on an order
ord-btn-accept = ✅ می‌پذیرم
ord-btn-decline = ✖️ نمی‌پذیرم
ord-btn-paid = ✅ پول رسید
ord-btn-not-paid = ⚠️ پول نرسیده
ord-btn-preparing = 🧵 شروع آماده‌سازی
ord-btn-shipped = 📦 ارسال کردم
ord-btn-cancel = ✖️ لغو سفارش
ord-btn-receipt = 📎 فرستادن عکس رسید
ord-btn-received = ✅ سفارش را تحویل گرفتم
ord-btn-message-seller = ✉️ پیام به فروشنده
ord-btn-message-buyer = ✉️ پیام به خریدار
ord-btn-cancel-yes = ✖️ بله، لغو شود
ord-btn-cancel-no = ↩️ نه، سفارش بماند
ord-cancel-confirm = سفارش شمارهٔ { $id } لغو شود؟ «{ ord-btn-cancel-yes }» یا «{ ord-btn-cancel-no }» را بزنید.
ord-btn-cancel-reason = ✖️ لغو و نوشتن دلیل
ord-btn-reply = ✉️ پاسخ
ord-btn-cod = 💵 نقدی هنگام تحویل
ord-btn-card = 💳 کارت‌به‌کارت
ord-btn-use-card = 💳 همان کارت { $card }
ord-btn-new-card = 💳 کارت دیگر

## Messages to each side
ord-seller-new = 🛒 سفارش تازه! (سفارش شمارهٔ { $id })
ord-buyer-accepted-cod = ✅ فروشنده سفارش شمارهٔ { $id } را پذیرفت. پول را هنگام تحویل بپردازید.
ord-buyer-accepted-card = ✅ فروشنده سفارش شمارهٔ { $id } را پذیرفت. لطفاً مبلغ را به کارت زیر کارت به کارت کنید و عکس رسید را با دکمهٔ «{ ord-btn-receipt }» بفرستید.
ord-buyer-declined = متأسفانه فروشنده سفارش شمارهٔ { $id } را نپذیرفت. محصولات دیگر را با «{ menu-browse }» ببینید.
ord-seller-cancelled-by-buyer = خریدار سفارش شمارهٔ { $id } را لغو کرد.
ord-cancelled-by-buyer = خریدار سفارش شمارهٔ { $id } را لغو کرد.
ord-cancelled-by-seller = فروشنده سفارش شمارهٔ { $id } را لغو کرد.
ord-cancelled-by-trainer = مربی همیار سفارش شمارهٔ { $id } را لغو کرد.
ord-seller-receipt = 🧾 رسید پرداخت سفارش شمارهٔ { $id }
ord-seller-check-receipt = خریدار رسید سفارش شمارهٔ { $id } را فرستاد. حسابتان را ببینید؛ اگر پول رسیده «{ ord-btn-paid }» را بزنید، وگرنه «{ ord-btn-not-paid }».
ord-buyer-paid = ✅ فروشنده دریافت پول سفارش شمارهٔ { $id } را تأیید کرد.
ord-buyer-not-paid = ⚠️ فروشنده می‌گوید پول سفارش شمارهٔ { $id } هنوز به حسابش نرسیده است. اگر کارت به کارت کرده‌اید، رسید را دوباره بفرستید یا با «{ ord-btn-message-seller }» به فروشنده پیام بدهید.
ord-buyer-preparing = 🧵 فروشنده آماده کردن سفارش شمارهٔ { $id } را شروع کرد.
ord-buyer-shipped = 📦 سفارش شمارهٔ { $id } ارسال شد. وقتی به دستتان رسید، «{ ord-btn-received }» را بزنید.
ord-seller-delivered = ✅ خریدار تحویل گرفتن سفارش شمارهٔ { $id } را تأیید کرد. دستتان درد نکند!
ord-ask-buyer-delivered = 📦 سفارش شمارهٔ { $id } یک هفته پیش ارسال شده است. اگر به دستتان رسیده، «{ ord-btn-received }» را بزنید.
ord-relay-from-buyer = ✉️ پیام خریدار دربارهٔ سفارش شمارهٔ { $id }:
ord-relay-from-seller = ✉️ پیام فروشنده دربارهٔ سفارش شمارهٔ { $id }:
ord-relay-from-trainer = ✉️ پیام مربی همیار دربارهٔ سفارش شمارهٔ { $id }:

## Typed answers about an order
ord-ask-decline-reason = چرا نمی‌پذیرید؟ در یک جمله بنویسید تا به خریدار بگوییم.
ord-ask-cancel-reason = دلیل لغو را بنویسید تا به طرف دیگر بگوییم.
ord-ask-tracking = اگر کد رهگیری پست دارید بنویسید، وگرنه «{ btn-skip }» را بزنید.
ord-ask-card =
    شمارهٔ کارت ۱۶ رقمی‌تان را بنویسید. فقط بعد از پذیرفتن سفارش، آن را به همین خریدار نشان می‌دهیم.
    در کارت به کارت، خریدار نام صاحب کارت را هم می‌بیند. اگر نمی‌خواهید نامتان را ببیند، /cancel را بزنید و «{ ord-btn-cod }» را انتخاب کنید.
ord-ask-card-post =
    شمارهٔ کارت ۱۶ رقمی‌تان را بنویسید. فقط بعد از پذیرفتن سفارش، آن را به همین خریدار نشان می‌دهیم.
    بستهٔ پستی را فقط کارت به کارت می‌شود حساب کرد، و خریدار نام صاحب کارت را هم می‌بیند. اگر نمی‌خواهید، /cancel را بزنید.
ord-ask-payment =
    خریدار چطور پرداخت کند؟
    در کارت به کارت، خریدار نام صاحب کارت را هم می‌بیند؛ اگر نمی‌خواهید، «{ ord-btn-cod }» را بزنید.
ord-ask-receipt = عکس رسید کارت به کارت را بفرستید.
ord-ask-message = پیامتان را بنویسید، یا عکس یا پیام صوتی بفرستید. شماره و نام کاربری شما نشان داده نمی‌شود.
ord-relayed = پیامتان فرستاده شد ✅
ord-receipt-sent = رسید برای فروشنده فرستاده شد ✅
ord-card-given = سفارش را پذیرفتید ✅ شمارهٔ کارت را برای خریدار فرستادیم. وقتی رسید پرداخت را بفرستد، همین‌جا خبرتان می‌کنیم.
ord-err-card = شمارهٔ کارت باید ۱۶ رقم باشد؛ مثل ۶۰۳۷ ۹۹۷۵ ۱۲۳۴ ۵۶۷۰.
ord-err-card-checksum = این شمارهٔ کارت درست به نظر نمی‌رسد؛ یک بار دیگر از روی کارت نگاه کنید و بنویسید.
ord-err-tracking = { $words ->
        [0] این کد رهگیری خیلی بلند است. فقط خود کد را از روی رسید پست بنویسید.
       *[other] فقط خود کد رهگیری را بفرستید؛ حدود { $words } کلمه از این متن کم کنید.
    }
ord-err-relay-type = فقط متن، عکس یا پیام صوتی را می‌شود فرستاد. پیامتان را بنویسید یا عکس یا پیام صوتی بفرستید.
ord-err-receipt-type = لطفاً عکس رسید را بفرستید.
ord-err-stock = موجودی این محصول برای این سفارش کافی نیست. اگر نمی‌توانید آن را آماده کنید، «{ ord-btn-decline }» را بزنید.
ord-err-state = این کار الان برای این سفارش ممکن نیست. آخرین خبر سفارش را در «{ menu-my-orders }» ببینید.
ord-err-not-paid-yet = هنوز رسیدن پول این سفارش را تأیید نکرده‌اید. اگر پول رسیده، اول «{ ord-btn-paid }» را بزنید.
ord-err-not-yours = این سفارش را نمی‌توانید ببینید.
ord-err-review-long = { $words ->
        [0] این نظر خیلی بلند است. کوتاه‌تر بنویسید، در چند جمله.
       *[other] این نظر بلند است؛ حدود { $words } کلمه از آن کم کنید و دوباره بفرستید.
    }
ord-done = انجام شد ✅
ord-typing-cancelled = باشد؛ چیزی تغییر نکرد و سفارش همان‌طور که بود ماند.

## Reviews
ord-ask-rating = سفارش شمارهٔ { $id } انجام شد 🎉 به این خرید از ۱ تا ۵ ستاره چه امتیازی می‌دهید؟
ord-ask-review-text = ممنون! اگر دوست دارید چند کلمه دربارهٔ این خرید بنویسید، وگرنه «{ btn-skip }» را بزنید.
ord-review-saved = نظرتان ثبت شد. ممنون که از همیار خرید کردید 🌸

## My orders
menu-my-orders = 📋 سفارش‌های من
ord-list-empty = هنوز سفارشی ندارید. برای خرید، «{ menu-browse }» را بزنید.
ord-list-title = سفارش‌های شما:
ord-list-item = { $icon } سفارش شمارهٔ { $id }، { $title } — { $status } — { $date }
ord-list-buy = 🛍
ord-list-sell = 📥

## Trainers: orders that need a hand
ord-stuck-empty = سفارش گیرکرده‌ای نیست.
ord-stuck-title = سفارش‌هایی که پیگیری می‌خواهند:
ord-stuck-item = سفارش شمارهٔ { $id } — { $status } — { $date }
ord-err-tracking-type = کد رهگیری را بنویسید، یا اگر کدی ندارید «{ btn-skip }» را بزنید.
# i11-screens: short buttons of the order lists (status and date are in the text), a stale card
ord-list-button = { $icon } { $id } · { $title }
ord-stuck-button = 📦 سفارش شمارهٔ { $id }
ord-stale-card = { $why } کارت را به‌روز کردم؛ از دکمه‌های تازهٔ آن استفاده کنید.

## Stock held for orders (i11-stock)
ord-placed-held = سفارش شمارهٔ { $id } ثبت شد ✅ این محصول را برایتان نگه داشتیم و برای فروشنده فرستادیم. به‌محض اینکه جواب بدهد خبرتان می‌کنیم. اگر تا { $hours } ساعت جواب ندهد، سفارش خودبه‌خود لغو می‌شود.
ord-err-sold-out-now = متأسفانه این محصول همین حالا تمام شد و سفارشتان ثبت نشد. اگر دوباره موجود شد، در کانال همیار خبر می‌دهیم.
ord-err-fewer-left = فقط { $max } عدد از این محصول مانده است. «{ btn-back }» را بزنید و تعداد را کمتر کنید.
ord-remind-seller-hold = ⏰ سفارش شمارهٔ { $id } از دیروز منتظر جواب شماست. اگر تا فردا همین ساعت جواب ندهید، سفارش لغو می‌شود. «{ ord-btn-accept }» یا «{ ord-btn-decline }» را بزنید.
ord-alert-trainers-expired = ⏰ فروشنده «{ $seller }» در { $hours } ساعت به سفارش شمارهٔ { $id } جواب نداد؛ سفارش لغو شد و به خریدار خبر دادیم. لطفاً با فروشنده تماس بگیرید؛ شاید کمک لازم دارد.
ord-buyer-expired = متأسفانه فروشنده در { $hours } ساعت به سفارش شمارهٔ { $id } جواب نداد و سفارش لغو شد. پولی از شما گرفته نشده است. محصولات دیگر را در کانال همیار ببینید.
ord-seller-expired = سفارش شمارهٔ { $id } چون { $hours } ساعت بی‌جواب ماند لغو شد و به خریدار خبر دادیم. محصول دوباره برای فروش در کانال است.

## Delivery as each method says it (i11-stock)
ord-cost-free = رایگان
ord-cost-on-delivery = پس‌کرایه
ord-delivery-with-cost = { $method }: { $cost }
ord-delivery-choice = { $delivery } — جمع: { $total }
ord-card-delivery-how = روش تحویل: { $delivery }
ord-sum-title = خلاصهٔ سفارش:
ord-sum-item = 🛍 { $title } — { $qty } عدد × { $price }
ord-sum-delivery = 🚚 { $delivery }
ord-sum-total = 💰 جمع کل: { $total }
ord-sum-receiver = 👤 { $name } — { $phone }
ord-sum-address = 📍 { $address }
ord-sum-note = 📝 { $note }
ord-sum-confirm = اگر درست است «{ ord-btn-confirm }» را بزنید.
ord-status-ready = آماده تحویل است
ord-status-sent-courier = با پیک فرستاده شد
ord-btn-ready = 🤝 آماده تحویل است
ord-btn-sent-courier = 🛵 به پیک دادم
ord-buyer-ready = 🤝 سفارش شمارهٔ { $id } آماده تحویل است. برای زمان و جای تحویل، «{ ord-btn-message-seller }» را بزنید. وقتی تحویل گرفتید، «{ ord-btn-received }» را بزنید.
ord-buyer-sent-courier = 🛵 سفارش شمارهٔ { $id } با پیک فرستاده شد. وقتی به دستتان رسید، «{ ord-btn-received }» را بزنید.
ord-err-cod-post = بستهٔ پستی را نمی‌شود نقدی هنگام تحویل حساب کرد؛ «{ ord-btn-card }» را بزنید.
ord-ask-payment-post = خریدار چطور پرداخت کند؟ این سفارش با پست فرستاده می‌شود و پول را فقط کارت‌به‌کارت می‌شود گرفت.
lst-ask-postage-collect = اگر خریدار هزینهٔ پست را هنگام تحویل بسته بپردازد، «{ btn-postage-collect }» را بزنید.
btn-postage-collect = 📮 پس‌کرایه
cap-delivery-collect = { $method }: پس‌کرایه (هزینهٔ پست را خریدار هنگام تحویل می‌دهد)

## A buyer who has ordered before; the seller told of a review (i11-stock)
ord-btn-same-as-last = 📍 همان نشانی قبلی
ord-ask-name-or-last =
    برای همان گیرندهٔ سفارش قبلی «{ ord-btn-same-as-last }» را بزنید:
    👤 { $name } — { $phone }{ $address }
    یا نام گیرندهٔ تازه را بنویسید.
ord-last-address = { "" }
    📍 { $address }
ord-seller-review-stars = 🌟 نظر تازه برای فروشگاه شما: خریدار سفارش شمارهٔ { $id } ({ $title }) { $stars } داد.
ord-seller-review-text = 💬 خریدار سفارش شمارهٔ { $id } ({ $title }) دربارهٔ خریدش نوشت: «{ $text }»
