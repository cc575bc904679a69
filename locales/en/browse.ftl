## Buyers: browsing, search, favourites, shops
menu-browse = 🔎 Browse products
menu-favourites = ❤️ Saved

br-categories =
    🔎 Which craft would you like to see?
    Or type whatever you are looking for, e.g. "kilim" or "filigree".
br-category-count = { $name } ({ $count })
br-all = 🛍 All products ({ $count })
br-empty-catalogue = No products have been published yet. Please come back soon 🌸
br-no-results = No products match these choices. Use the buttons below to change the city or the craft.
br-page = { $page } of { $pages }

btn-br-order = { ord-btn-order }
btn-br-save = 🤍 Save
btn-br-saved = ❤️ Saved
btn-br-shop = 🏠 Shop
btn-br-prev = ◀️ Previous
btn-br-next = Next ▶️
btn-br-sort-n = ↕️ Order: newest
btn-br-sort-a = ↕️ Order: cheapest
btn-br-sort-d = ↕️ Order: most expensive
btn-br-city-any = 📍 Seller's city: any
btn-br-city = 📍 Seller's city: { $city }
btn-br-mine-off = 🚚 Only what reaches my city
btn-br-mine-on = ☑️ 🚚 Reaches { $city }
btn-br-categories = 🗂 Crafts
btn-br-my-city = 📍 My city: { $city } (change)
btn-br-set-my-city = 📍 Choose my city
btn-br-any-city = All cities

br-ask-province-filter = Sellers of which province would you like to see?
br-ask-province-mine = Which province are you in? We ask once and remember it, to know which products can reach your city.
br-ask-city = Choose the city:
br-my-city-saved = Your city, { $city }, is saved.

br-not-available = This product is not available now. See the others with "{ menu-browse }" 🌸
br-saved = ❤️ Saved. We will tell you if its price drops or it is back in stock.
br-unsaved = Removed from your saved products.

br-search-title = 🔎 { $count ->
        [one] one product
       *[other] { $count } products
    } for "{ $query }":
br-search-title-many = 🔎 More than { $count } products for "{ $query }"; the best first:
br-search-none = Nothing found for "{ $query }". Try another word, or tap "{ menu-browse }".
br-search-ask = What are you looking for? Type it, e.g. "kilim" or "knitted socks".
br-search-old = This search is old; please type what you are looking for again.

br-fav-empty = You have not saved any products yet. Every product has a "{ btn-br-save }" button.

br-shop-card =
    🏠 { $name }'s shop
    📍 { $city }, { $province }
    🛍 { $count ->
        [one] one product
       *[other] { $count } products
    }
    Link to this shop, to send to friends:
    { $link }
br-shop-not-found = This shop was not found or has no products now. See the others with "{ menu-browse }".

## To people who saved a listing (through the outbox)
fav-price-dropped = 💰 The price of "{ $title }", which you saved, went down from { $old } to { $price }.
fav-back-in-stock = 📦 "{ $title }", which you saved, is back in stock.
fav-btn-view = 👀 See the product

## A listing's or shop's number typed in the bot (handlers/codes.py)
code-unknown = We found no product or shop with the code { $code }. Check the number and send it again, or tap "{ $button }".
code-paused = Sales of "{ $title }" (code { $code }) are paused for now. Send the same number again in a few days, or tap "{ $button }" to see other products.
code-gone = "{ $title }" (code { $code }) is no longer for sale. Tap "{ $button }" to see other products.
## A page of listings as one message (issue 13): a numbered list, a button per listing
br-list-item = { $n }. { $title }
br-list-hint = 👇 Tap a product's name to see its photo and order it.
btn-br-open = { $n }. { $title }
br-list-category = 🛍 { $name }:
br-list-all = 🛍 All products:
br-fav-title = ❤️ Your saved products:
