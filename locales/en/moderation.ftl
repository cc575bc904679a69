## Moderation in the trainers' admin chat
mod-card-title = 🆕 Product #{ $id } for review (round { $round })
mod-card-voice = 🎙 Voice description: { $seconds ->
        [one] one second
       *[other] { $seconds } seconds
    } (the voice message above)
mod-card-seller =
    👤 Seller: { $name }
    📱 { $phone }
    📍 { $city }, { $province }{ $district ->
        [0] {""}
       *[other] { " " }— district { $district }
    }
    👥 Group: { $group }
mod-card-entered-by = ✍️ Entered by trainer: { $name } — { $consent }
mod-consent-none = the seller has not confirmed yet
mod-consent-seller = the seller confirmed it herself
mod-consent-phone = the seller agreed by phone
mod-btn-approve = ✅ Approve and publish
mod-btn-reject = ⛔️ Reject
mod-btn-changes = ✏️ Ask for changes
mod-btn-edit = 🛠 Edit
mod-btn-reason-typed = ✍️ Another reason (type it)
mod-reason-photos = The photos are unclear or do not show the product well
mod-reason-price = The price or description is unclear
mod-reason-not_handmade = The product is not handmade or home-made
mod-reason-not_allowed = This item may not be sold on Hamyar
mod-reason-duplicate = This product is a duplicate
mod-choose-reason = Choose why product #{ $id } is rejected:
mod-ask-reason = { $name }, write the reason for rejecting product #{ $id } in one message. (/cancel to stop)
mod-ask-changes = { $name }, write what the seller should change in product #{ $id }. (/cancel to stop)
mod-typing-cancelled = Stopped; the product is still waiting for review.
mod-err-reason-empty = Please write the reason.
mod-err-reason-long = { $words ->
        [0] This text is much too long. Write it shorter, in a few sentences. (/cancel to stop)
        [one] This text is too long; take out about one word and send it again. (/cancel to stop)
       *[other] This text is too long; take out about { $words } words and send it again. (/cancel to stop)
    }
mod-decided-approve = ✅ Approved and published — { $name }, { $time }
mod-decided-reject = ⛔️ Rejected — { $name }, { $time }
    Reason: { $reason }
mod-decided-changes = ✏️ Sent back for changes — { $name }, { $time }
    Note: { $reason }
mod-already = This product has already been reviewed{ $who }.
mod-already-by = { " " }(by { $name })
mod-outdated = This card is out of date; a newer version of this product is under review.
mod-not-trainer = Only Hamyar trainers can do this.
mod-not-in-scope = This seller is not in your area.
mod-done-approve = Published ✅
mod-done-reject = Rejected.
mod-done-changes = Sent back for changes.
mod-seller-rejected =
    The product "{ $title }" was not published this time.
    Reason: { $reason }
    If you like, fix it and send it again: in "{ menu-my-listings }" tap "{ btn-edit-listing }".
mod-seller-changes =
    A trainer has a suggestion for the product "{ $title }":
    { $reason }
    In "{ menu-my-listings }" tap "{ btn-edit-listing }", make the change and send it again.
mod-seller-published = 🎉 Your product "{ $title }" was approved and published in the Hamyar channel.
mod-seller-published-link = 🎉 Your product "{ $title }" was approved and published in the Hamyar channel: { $link }
cat-btn-order = { ord-btn-order }

## Trainer tools (private chat)
tr-queue-empty = No products are waiting for review.
tr-queue-title = Products waiting for review ({ $count }):
tr-queue-item = Product { $id }, "{ $title }" — { $seller }, { $city } — { $date }
tr-queue-button = { $id } · { $title }
tr-queue-resent = The review card of this product was sent to the trainers' group again.
tr-seller-usage = Write the seller's name or phone after the command, e.g. /seller Maryam or /seller 09121234567
tr-seller-none = No seller with that name or phone was found.
tr-seller-card =
    👤 { $name } — { $phone }
    📍 { $city }, { $province }{ $district ->
        [0] {""}
       *[other] { " " }— district { $district }
    }
    👥 { $group }
    🛍 Products: { $published } published, { $pending } pending, { $total } in all
    { $blocked }
tr-seller-blocked-note = ⛔️ blocked
tr-block-usage = Write the person's numeric id, @username or phone after the command, e.g. /block 09121234567
tr-blocked = { $name } is blocked and can no longer list or order.
tr-unblocked = { $name } is unblocked.
tr-err-unknown-user = No such user. They must have opened the bot at least once.
tr-err-block-manager = Managers cannot be blocked.
tr-not-trainer = This command is for Hamyar trainers only.
tr-not-manager = This command is for Hamyar managers only.

## Managers: trainers
tr-list-empty = No trainers have been added yet.
tr-list-title = Trainers:
tr-list-item = • { $name } ({ $id }) — { $scope }
tr-scope-all = all cities
tr-add-usage =
    To add a trainer: /addtrainer id or @username [cities]
    Example: /addtrainer @zahra_trainer Abhar, Zanjan:2
    No cities means every city. Write a district number after a colon.
tr-added = { $name } is now a trainer — { $scope }.
tr-removed = { $name } is no longer a trainer.
tr-not-a-trainer = { $name } is not a trainer.
tr-remove-usage = To remove a trainer: /removetrainer id or @username
tr-err-scope-city = We could not find the city "{ $city }", or several cities have that name. Write the city name more exactly.
tr-err-scope-district = The district for "{ $city }" must be a number from 1 to 30.

## On behalf of a seller
obh-ask-seller = Which seller are you listing for? Write her name or mobile number.
obh-choose-seller = Which seller?
obh-none = No seller with that name or number was found. Write it again or tap /cancel.
obh-started = Listing a product for { $name }. The steps are the seller's steps.
obh-edit-started = Editing product #{ $id } of { $name }. Change whatever is needed and tap "{ obh-btn-save }" at the end.
obh-btn-save = 💾 Save changes
obh-saved = The changes are saved and a new review card was sent to the trainers' group.
obh-consent-ask = The product is ready. How does the seller agree?
obh-btn-send = 📨 Send the preview to the seller
obh-btn-phone = ☎️ She agreed by phone
obh-sent = The preview was sent to the seller; once she confirms, the product goes to review.
obh-phone-recorded = The seller's agreement by phone is recorded and the product went to review.
obh-seller-preview = { $trainer } (a Hamyar trainer) listed this product for you. If it is right, tap "{ obh-btn-confirm }" to send it for review.
obh-btn-confirm = ✅ I confirm
obh-seller-confirmed = Thank you! The product was sent for review.
obh-trainer-told-confirmed = { $name } confirmed the product "{ $title }" and it went to review.
mod-card-revision = ✏️ Changes to published product #{ $original }; the current post stays in the channel until approved.
tr-err-block-trainer = Only managers can block a trainer.
tr-undelivered-none = Every message was delivered; nothing is undelivered.
tr-undelivered-title = Messages that could not be delivered (newest first):
tr-undelivered-item = #{ $id } to { $who } — { $when } — { $reason }
tr-undelivered-blocked = has blocked the bot
tr-undelivered-retry = 🔁 Send again #{ $id }
tr-undelivered-queued = Queued to be sent again.
# i11-screens: short labels of the reject reasons (the seller is told the whole reason)
mod-reason-btn-photos = 📷 Photos unclear
mod-reason-btn-price = 💰 Price or text unclear
mod-reason-btn-not_handmade = ✋ Not handmade
mod-reason-btn-not_allowed = 🚫 Not sold on Hamyar
mod-reason-btn-duplicate = 🔁 A duplicate
# The fixes a trainer asks for by button ("✏️ Ask for changes"): the label, the text the decision
# stores (and the reports count), and the advice the seller reads
mod-btn-changes-typed = ✍️ Something else (type it)
mod-change-btn-photo = 📷 A clearer photo
mod-change-btn-price = 💰 Fix the price
mod-change-btn-description = 📝 A fuller description
mod-change-btn-title = 🏷 A clearer name
mod-change-btn-delivery = 🚚 Fix the delivery
mod-change-photo = Send a clearer photo of the product
mod-change-price = Check and correct the price
mod-change-description = Write a fuller description (material, size, colour)
mod-change-title = Give the product a clearer name
mod-change-delivery = Correct the delivery method or its cost
mod-change-advice-photo = 📷 Send a clearer photo: in daylight, on a plain background, with the product itself easy to see.
mod-change-advice-price = 💰 Check the price: the price of one item, in toman; for example 120 thousand.
mod-change-advice-description = 📝 In the description, say what it is made of, how big it is and what colour it is.
mod-change-advice-title = 🏷 Give the product a clearer name, so that buyers know from the name what it is; for example "Handwoven kilim, 2 metres".
mod-change-advice-delivery = 🚚 Correct the delivery method and its cost, so that buyers know how the product reaches them and what it costs.
mod-seller-change-fixed =
    A trainer has a suggestion for "{ $title }"; with this change it is ready to publish:
    { $advice }
    Tap "{ btn-edit-listing }" on this message, then "{ $field ->
        [photos] { btn-edit-photos }
        [title] { btn-edit-title }
        [description] { btn-edit-description }
        [price] { btn-edit-price }
       *[delivery] { btn-edit-delivery }
    }", fix it and send it again.
