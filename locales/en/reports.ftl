## Reports for trainers and managers (/report), the weekly digest and sellers' weekly notes
rep-choose-period =
    📊 Which period? Tap a button, or type the first and the last day, e.g.:
    /report from 1405/08/01 to 1405/08/30
rep-btn-tw = This week
rep-btn-lw = Last week
rep-btn-tm = This month
rep-btn-lm = Last month
rep-btn-all = Since the start
rep-btn-area = 📍 By district
rep-btn-craft = 🧶 By craft
rep-btn-group = 👥 By group
rep-btn-xlsx = 📗 Excel file
rep-btn-csv = 📄 CSV file
rep-btn-png = 📈 Charts
rep-not-allowed = Reports are for Hamyar trainers and managers only. If you are a trainer, ask a Hamyar manager to add you to the trainers.
rep-err-range =
    We did not understand these dates. Type the first and the last day as Jalali dates, e.g.:
    /report from 1405/08/01 to 1405/08/30
rep-err-year =
    Please write the year as a Jalali year (1405, not 2026), e.g.:
    /report from 1405/08/01 to 1405/08/30
rep-expired = This button is old. Send /report again.
rep-title = 📊 Report: { $period }
rep-period-named = { $name } ({ $dates })
rep-period-all = since the start
rep-dates = { $start } – { $end }
rep-dates-to-today = { $start } to today
rep-dates-today = today, { $date }
rep-scope = 📍 { $name }
rep-sellers = 👩 Sellers: { $total }; { $new ->
        [0] nobody registered in this period
        [one] { $new } registered in this period
       *[other] { $new } registered in this period
    }
rep-active = { $count ->
        [0] 🟢 No seller was active in this period (no product published, no order)
        [one] 🟢 { $count } seller was active (a product published or an order received)
       *[other] 🟢 { $count } sellers were active (a product published or an order received)
    }
rep-then = { $head }; in the same period { $parts }
rep-listings = { $count ->
        [0] 🧺 No product came in for review
        [one] 🧺 { $count } product came in for review
       *[other] 🧺 { $count } products came in for review
    }
rep-listings-approved = { $count } approved
rep-listings-rejected = { $count } rejected
rep-listings-changes = { $count } sent back for changes
rep-median = ⏱ Trainers usually answered { $hours } hours after a product came in
rep-orders = { $count ->
        [0] 🛒 No new order
        [one] 🛒 { $count } new order
       *[other] 🛒 { $count } new orders
    }
rep-orders-accepted = { $count } accepted
rep-orders-declined = { $count } declined by the seller
rep-orders-cancelled = { $count } cancelled
rep-orders-completed = { $count } completed
rep-sales = 💰 Sales: { $amount } toman (completed orders, delivery apart)
rep-sales-none = 💰 No order was completed in this period, so there are no sales.
rep-rating = ⭐️ Buyers' rating: { $rating } of 5 on average
rep-top-crafts = 🏆 Best-selling crafts: { $crafts }
rep-top-reason = ✏️ Most common reason to reject or send back: “{ $reason }” ({ $count } { $count ->
        [one] time
       *[other] times
    })
rep-quiet-head = 📞 { $count ->
        [one] This seller has
       *[other] These { $count } sellers have
    } sent no product and had no order for 30 days; a call may help:
rep-quiet-more = … and { $count } more (all in “{ rep-btn-xlsx }”)
rep-by-head = By { $name }:
rep-by-line = • { $name }: { $count } active { $count ->
        [one] seller
       *[other] sellers
    }, { $orders } new { $orders ->
        [one] order
       *[other] orders
    }
rep-by-line-craft = • { $name }: { $count } { $count ->
        [one] product
       *[other] products
    } for review, { $orders } new { $orders ->
        [one] order
       *[other] orders
    }
rep-by-line-sales = { $line }, sales { $sales } toman
rep-by-line-nothing = • { $name }: nothing in this period
rep-by-more = … and { $count } more { $count ->
        [one] row
       *[other] rows
    } in “{ rep-btn-xlsx }”
rep-more-files = Every figure and the list of sellers are in “{ rep-btn-xlsx }”; for charts tap “{ rep-btn-png }”.
rep-file-caption = 📊 Report: { $period } — every figure is in this file.
rep-chart-caption = 📈 { $title } — { $period }
rep-chart-by = { $figure } by { $by }
rep-chart-nothing = Nothing to show in this period.
rep-chart-sales = Sales (toman)
rep-chart-active = Active sellers
rep-chart-weeks = Each bar is one week, from Saturday
rep-chart-weekly-title = Sales and active sellers per week
rep-fig-sellers-total = All sellers
rep-fig-sellers-new = New sellers
rep-fig-sellers-active = Active sellers
rep-fig-sellers-quiet = Quiet for 30 days
rep-fig-listings-submitted = Products in for review
rep-fig-listings-approved = Products approved
rep-fig-listings-rejected = Products rejected
rep-fig-listings-changes = Products sent back
rep-fig-orders-placed = New orders
rep-fig-orders-accepted = Accepted orders
rep-fig-orders-declined = Declined orders
rep-fig-orders-cancelled = Cancelled orders
rep-fig-orders-completed = Completed orders
rep-fig-sales = Sales (toman)
rep-fig-rating = Buyers' average rating
rep-fig-median-hours = Hours to a trainer's answer (median)
rep-col-figure = Item
rep-col-value = Number
rep-col-name = Name
rep-col-phone = Phone
rep-col-city = City
rep-col-district = District
rep-col-group = Group
rep-col-registered = Registered
rep-col-quiet = Quiet for 30 days
rep-col-breakdown = By
rep-col-row = Name
rep-col-from = From
rep-col-to = To
rep-bd-area = District
rep-bd-craft = Craft
rep-bd-group = Group
rep-bd-total = All
rep-bd-no-group = No group
rep-sheet-summary = Summary
rep-sheet-sellers = Sellers
rep-yes = yes
rep-digest-head = 🗓 Hamyar weekly report
rep-digest-more = For the details, the Excel file and the charts, send /report.
rep-note-head = 🗓 Your last week on Hamyar:
rep-note-orders = 🛒 You received { $count } new { $count ->
        [one] order
       *[other] orders
    }
rep-note-sales = 💰 Sales: { $amount } toman
rep-note-waiting = ⏳ { $count } { $count ->
        [one] product of yours waits
       *[other] products of yours wait
    } for a trainer's review
rep-note-favourites = ❤️ Buyers saved your products { $count } { $count ->
        [one] time
       *[other] times
    }
rep-note-off = If you do not want this weekly message, tap "{ btn-weekly-off }" in "{ menu-settings }" (or send /weekly).
rep-weekly-on = ✅ From now on we send you a short message about your week every Saturday morning. Send /weekly again to turn it off.
rep-weekly-off = All right; no more weekly messages. If you want them again, send /weekly.
rep-weekly-not-seller = The weekly message is for sellers. First tap “{ menu-register }” and register.
