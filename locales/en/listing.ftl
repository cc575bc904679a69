## Listing a product
menu-new-listing = ➕ New product
menu-my-listings = 🛍 My products
lst-not-seller = To list a product you first need to register as a seller. Tap "{ menu-register }"; it takes only a few minutes.
lst-intro = Let's list your new product. At every step "{ btn-back }" returns to the previous one.
lst-resume-ask = You have an unfinished product: "{ $title }". Tap "{ btn-continue }" to carry on, or "{ btn-start-over }".
lst-untitled = untitled
btn-continue = ▶️ Carry on
btn-start-over = 🔄 Start over
lst-resumed = Carrying on from where you stopped.

lst-ask-category = Choose the product's craft:
lst-ask-photos =
    Send photos of the product: 1 to { $max }, one by one or several at once.
    When you have sent them all, tap "{ btn-done }".
lst-ask-photos-replace = Send the new photos; they will replace the current ones. If you change your mind, tap "{ btn-done }" to keep the current photos.
lst-photos-received = 📷 { $count ->
        [one] One photo
       *[other] { $count } photos
    } received. Send more if you have them, otherwise tap "{ btn-done }".
lst-err-photo-limit = Up to { $max } photos can be added; the last { $extra ->
        [one] photo was
       *[other] { $extra } were
    } not added. Tap "{ btn-done }" to go on.
lst-err-photo-needed = Please send at least one photo of the product, then tap "{ btn-done }".
lst-err-photo-file = This photo arrived as a "file". Please send it as a photo: in the attachment menu choose "Photo" or "Gallery", not "File".
lst-err-photo-type = Only photos of the product are needed here. Send a photo, or tap "{ btn-done }" if you have enough.

lst-ask-title = Write a short name for the product, one line, e.g. "Hand-woven kilim, 2 metres".
lst-err-title-short = This name is too short. Write a little more, e.g. "Knitted baby socks".
lst-err-title-long = { $words ->
        [0] This name is much too long for one line. Write a few words, e.g. "Hand-woven kilim, 2 metres".
        [one] This name is too long for one line; take out about one word. Put the details in the description.
       *[other] This name is too long for one line; take out about { $words } words. Put the details in the description.
    }

lst-ask-description =
    Describe the product: material, size, colour, anything a buyer should know.
    Write it (up to about { $words } words) or send a voice message. If you prefer not to, tap "{ btn-skip }".
lst-err-description-long = { $words ->
        [0] This description is much too long; write up to about { $most } words, or send a voice message instead.
        [one] This description is a little long; take out about one word, or send a voice message instead.
       *[other] This description is a little long; take out about { $words } words, or send a voice message instead.
    }
lst-err-voice-long = The voice message must be shorter than { $max } minutes.
lst-err-description-type = Please write the description or send a voice message. If you prefer not to, tap "{ btn-skip }".
lst-voice-saved = 🎙 Your voice message is saved as the product's description; buyers can listen to it.

lst-ask-price = Write the price in toman, e.g. 120 thousand or 1.5 million.
lst-err-price = We could not read that price. Write it in toman with digits, e.g. 120000, 120 thousand (۱۲۰ هزار) or 1.5 million.
lst-err-price-rial = Please write the price in toman, not rial.
lst-err-price-fraction = The price must be a whole number of toman, e.g. 120 thousand.
lst-err-price-range = The price must be between { $min } and { $max } toman.
lst-price-saved = Price: { $price }

lst-ask-availability = Is this product in stock now, or do you make it to order?
btn-in-stock = 📦 In stock
btn-made-to-order = 🧵 Made to order
lst-err-stock = The quantity must be a number from 1 to { $max }, e.g. 3.
lst-err-prep-days = The number of days must be from 1 to { $max }, e.g. 5.

lst-ask-delivery = How does the product reach the buyer? Choose one or more ways, then tap "{ btn-done }".
delivery-pickup = 🤝 Pickup in person
delivery-courier = 🛵 Courier within the city
delivery-post = 📮 Post to other cities
lst-err-delivery-empty = Choose at least one way of delivery, then tap "{ btn-done }".
lst-ask-delivery-cost = How much does "{ $method }" cost the buyer? Write the amount in toman, or tap "{ btn-free }".
btn-free = 🎁 Free
lst-err-delivery-cost = Write the delivery cost in toman (up to { $max } toman), or tap "{ btn-free }".

lst-preview-intro = 👇 This is how your product will look in the channel:
lst-preview-intro-behalf = 👇 This is how { $name }'s product will look in the channel:
lst-preview-actions = If everything is right, tap "{ btn-submit }". To change a part, tap its button.
btn-edit-category = Craft
btn-edit-photos = Photos
btn-edit-title = Name
btn-edit-description = Description
btn-edit-price = Price
btn-edit-availability = Stock
btn-edit-delivery = Delivery
btn-submit = 📤 Send for review
lst-submitted = Your product was sent for review ✅ The trainers will look at it and, once approved, it is published in the channel. We will tell you the result here.
lst-incomplete = This product is not complete yet. Tap "{ $field ->
        [category] { btn-edit-category }
        [photos] { btn-edit-photos }
        [title] { btn-edit-title }
        [price] { btn-edit-price }
        [delivery] { btn-edit-delivery }
       *[other] { btn-edit-availability }
    }" and fill it in.
lst-cancelled = The product is left unfinished. The draft is kept; tap "{ menu-new-listing }" whenever you like to carry on.
lst-cancelled-fix = The fix of "{ $title }" is left unfinished. Your changes are kept and the product is in "{ menu-my-listings }" as before.
lst-cancelled-fix-go = Whenever you like, tap "{ btn-edit-listing }" to carry on with the fix (the button is also on the product in "{ menu-my-listings }").
btn-delete-draft = 🗑 Delete the draft
lst-draft-deleted = The draft was deleted.

## Caption of a listing, as buyers see it in the channel (always Persian)
cap-price = 💰 Price: { $price }
cap-stock = 📦 In stock: { $count }
cap-made-to-order = 🧵 Made to order; { $days ->
        [one] one day
       *[other] { $days } days
    } to prepare
cap-delivery = 🚚 Delivery:
cap-delivery-free = { $method }: free
cap-delivery-cost = { $method }: { $cost }
cap-delivery-pickup = { $method }
cap-place = 📍 { $city }, { $province }
cap-shop = 🏠 Shop: { $shop }
cap-voice = 🎙 Voice description in the bot
cap-sold-out = ⛔️ Sold out
cap-paused = ⏸ Sales paused for now
cap-withdrawn = This product is no longer for sale.

## My products
my-empty = You have not listed any products yet. Start with "{ menu-new-listing }".
my-title = Your products ({ $count }):
my-card =
    { $title }
    📌 { $status }
    💰 { $price }
    { $availability }
status-draft = draft
status-pending = pending review
status-needs_changes = needs changes
status-published = published
status-sold_out = sold out
status-paused = paused
status-withdrawn = taken off sale
status-rejected = rejected
btn-change-price = 💰 Change price
btn-change-stock = 📦 Change stock
btn-pause = ⏸ Pause sales
btn-resume = ▶️ Resume sales
btn-sold-out = ⛔️ None left
btn-withdraw = 🗑 Take off sale
btn-edit-listing = ✏️ Fix and resubmit
btn-back-to-list = ↩️ Product list
my-ask-price = Write the new price in toman. Current price: { $price }
my-ask-stock = Write the new quantity in stock. Current stock: { $count }
my-price-changed = Price changed to { $price }.
my-stock-changed = Stock changed to { $count }.
my-paused = Sales of this product are paused. Tap "{ btn-resume }" whenever you like.
my-resumed = Sales of this product are active again.
my-sold-out = This product now shows "{ cap-sold-out }" in the channel. When you have more, write the number with "{ btn-change-stock }".
my-withdraw-confirm = Are you sure? The product will be taken off sale and no longer shown to buyers.
btn-yes-withdraw = Yes, take it off sale
my-withdrawn = The product was taken off sale.
my-not-allowed = That is not possible for this product now. Tap "{ btn-back-to-list }" to see what you can do.
my-not-yours = This product is not yours.
btn-revise-listing = ✏️ Change name, photos or description
my-revise-intro = Change whatever you need, then tap "{ btn-submit }". Until a trainer approves the changes, the current post stays in the channel.
my-finish-draft-first = You have an unfinished product. Tap "{ menu-new-listing }" and finish it first; if you do not want it, tap "{ btn-start-over }" there.
status-awaiting_seller = waiting for your confirmation

## Listing codes and sharing (bot/services/codes.py, handlers/sharing.py)
cap-code = 🔢 Product code: { $code } (send this number in the bot)
cap-code-bot = 🔢 Product code: { $code }
my-code = 🔢 Product code: { $code }. A buyer who sends this number in the bot opens this product.
my-trainer-note = ✏️ The trainer's note: { $note }
btn-share = 📤 Share with others
btn-share-shop = 📤 Share my shop
share-listing =
    🛍 { $title }
    💰 { $price }
    🔢 Product code: { $code }
    To see it and order, send this number in the Hamyar bot:
    { $link }
share-shop =
    🏠 { $name }'s shop
    🔢 Shop code: { $code }
    To see the products, send this number in the Hamyar bot:
    { $link }
share-hint = The message above is ready to share: forward it to friends and groups, or copy its text into another app.
share-not-published = Only a product that is published in the channel can be shared.
share-no-shop = Your shop has no published product yet; you can share it once your first product is published.
## i11-numbers: amounts said back, number buttons, voice and text together
btn-amount-yes = ✅ Yes, that's right
btn-amount-no = ✏️ No, I'll write it again
lst-price-confirm = We read the price as { $price }. Is that right?
    Tap "{ btn-amount-yes }" or "{ btn-amount-no }".
lst-cost-confirm = We read the cost of "{ $method }" as { $cost }. Is that right?
    Tap "{ btn-amount-yes }" or "{ btn-amount-no }".
lst-cost-saved = Cost of "{ $method }": { $cost }
lst-price-again = Write the price again, e.g. 120 thousand or 1.5 million.
lst-ask-stock-buttons = How many do you have in stock? Tap a number, or write it, e.g. "two".
lst-ask-prep-days-buttons = How many days does it take to prepare an order? Tap a button, or write it, e.g. "one week".
btn-prep-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
lst-description-keeps-voice = Your voice note stays; the text goes beside it. "{ btn-skip }" removes both.
# i11-screens: a button of an older «My products» card
my-stale-card = { $why } I updated the card: use its new buttons.
my-list-line = { $icon } { $title }: { $status }
