"""Who listens to what, in one table: the seams between features (`bot.services.events`) and
the outbox's after-sent hooks (`bot.outbox.register_hook`). Nothing registers itself when a
module is imported; `install()` does it, once per process (the application calls it when it
is built; a process that runs only the outbox worker calls it too). Calling it again changes
nothing.
"""

from __future__ import annotations

from bot import outbox
from bot.outbox.store import Hook
from bot.services import events, favourites, publishing, review_card, search_index

# event name → listeners, in the order they run (inside the unit of work that emitted it)
EVENTS: tuple[tuple[str, events.Listener], ...] = (
    ("listing.submitted", review_card.on_submitted),
    ("listing.published", search_index.on_published),
    ("listing.public_changed", search_index.on_public_changed),
    ("listing.public_changed", publishing.on_public_changed),
    ("listing.price_dropped", favourites.on_price_dropped),
    ("listing.back_in_stock", favourites.on_back_in_stock),
)

# outbox hook name (a row's on_sent) → what runs when that row was delivered
HOOKS: tuple[tuple[str, Hook], ...] = (
    ("moderation.card_sent", review_card.card_sent),
    ("catalogue.album_posted", publishing.album_posted),
    ("catalogue.card_posted", publishing.card_posted),
)


def install() -> None:
    for name, listener in EVENTS:
        events.subscribe(name)(listener)
    for name, hook in HOOKS:
        outbox.register_hook(name)(hook)
