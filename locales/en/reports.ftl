## Reports for trainers and managers (/report), the weekly digest and sellers' weekly notes
rep-choose-period = 📊 Which period? Tap a button, or type the dates, e.g.: /report from 1405/08/01 to 1405/08/30
rep-btn-tw = This week
rep-btn-lw = Last week
rep-btn-tm = This month
rep-btn-lm = Last month
rep-btn-all = Since the start
rep-btn-area = 📍 By district
rep-btn-craft = 🧶 By craft
rep-btn-group = 👥 By group
rep-btn-xlsx = 📗 Spreadsheet
rep-btn-csv = 📄 CSV file
rep-btn-png = 📈 Charts
rep-not-allowed = Reports are for Hamyar trainers and managers only.
rep-err-range = We did not understand these dates. Type two Jalali dates, e.g.: /report from 1405/08/01 to 1405/08/30
rep-expired = This button is old. Send /report again.
rep-title = 📊 Report for { $period }
rep-title-all = 📊 Report since the start
rep-scope = 📍 { $name }
rep-sellers = 👩 Sellers: { $total } ({ $new } new); { $active } active; { $quiet } did nothing in the last 30 days
rep-listings = 🧺 Products sent for review: { $submitted }; approved: { $approved }, rejected: { $rejected }, sent back: { $changes }
rep-median = ⏱ Median time to a trainer's first answer: { $hours } hours
rep-orders = 🛒 Orders: { $placed } new; accepted: { $accepted }, declined: { $declined }, cancelled: { $cancelled }, completed: { $completed }
rep-sales = 💰 Sales: { $amount } toman
rep-sales-none = 💰 No completed sales in this period.
rep-rating = ⭐️ Buyers' average rating: { $rating } of 5
rep-top-crafts = 🏆 Best-selling crafts: { $crafts }
rep-top-reason = ✏️ Most common reason to reject or send back: “{ $reason }” ({ $count } { $count ->
        [one] time
       *[other] times
    })
rep-quiet-head = 📞 Sellers worth a call ({ $count }):
rep-by-head = By { $name }:
rep-by-line = • { $name }: { $active } active, { $orders } orders, { $sales } toman
rep-more-files = For every figure and the list of sellers, tap “{ rep-btn-xlsx }”.
rep-file-caption = 📊 Report — every figure is in this file.
rep-chart-caption = 📈 { $title }
rep-chart-sales = Sales (toman)
rep-chart-active = Active sellers
rep-chart-weekly-title = Sales and active sellers per week
rep-fig-sellers-total = All sellers
rep-fig-sellers-new = New sellers
rep-fig-sellers-active = Active sellers
rep-fig-sellers-quiet = Quiet for 30 days
rep-fig-listings-submitted = Products sent for review
rep-fig-listings-approved = Approved
rep-fig-listings-rejected = Rejected
rep-fig-listings-changes = Sent back
rep-fig-orders-placed = New orders
rep-fig-orders-accepted = Accepted orders
rep-fig-orders-declined = Declined orders
rep-fig-orders-cancelled = Cancelled orders
rep-fig-orders-completed = Completed orders
rep-fig-sales = Sales (toman)
rep-fig-rating = Average rating
rep-fig-median-hours = Median hours to an answer
rep-col-figure = Figure
rep-col-value = Value
rep-col-name = Name
rep-col-phone = Phone
rep-col-city = City
rep-col-district = District
rep-col-group = Group
rep-col-registered = Registered
rep-col-quiet = Quiet for 30 days
rep-col-breakdown = Breakdown
rep-col-row = Row
rep-bd-area = District
rep-bd-craft = Craft
rep-bd-group = Group
rep-bd-total = All
rep-sheet-summary = Summary
rep-sheet-sellers = Sellers
rep-yes = yes
rep-digest-head = 🗓 Hamyar weekly report
rep-note-head = 🗓 Your week on Hamyar:
rep-note-orders = 🛒 { $count } new { $count ->
        [one] order
       *[other] orders
    }
rep-note-sales = 💰 Sales: { $amount } toman
rep-note-waiting = ⏳ { $count } { $count ->
        [one] product waits
       *[other] products wait
    } for a trainer's review
rep-note-favourites = ❤️ Your products were saved { $count } { $count ->
        [one] time
       *[other] times
    }
rep-note-off = If you do not want this note, tap "{ btn-weekly-off }" in "{ menu-settings }" (or send /weekly).
rep-weekly-on = ✅ From now on your short weekly note comes every Saturday. Send /weekly again to turn it off.
rep-weekly-off = All right; no more weekly notes. Send /weekly again to turn them on.
rep-weekly-not-seller = The weekly note is for sellers. First tap “{ menu-register }”.
