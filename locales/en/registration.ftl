## Seller registration
reg-intro = Let's set up your shop. We will ask seven short questions; tap "{ btn-back }" at any time to return to the previous one.
reg-resume = Your registration was left unfinished; let's carry on from where you stopped.
reg-ask-name =
    Question 1 of 7
    Write the name buyers should see. A shop name is better than your own name, e.g. "Mehr Knits".
reg-err-name-short = This name is too short. Write a little more, e.g. "Mehr Knits".
reg-err-name-long = { $words ->
        [0] This name is much too long. Write a short name, a few words, e.g. "Mehr Knits".
        [one] This name is too long; take out about one word.
       *[other] This name is too long; take out about { $words } words.
    }
reg-err-name-chars = The name must contain letters, not only digits or symbols.
reg-err-text-expected = Please send your answer as text.

reg-ask-phone =
    Question 2 of 7
    Send your mobile number with the "{ btn-share-phone }" button, or type it, e.g. 09121234567.
    We never show your number to buyers.
btn-share-phone = 📱 Send my number
reg-err-phone-foreign = That is someone else's number. Please send your own with the "{ btn-share-phone }" button, or type it.
reg-err-phone-invalid = That mobile number is not right. An Iranian mobile number has 11 digits and starts with 09, e.g. 09121234567.
reg-err-phone-type = Please type your number or tap "{ btn-share-phone }".

reg-ask-province =
    Question 3 of 7
    Choose the province you live in. If it is easier, type the name of your city.
reg-err-province-unknown = We could not find a city or province called "{ $text }". Please choose the province from the buttons.
reg-ask-city =
    Question 4 of 7
    Choose your city in { $province } province. If it is not listed, type its name.
reg-err-city-unknown = We could not find a city called "{ $text }" in { $province } province. Choose from the buttons, or tap "{ btn-back }" to change the province.
reg-err-choose-button = Please tap one of the buttons on the message above.

reg-ask-district =
    Question 5 of 7
    If your city has municipal districts, type your district number, e.g. 3. If you don't know, tap "{ btn-skip }".
reg-err-district = The district must be a number from 1 to { $max }, e.g. 3. If you don't know, tap "{ btn-skip }".

reg-ask-crafts =
    Question 6 of 7
    What do you make? You can choose several crafts, then tap "{ btn-done }".
reg-err-crafts-empty = Choose at least one craft, then tap "{ btn-done }".
reg-err-crafts-type = Choose your crafts with the buttons on the message above, then tap "{ btn-done }".

reg-ask-group =
    Question 7 of 7
    If you belong to a hamyar group or a cooperative, type its name. If not, tap "{ btn-skip }".
reg-ask-group-pending =
    Question 7 of 7
    👥 You came with the code of the group "{ $name }"; once you are registered you are in that group. Tap "{ btn-skip }".
reg-err-group-long = { $words ->
        [0] This name is much too long. Write the group's name in a few words.
        [one] This name is too long; take out about one word.
       *[other] This name is too long; take out about { $words } words.
    }

reg-summary =
    Please check your details once more:
    👤 Name: { $name }
    📱 Mobile: { $phone }
    📍 City: { $city }, { $province } province
    🏙 District: { $district }
    🧶 Crafts: { $crafts }
    👥 Group or cooperative: { $group }
    If everything is right, tap "{ btn-confirm }". To correct something, tap "{ btn-back }".
reg-none = none
reg-chosen = ☑️ { $choice }
reg-done-group = 👥 You are also in the group "{ $name }" now.
reg-done = You are registered 🎉 Your shop on Hamyar is ready. Now list your first product with "{ menu-new-listing }".
reg-cancelled = Registration paused. Your answers are kept; tap "{ menu-register }" whenever you like to carry on from there.
reg-already = You are already registered. See your details in "{ menu-profile }".

## Profile
profile-card =
    👤 { $name }
    📱 { $phone }
    📍 { $city }, { $province } province
    🏙 District: { $district }
    🧶 Crafts: { $crafts }
    👥 Group or cooperative: { $group }
    🗓 Member since { $since }
profile-not-registered = You have not registered yet. Tap "{ menu-register }" to set up your shop.
# i11-screens: changing one answer (summary and profile card), and after registering
btn-reg-edit-name = ✏️ Name
btn-reg-edit-phone = ✏️ Phone
btn-reg-edit-city = ✏️ City
btn-reg-edit-district = ✏️ District
btn-reg-edit-crafts = ✏️ Crafts
btn-reg-edit-group = ✏️ Group
profile-edit-hint = To change any of them, tap its button.
profile-saved = Your details are updated ✅ Your products in the channel and in search show them too.
profile-edit-cancelled = Nothing changed. Your details are as they were.
