## Hamyar groups and cooperatives
grp-created =
    👥 The group “{ $name }” is ready.
    Join code: { $code }
    Send this link to the group's members: { $link }
    or tell them to write to the bot: /join { $code }
grp-list-head = 👥 Your groups:
grp-list-line = • { $name } — { $members } { $members ->
        [one] member
       *[other] members
    } — code { $code }
    { $link }
grp-list-empty = You have no group yet. To make one, write: /newgroup Abhar Yas hamyar group
grp-err-create-format = We did not understand. Write the city (and the district number if needed), then the group's name, e.g.: /newgroup Tabriz:3 Narges hamyar group
grp-err-name-long = Please make the group's name shorter (up to { $max } letters).
grp-err-code = We could not find this group code. Ask your trainer for the code again.
grp-ask-code = Write the group code after /join, e.g.: /join ABC234
grp-joined = ✅ You are now in the group “{ $name }”. To leave it, send /leavegroup.
grp-join-later = 👥 We kept the code of the group “{ $name }”. You will join it once you register. Tap “{ menu-register }”.
grp-left = You are no longer in the group “{ $name }”.
grp-not-in = You are not in any group. To join one, ask your trainer for its code.
grp-mine = 👥 Your group: “{ $name }”. To leave it, send /leavegroup.
grp-not-trainer = This is for Hamyar trainers only.
grp-unmatched-head = These sellers typed a group name that matches no registered group. Tap the right group:
grp-unmatched-line = 👤 { $name } typed: “{ $typed }”
grp-unmatched-none = Every group name the sellers typed matches a group.
grp-unmatched-no-group = (no group is registered in her city)
grp-confirmed = ✅ { $seller } was put in the group “{ $name }”.
grp-not-manager = This is for Hamyar managers only.
grp-err-assign = We could not find the trainer. Write the group code, then the trainer's username, e.g.: /assigngroup ABC234 @zahra
grp-assigned = ✅ From now on { $trainer } also follows the group “{ $name }”.
