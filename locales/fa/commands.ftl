# The command menu (Telegram's «/» list), one key per command: cmd-<command>.
# bot/app.py's MENU says which commands are in it and in which order.
cmd-start = شروع
cmd-browse = دیدن محصولات
cmd-search = جست‌وجو
cmd-orders = سفارش‌های من
cmd-favourites = نشان‌شده‌ها
cmd-help = راهنما
cmd-cancel = لغو کار نیمه‌تمام
cmd-settings = تنظیمات و زبان
