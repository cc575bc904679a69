## Buttons used in many places. A label is defined once here and used both to draw the
## keyboard and to recognise the press.
btn-back = ↩️ Back
btn-cancel = ✖️ Cancel
btn-skip = ⏭ Skip
btn-done = ✅ Done
btn-confirm = ✅ Confirm and save

## Main menu
menu-register = 📝 Register as a seller
menu-profile = 👤 My profile
menu-help = ❓ Help
menu-settings = ⚙️ Settings
menu-prompt = Please choose one of the buttons below.

start-welcome =
    Hello { $name }, welcome to Hamyar 🌸
    Hamyar helps you sell your handmade and home-made products online, simply, without giving your number to strangers.
    If you sell, tap "Register as a seller"; to buy, "Browse products".
start-welcome-seller =
    Hello { $name }, welcome back 🌸
    Choose what you need from the menu below.

help-text =
    Hamyar help:
    • "Browse products": categories, cities and search. Whatever you type is searched for among the products.
    • "My orders": orders you placed or received, their status, and messages to the other side.
    • "Saved products": products you kept; we tell you when they get cheaper or come back in stock.
    • "Register as a seller": a few short questions (name, phone, city and your craft) to set up your shop.
    • "New product", "My products" and "My profile": for sellers.
    • "Settings": change the language.
    Buyers and sellers write to each other through the bot and nobody's number is shown; only when a seller accepts an order does she see the receiver's name, number and address, for delivery.
    At every step "Back" returns to the previous question and "Cancel" pauses; your answers are kept.
    If you have a question, your district's trainer will help you.

help-trainer =
    Trainers' tools (type the commands):
    /queue products waiting for review — /seller name or phone: a seller's card — /onbehalf list a product for a seller who cannot type — /stuck orders that need a hand — /undelivered messages that did not arrive — /block and /unblock
help-manager = Managers: /trainers the list of trainers — /addtrainer and /removetrainer

cancel-nothing = You have nothing in progress to cancel.
unknown-text = Sorry, I did not understand. Please use the buttons below.
stale-button = This button is no longer active.
invalid-choice = That choice is not valid. Please pick one of the buttons on this message.
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
language-fa = فارسی
language-en = English
