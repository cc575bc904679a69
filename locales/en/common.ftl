## Buttons used in many places. A label is defined once here and used both to draw the
## keyboard and to recognise the press.
btn-back = ↩️ Back
btn-cancel = ✖️ Cancel
btn-skip = ⏭ Skip
btn-done = ✅ That's all
btn-confirm = ✅ Confirm and save

## Main menu
menu-register = 📝 Register as a seller
menu-profile = 👤 My details
menu-help = ❓ Help
menu-settings = ⚙️ Settings
menu-prompt = Please tap one of the buttons below.

start-welcome =
    Hello { $name }, welcome to Hamyar 🌸
    Hamyar helps you sell your handmade and home-made products online. Buyers and sellers write through the bot, and we do not show a seller's phone number to buyers.
    If you sell, tap "{ menu-register }"; to buy, "{ menu-browse }".
start-welcome-seller =
    Hello { $name }, welcome back 🌸
    Choose what you need from the buttons below; for a new product tap "{ menu-new-listing }".

help-text =
    Hamyar help:
    • "{ menu-browse }": see the products; or type what you want and we will look for it.
    • "{ menu-favourites }": products you saved; we tell you when they get cheaper or come back in stock.
    • "{ menu-my-orders }": your orders and messages to the seller. Only a seller who accepts your order sees your number.
    • "{ menu-register }": if you want to sell; a few short questions set up your shop.
    • "{ btn-back }" returns to the previous question and "{ btn-cancel }" keeps your work for later.

help-trainer =
    Trainers' tools (type the command):
    /queue products waiting for review; /seller and a name or phone: a seller's card
    /onbehalf list a product for a seller who cannot type; /stuck orders that need a hand
    /report figures, Excel file and charts; /newgroup and /groups hamyar groups; /unmatched group names that matched no group
    /undelivered messages that did not arrive; /block and /unblock
help-manager = Managers: /trainers the list of trainers; /addtrainer and /removetrainer to add or remove one; /assigngroup to give a group to a trainer

cancel-nothing = You have nothing in progress. Choose something new from the buttons below.
unknown-text = Sorry, we did not understand. Tap one of the buttons below, or type the name of a product you are looking for.
stale-button = This button no longer works. Start again from the buttons below.
invalid-choice = We did not understand that choice. Please tap one of the buttons on this message.
user-blocked = Your access to Hamyar is currently suspended. If you think this is a mistake, please contact your district's trainer.

error-generic = Sorry, something went wrong and your request was not completed. Your earlier answers are safe; please try again in a moment.
error-admin-report =
    ⚠️ Bot error
    Kind: { $kind }
    User: { $user }
    Detail: { $detail }

## Settings
settings-title = ⚙️ Settings
    Current language: { $language }
settings-choose-language = Choose a language:
settings-language-saved = Language set to { $language }.
settings-weekly-on = 🗓 Weekly message: every Saturday we send you a summary of your week. If you do not want it, tap "{ btn-weekly-off }".
settings-weekly-off = 🗓 Weekly message: off. If you want a summary of your week every Saturday, tap "{ btn-weekly-on }".
btn-weekly-off = 🔕 Stop weekly message
btn-weekly-on = 🔔 Send weekly message
settings-weekly-saved-on = The weekly message is on.
settings-weekly-saved-off = The weekly message is off.
language-fa = فارسی
language-en = English

help-seller =
    Hamyar help for sellers:
    • "{ menu-new-listing }": we ask for photos, a name and a price; trainers review it and it is published in the Hamyar channel.
    • "{ menu-my-listings }": change the price or stock, or tap "{ btn-sold-out }" when a product has run out.
    • "{ menu-my-orders }": accept or decline a new order and message the buyer.
    • "{ btn-back }" returns to the previous question and "{ btn-cancel }" keeps your work for later.
    • If you get stuck, a Hamyar trainer will help you.
