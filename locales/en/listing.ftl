## Listing a product
menu-new-listing = ➕ New product
menu-my-listings = 🛍 My products
lst-not-seller = To list a product you first need to register as a seller. Tap "Register as a seller"; it takes only a few minutes.
lst-intro = Let's list your new product. At every step "Back" returns to the previous one.
lst-resume-ask = You have an unfinished product: "{ $title }". Carry on, or start over?
lst-untitled = untitled
btn-continue = ▶️ Carry on
btn-start-over = 🔄 Start over
lst-resumed = Carrying on from where you stopped.

lst-ask-category = Choose the product's category:
lst-ask-photos =
    Send photos of the product: 1 to { $max }, one by one or several at once.
    When you are done, tap "Done".
lst-ask-photos-replace = Send the new photos; they will replace the current ones. If you change your mind, tap "Done" to keep the current photos.
lst-photos-received = 📷 { $count } photo(s) received. Send more if you have them, otherwise tap "Done".
lst-err-photo-limit = At most { $max } photos are allowed; the last { $extra } were not added.
lst-err-photo-needed = Please send at least one photo of the product.
lst-err-photo-file = This photo arrived as a "file". Please send it as a photo: in the attachment menu choose "Photo" or "Gallery", not "File".
lst-err-photo-type = Only photos of the product are needed here. Send a photo, or tap "Done" if you have finished.

lst-ask-title = Write a short name for the product, e.g. "Hand-woven kilim, 2 metres" ({ $min } to { $max } characters).
lst-err-title-short = The product name must be at least { $min } characters long.
lst-err-title-long = This name is { $length } characters long; at most { $max } are allowed. Please shorten it.

lst-ask-description =
    Describe the product: material, size, colour, anything a buyer should know.
    Write it (up to { $max } characters) or send a voice message. If you prefer not to, tap "Skip".
lst-err-description-long = This description is { $length } characters long and there is room for { $max }. Please shorten it, or send a voice message.
lst-err-voice-long = The voice message must be shorter than { $max } minutes.
lst-err-description-type = Please write the description or send a voice message.
lst-voice-saved = 🎙 Your voice message is saved as the product's description; buyers can listen to it.

lst-ask-price = Write the price in toman, e.g. 120 thousand or 1.5 million.
lst-err-price = I could not read that price. Write it in toman with digits, e.g. 120000, 120 thousand (۱۲۰ هزار) or 1.5 million.
lst-err-price-rial = Please write the price in toman, not rial.
lst-err-price-fraction = The price must be a whole number of toman, e.g. 120 thousand.
lst-err-price-range = The price must be between { $min } and { $max } toman.
lst-price-saved = Price: { $price }

lst-ask-availability = Is this product ready, or do you make it to order?
btn-in-stock = 📦 Ready in stock
btn-made-to-order = 🧵 Made to order
lst-err-stock = The quantity must be a number from 1 to { $max }, e.g. 3.
lst-err-prep-days = The number of days must be from 1 to { $max }, e.g. 5.

lst-ask-delivery = How does the product reach the buyer? Choose one or more ways, then tap "Done".
delivery-pickup = 🤝 Pickup in person
delivery-courier = 🛵 Courier within the city
delivery-post = 📮 Post to other cities
lst-err-delivery-empty = Choose at least one way of delivery.
lst-ask-delivery-cost = How much does "{ $method }" cost the buyer? Write the amount in toman, or tap "Free".
btn-free = 🎁 Free
lst-err-delivery-cost = Write the delivery cost in toman (up to { $max } toman), or tap "Free".

lst-preview-intro = 👇 This is how your product will look in the channel:
lst-preview-actions = If everything is right, tap "Send for review". To change a part, tap its button.
btn-edit-category = Category
btn-edit-photos = Photos
btn-edit-title = Name
btn-edit-description = Description
btn-edit-price = Price
btn-edit-availability = Stock
btn-edit-delivery = Delivery
btn-submit = 📤 Send for review
lst-submitted = Your product was sent for review ✅ The trainers will look at it and, once approved, it is published in the channel. We will tell you the result here.
lst-incomplete = This product is not complete yet. Please fill in "{ $field }".
lst-cancelled = The product is left unfinished. The draft is kept; tap "New product" whenever you like to carry on.
btn-delete-draft = 🗑 Delete the draft
lst-draft-deleted = The draft was deleted.

## Caption of a listing, as buyers see it in the channel (always Persian)
cap-price = 💰 Price: { $price }
cap-stock = 📦 In stock: { $count }
cap-made-to-order = 🧵 Made to order; { $days } days to prepare
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
my-empty = You have not listed any products yet. Start with "New product".
my-title = Your products ({ $count }):
my-card =
    { $title }
    Status: { $status }
    💰 { $price }
    { $availability }
status-draft = draft
status-pending = pending review
status-needs_changes = needs changes
status-published = published
status-sold_out = sold out
status-paused = paused
status-withdrawn = withdrawn
status-rejected = rejected
btn-change-price = 💰 Change price
btn-change-stock = 📦 Change stock
btn-pause = ⏸ Pause sales
btn-resume = ▶️ Resume sales
btn-sold-out = ⛔️ Sold out
btn-withdraw = 🗑 Withdraw
btn-edit-listing = ✏️ Fix and resubmit
btn-back-to-list = ↩️ Product list
my-ask-price = Write the new price in toman. Current price: { $price }
my-ask-stock = Write the new quantity in stock. Current stock: { $count }
my-price-changed = Price changed to { $price }.
my-stock-changed = Stock changed to { $count }.
my-paused = Sales of this product are paused. Tap "Resume sales" whenever you like.
my-resumed = Sales of this product are active again.
my-sold-out = This product is now marked sold out.
my-withdraw-confirm = Are you sure? The product will be withdrawn and no longer shown to buyers.
btn-yes-withdraw = Yes, withdraw it
my-withdrawn = The product was withdrawn.
my-not-allowed = That is not possible for this product in its current state.
my-not-yours = This product is not yours.
btn-revise-listing = ✏️ Change name, photos or description
my-revise-intro = Change whatever you need, then tap "Send for review". Until a trainer approves the changes, the current post stays in the channel.
my-finish-draft-first = You have an unfinished product; finish or delete it first.
status-awaiting_seller = waiting for your confirmation

## Listing codes and sharing (bot/services/codes.py, handlers/sharing.py)
cap-code = 🔢 Product code: { $code } (send this number in the bot)
my-code = 🔢 Product code: { $code }. A buyer who sends this number in the bot opens this product.
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
lst-price-confirm = I read the price as { $price }. Is that right?
    Tap "{ btn-amount-yes }" or "{ btn-amount-no }".
lst-price-again = Write the price again, e.g. 120 thousand or 1.5 million.
lst-ask-stock-buttons = How many do you have ready? Tap a number, or write it, e.g. "two".
lst-ask-prep-days-buttons = How many days does it take to prepare an order? Tap a button, or write it, e.g. "one week".
btn-prep-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
lst-description-keeps-voice = Your voice note stays; the text goes beside it. "{ btn-skip }" removes both.
