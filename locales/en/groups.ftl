## Hamyar groups and cooperatives
grp-created =
    👥 The group “{ $name }” is ready. Group code: { $code }
    Send this link to the group's members; opening it puts them in the group:
    { $link }
    or tell them to write to Hamyar: /join { $code }
grp-list-head = 👥 Your groups (send each group's link to its members):
grp-list-line = • { $name } — { $members } { $members ->
        [one] member
       *[other] members
    } — code { $code }
    { $link }
grp-list-empty =
    You have not made a group yet. To make one, write the city and then the group's name after /newgroup, e.g.:
    /newgroup Abhar Yas hamyar group
grp-err-create-format =
    We did not understand. After /newgroup write the city (with the district number after a colon if needed), then the group's name, e.g.:
    /newgroup Tabriz:3 Narges hamyar group
grp-err-name-long =
    { $words ->
        [0] The group's name is much too long. Write it in a few words and send it again, e.g.:
        [one] The group's name is too long; take out about one word and send it again, e.g.:
       *[other] The group's name is too long; take out about { $words } words and send it again, e.g.:
    }
    /newgroup { $place } Yas hamyar group
grp-err-code = We could not find this group code. Type it again carefully, or ask your trainer.
grp-err-assign-code = We could not find this group code. See every group's code with /groups.
grp-ask-code = Write the group code after /join (your trainer gives it to you), e.g.: /join K7M2Q5
grp-joined = ✅ You are now in the group “{ $name }”. If this is a mistake, send /leavegroup.
grp-moved = ✅ You left the group “{ $old }” and are now in the group “{ $name }”.
grp-already = 👥 You are already in the group “{ $name }”.
grp-join-later = 👥 We have the code of the group “{ $name }”. Register first; once you have, you are in this group. Tap “{ menu-register }”.
grp-join-registering = 👥 We have the code of the group “{ $name }”; once your registration is done, you are in this group.
grp-left = You are no longer in the group “{ $name }”. To join another group, ask your trainer for its code.
grp-not-in = You are not in any group. To join one, ask your trainer for its code.
grp-mine = 👥 You are in the group “{ $name }”. To leave it, send /leavegroup.
grp-not-trainer = This is for Hamyar trainers only.
grp-unmatched-head = These sellers typed a group name at registration that matches no group made here. Under each one, tap her group:
grp-unmatched-line = 👤 { $name } typed: “{ $typed }”
grp-unmatched-none = Nothing left to do: every group name the sellers typed matches a group.
grp-unmatched-no-group = No group has been made in her city yet. If needed, make one with /newgroup.
grp-confirmed = ✅ { $seller } is now in the group “{ $name }”.
grp-not-manager = This is for Hamyar managers only.
grp-err-assign = We could not find the trainer. After /assigngroup write the group code, then the trainer's username, e.g.: /assigngroup K7M2Q5 @zahra
grp-ask-assign = After /assigngroup write the group code, then the trainer's username, e.g.: /assigngroup K7M2Q5 @zahra
grp-assigned = ✅ From now on { $trainer } also follows the group “{ $name }”.
