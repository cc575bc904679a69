"""Trainers moderate listings. The work is split by responsibility:

- `bot.services.trainers`       who may moderate (trainers, their areas, managers)
- `bot.services.review_card`    the review card in the admin chat
- `bot.services.decisions`      approve, reject, ask for changes; reasons
- `bot.services.publishing`     the channel post, its order button and public code, its edits
- `bot.services.trainer_tools`  the queue, a seller's card, blocking, undelivered messages
- `bot.services.behalf_consent` a seller's agreement to a listing a trainer entered for her

The names below are kept for existing callers. Their event listeners and outbox hooks are
wired in `bot.services.wiring`.
"""

from __future__ import annotations

from bot.services import behalf_consent, decisions, publishing, review_card, trainer_tools
from bot.services.decisions import (
    REASON_MAX,
    REJECT_REASONS,
    AlreadyDecided,
    approve,
    clean_reason,
    reason_text,
    reject,
    request_changes,
)
from bot.services.publishing import new_public_code, order_button, publish
from bot.services.review_card import card_buttons, card_text
from bot.services.trainer_tools import queue, set_blocked

__all__ = [
    "REASON_MAX", "REJECT_REASONS", "AlreadyDecided", "approve", "behalf_consent", "card_buttons",
    "card_text", "clean_reason", "decisions", "new_public_code", "order_button", "publish",
    "publishing", "queue", "reason_text", "reject", "request_changes", "review_card",
    "set_blocked", "trainer_tools",
]
