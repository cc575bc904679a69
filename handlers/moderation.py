"""Moderation, wired: the review card's buttons in the admin chat (`handlers.admin_card`),
trainers' and managers' commands in private chat (`handlers.trainer_tools`), and a seller's
agreement to a listing a trainer entered for her (`handlers.behalf_consent`)."""

from __future__ import annotations

from bot.context import HamyarApp
from handlers import admin_card, behalf_consent, trainer_tools


def register(app: HamyarApp) -> None:
    """Moderation buttons work wherever the card is; the tools are for private chats."""
    admin_card.register(app)
    behalf_consent.register(app)
    trainer_tools.register(app)
