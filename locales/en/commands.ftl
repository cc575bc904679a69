# The command menu (Telegram's "/" list), one key per command: cmd-<command>.
# bot/app.py's MENU says which commands are in it and in which order.
cmd-start = Start
cmd-browse = Browse products
cmd-search = Search
cmd-orders = My orders
cmd-favourites = Saved products
cmd-help = Help
cmd-cancel = Cancel what is in progress
cmd-settings = Settings and language
