## A listing opened from the channel
ord-listing-gone = This product is no longer for sale. See the other products in the Hamyar channel or with "{ menu-browse }".
ord-listing-sold-out = This product is sold out for now. If it comes back, the channel will show it; meanwhile see the others with "{ menu-browse }".
ord-rating = ⭐️ { $avg } of 5 ({ $count ->
        [one] one review
       *[other] { $count } reviews
    })
ord-no-rating = No reviews yet.
ord-btn-order = 🛒 I want to order
ord-voice-note = 🎙 The seller's voice description:

## Order steps
ord-ask-quantity = How many would you like? (at most { $max }) Write a number or tap a button.
ord-err-quantity = The quantity must be a number from 1 to { $max }. Write a number or tap a button.
ord-ask-delivery = How should the product reach you?
ord-ask-name = Write the receiver's name.
ord-ask-address = Write the full address (city, street, alley, number, postcode if you have one).
ord-err-address-short = The address is too short. Write the city, street, alley and number so the parcel is not lost.
ord-err-address-long = { $words ->
        [0] This address is much too long. Write only the city, street, alley, number and postcode.
        [one] This address is too long; take out about one word and send it again.
       *[other] This address is too long; take out about { $words } words and send it again.
    }
ord-ask-phone = Send the receiver's mobile number with the "{ btn-share-phone }" button, or type it. It is shown to the seller only if she accepts the order.
ord-ask-note = If you have a note for the seller (a colour, a delivery time), write it; otherwise tap "{ btn-skip }".
ord-err-note-long = { $words ->
        [0] This text is much too long. Write it shorter, in a few sentences.
        [one] This text is too long; take out about one word and send it again.
       *[other] This text is too long; take out about { $words } words and send it again.
    }
ord-btn-confirm = ✅ Place order
ord-cancelled-draft = The order was not placed. Tap "{ ord-btn-order }" under the product whenever you like.
ord-err-unavailable = Sorry, this product is no longer available or its sales are paused. See the others with "{ menu-browse }".
ord-err-own = This is your own product; you cannot order it.

## The order card
ord-card-title = 🧾 Order #{ $id }: { $title }
ord-card-status = 📌 { $status }
ord-card-qty = Quantity: { $qty } × { $price }
ord-card-total = Total: { $total }
ord-card-date = Date: { $date }
ord-card-shop = Shop: { $shop }
ord-card-receiver = Receiver: { $name } — { $phone }
ord-card-address = Address: { $address }
ord-card-contact-hidden = 🔒 The buyer's name, phone and address are shown once you accept the order.
ord-card-note = Buyer's note: { $note }
ord-card-payment-cod = Payment: cash on delivery
ord-card-payment-card = Payment: card to card
ord-card-card-number = Seller's card number: ⁦{ $card }⁩
ord-card-tracking = Tracking code: { $code }
ord-card-reason = Reason: { $reason }
ord-status-new = waiting for the seller
ord-status-accepted = accepted
ord-status-paid = paid
ord-status-preparing = being prepared
ord-status-shipped = shipped
ord-status-delivered = delivered
ord-status-completed = completed
ord-status-declined = declined by the seller
ord-status-cancelled = cancelled
ord-status-new-seller = waiting for your answer
ord-status-declined-seller = you declined

## Buttons on an order
ord-btn-accept = ✅ Accept
ord-btn-decline = ✖️ Decline
ord-btn-paid = ✅ Money received
ord-btn-not-paid = ⚠️ Money not received
ord-btn-preparing = 🧵 Start preparing
ord-btn-shipped = 📦 Shipped
ord-btn-cancel = ✖️ Cancel the order
ord-btn-receipt = 📎 Send the receipt photo
ord-btn-received = ✅ I received the order
ord-btn-message-seller = ✉️ Message the seller
ord-btn-message-buyer = ✉️ Message the buyer
ord-btn-cancel-yes = ✖️ Yes, cancel it
ord-btn-cancel-no = ↩️ No, keep the order
ord-cancel-confirm = Cancel order number { $id }? Tap "{ ord-btn-cancel-yes }" or "{ ord-btn-cancel-no }".
ord-btn-cancel-reason = ✖️ Cancel and say why
ord-btn-reply = ✉️ Reply
ord-btn-cod = 💵 Cash on delivery
ord-btn-card = 💳 Card to card
ord-btn-use-card = 💳 The same card { $card }
ord-btn-new-card = 💳 Another card

## Messages to each side
ord-seller-new = 🛒 A new order! (order #{ $id })
ord-buyer-accepted-cod = ✅ The seller accepted order #{ $id }. Pay in cash on delivery.
ord-buyer-accepted-card = ✅ The seller accepted order #{ $id }. Please make a card-to-card transfer to the card below and send a photo of the receipt with "{ ord-btn-receipt }".
ord-buyer-declined = Sorry, the seller declined order #{ $id }. See other products with "{ menu-browse }".
ord-seller-cancelled-by-buyer = The buyer cancelled order #{ $id }.
ord-cancelled-by-buyer = The buyer cancelled order #{ $id }.
ord-cancelled-by-seller = The seller cancelled order #{ $id }.
ord-cancelled-by-trainer = A Hamyar trainer cancelled order #{ $id }.
ord-seller-receipt = 🧾 Payment receipt for order #{ $id }
ord-seller-check-receipt = The buyer sent the receipt for order #{ $id }. Check your account; tap "{ ord-btn-paid }" if it arrived, otherwise "{ ord-btn-not-paid }".
ord-buyer-paid = ✅ The seller confirmed the payment for order #{ $id }.
ord-buyer-not-paid = ⚠️ The seller says the money for order #{ $id } has not reached her account yet. If you paid, send the receipt again or tap "{ ord-btn-message-seller }".
ord-buyer-preparing = 🧵 The seller started preparing order #{ $id }.
ord-buyer-shipped = 📦 Order #{ $id } is on its way. When it reaches you, tap "{ ord-btn-received }".
ord-seller-delivered = ✅ The buyer confirmed receiving order #{ $id }. Well done!
ord-ask-buyer-delivered = 📦 Order #{ $id } was shipped a week ago. If it has reached you, tap "{ ord-btn-received }".
ord-relay-from-buyer = ✉️ A message from the buyer about order #{ $id }:
ord-relay-from-seller = ✉️ A message from the seller about order #{ $id }:
ord-relay-from-trainer = ✉️ A message from a Hamyar trainer about order #{ $id }:

## Typed answers about an order
ord-ask-decline-reason = Why are you declining? Write it in a sentence and we will tell the buyer.
ord-ask-cancel-reason = Write why you are cancelling and we will tell the other side.
ord-ask-tracking = If you have a postal tracking code, write it; otherwise tap "{ btn-skip }".
ord-ask-card =
    Write your 16-digit card number. We show it only to this buyer, after you accept.
    With a card-to-card transfer the buyer also sees the card holder's name. If you do not want that, tap /cancel and choose "{ ord-btn-cod }".
ord-ask-card-post =
    Write your 16-digit card number. We show it only to this buyer, after you accept.
    A parcel by post can only be paid by card-to-card transfer, and the buyer also sees the card holder's name. If you do not want that, tap /cancel.
ord-ask-payment =
    How should the buyer pay?
    With a card-to-card transfer the buyer also sees the card holder's name; if you do not want that, tap "{ ord-btn-cod }".
ord-ask-receipt = Send a photo of the card-to-card receipt.
ord-ask-message = Write your message, or send a photo or a voice message. Your number and username are not shown.
ord-relayed = Your message was delivered ✅
ord-receipt-sent = The receipt was sent to the seller ✅
ord-card-given = You accepted the order ✅ We sent your card number to the buyer. When they send the payment receipt, we'll tell you here.
ord-err-card = A card number has 16 digits, like 6037 9975 1234 5670.
ord-err-card-checksum = That card number does not look right; please check it against the card and write it again.
ord-err-tracking = { $words ->
        [0] This tracking code is much too long. Write only the code, as it is on the post office receipt.
        [one] Send only the tracking code; take out about one word of this text.
       *[other] Send only the tracking code; take out about { $words } words of this text.
    }
ord-err-relay-type = Only text, a photo or a voice message can be sent.
ord-err-receipt-type = Please send a photo of the receipt.
ord-err-stock = There is not enough stock of this product for this order. If you cannot make it, tap "{ ord-btn-decline }".
ord-err-state = That is not possible for this order now. See its latest news in "{ menu-my-orders }".
ord-err-not-paid-yet = You have not confirmed the payment of this order yet. If the money arrived, tap "{ ord-btn-paid }" first.
ord-err-not-yours = You cannot see this order.
ord-err-review-long = { $words ->
        [0] This review is much too long. Write it shorter, in a few sentences.
        [one] This review is too long; take out about one word and send it again.
       *[other] This review is too long; take out about { $words } words and send it again.
    }
ord-done = Done ✅
ord-typing-cancelled = All right; nothing changed and the order stays as it was.

## Reviews
ord-ask-rating = Order #{ $id } is complete 🎉 How many stars, from 1 to 5, would you give this purchase?
ord-ask-review-text = Thank you! If you like, write a few words about it; otherwise tap "{ btn-skip }".
ord-review-saved = Your review is saved. Thank you for buying on Hamyar 🌸

## My orders
menu-my-orders = 📋 My orders
ord-list-empty = You have no orders yet. To buy, tap "{ menu-browse }".
ord-list-title = Your orders:
ord-list-item = { $icon } Order { $id }, { $title } — { $status } — { $date }
ord-list-buy = 🛍
ord-list-sell = 📥

## Trainers: orders that need a hand
ord-stuck-empty = No orders need a hand.
ord-stuck-title = Orders to follow up:
ord-stuck-item = #{ $id } — { $status } — { $date }
ord-err-tracking-type = Type the tracking code, or tap "{ btn-skip }" if there is none.
# i11-screens: short buttons of the order lists (status and date are in the text), a stale card
ord-list-button = { $icon } { $id } · { $title }
ord-stuck-button = 📦 Order { $id }
ord-stale-card = { $why } I updated the card: use its new buttons.

## Stock held for orders (i11-stock)
ord-placed-held = Order #{ $id } is placed ✅ We are holding this product for you and sent the order to the seller; we will tell you as soon as she answers. If she does not answer within { $hours } hours, the order is cancelled by itself.
ord-err-sold-out-now = Sorry, this product has just sold out and your order was not placed. If it comes back in stock, we will say so in the Hamyar channel.
ord-err-fewer-left = Only { $max } of this product are left. Tap "{ btn-back }" and choose fewer.
ord-remind-seller-hold = ⏰ Order #{ $id } has been waiting for your answer since yesterday. If you do not answer by this time tomorrow, it is cancelled. Tap "{ ord-btn-accept }" or "{ ord-btn-decline }".
ord-alert-trainers-expired = ⏰ The seller "{ $seller }" did not answer order #{ $id } within { $hours } hours; the order was cancelled and the buyer told. Please call the seller; she may need a hand.
ord-buyer-expired = Sorry, the seller did not answer order #{ $id } within { $hours } hours, so it was cancelled. Nothing was taken from you. See other products in the Hamyar channel.
ord-seller-expired = Order #{ $id } was cancelled because it had no answer for { $hours } hours; the buyer was told. The product is on sale in the channel again.

## Delivery as each method says it (i11-stock)
ord-cost-free = free
ord-cost-on-delivery = postage paid on arrival
ord-delivery-with-cost = { $method }: { $cost }
ord-delivery-choice = { $delivery } — total: { $total }
ord-card-delivery-how = Delivery: { $delivery }
ord-sum-title = Your order:
ord-sum-item = 🛍 { $title } — { $qty } × { $price }
ord-sum-delivery = 🚚 { $delivery }
ord-sum-total = 💰 Total: { $total }
ord-sum-receiver = 👤 { $name } — { $phone }
ord-sum-address = 📍 { $address }
ord-sum-note = 📝 { $note }
ord-sum-confirm = If it is right, tap "{ ord-btn-confirm }".
ord-status-ready = ready for pickup
ord-status-sent-courier = sent by courier
ord-btn-ready = 🤝 Ready for pickup
ord-btn-sent-courier = 🛵 Gave it to the courier
ord-buyer-ready = 🤝 Order #{ $id } is ready for pickup. To agree on when and where, tap "{ ord-btn-message-seller }". When you have it, tap "{ ord-btn-received }".
ord-buyer-sent-courier = 🛵 Order #{ $id } is on its way by courier. When it arrives, tap "{ ord-btn-received }".
ord-err-cod-post = A parcel sent by post cannot be paid in cash on arrival; tap "{ ord-btn-card }".
ord-ask-payment-post = How will the buyer pay? This order goes by post, so only card to card is possible.
lst-ask-postage-collect = If the buyer pays the postage when the parcel arrives, tap "{ btn-postage-collect }".
btn-postage-collect = 📮 Postage on arrival
cap-delivery-collect = { $method }: postage paid by the buyer on arrival

## A buyer who has ordered before; the seller told of a review (i11-stock)
ord-btn-same-as-last = 📍 Same as last time
ord-ask-name-or-last =
    For the same receiver as your last order, tap "{ ord-btn-same-as-last }":
    👤 { $name } — { $phone }{ $address }
    Or type the name of a new receiver.
ord-last-address = { "" }
    📍 { $address }
ord-seller-review-stars = 🌟 A new review of your shop: the buyer of order #{ $id } ({ $title }) gave { $stars }.
ord-seller-review-text = 💬 The buyer of order #{ $id } ({ $title }) wrote: "{ $text }"
