"""The one ordered list of handlers.

Groups run in order for every update; within a group the first matching handler wins.
  -10  ensure_user: store the user, learn language and role, stop blocked users
    0  features: conversations first (they claim their own steps), then commands and menus,
       then the catch-alls (stale buttons, text nobody understood): first match wins
  100  flush conversation states to the database
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import keyboards
from bot.callbacks import (
    BROWSE_ANY,
    SET_LANGUAGE_ANY,
    SET_WEEKLY_ANY,
    ListingLink,
    ShareListing,
    ShareShop,
    ShopLink,
)
from bot.context import HamyarApp
from bot.errors import on_error
from bot.i18n import I18n
from bot.services import users
from handlers import (
    browse,
    browse_shops,
    codes,
    common,
    deeplinks,
    groups,
    listing,
    moderation,
    my_listings,
    ordering,
    orders,
    registration,
    reports,
    sharing,
    start,
)


def register(app: HamyarApp, i18n: I18n) -> None:
    private = filters.ChatType.PRIVATE

    users.install_cache_invalidation(app.bot_data["services"].db.engine)
    deeplinks.install({ListingLink: ordering.show_listing, ShopLink: browse_shops.shop_deep_link})
    app.add_handler(TypeHandler(Update, common.ensure_user), group=-10)

    app.add_handler(registration.build(i18n), group=0)
    app.add_handler(listing.build(i18n), group=0)
    app.add_handler(my_listings.build(i18n), group=0)
    moderation.register(app)
    app.add_handler(ordering.build_order(i18n), group=0)
    orders.register(app, i18n)
    groups.register(app, i18n)  # hamyar groups; /start g_<code> before the generic /start
    reports.register(app, i18n)  # /report, /weekly
    app.add_handler(deeplinks.command(ListingLink, ordering.show_listing), group=0)
    # -- Buyers: browse, search, favourites, shops (handlers/browse.py) ------------------------
    # Right after the conversations: /start s_<code> must come before the generic /start, and
    # free text is a search only when no conversation claimed it (browse.free_text leaves out
    # every menu-*/btn-* label, so the menu buttons registered below still reach their handlers).
    app.add_handler(deeplinks.command(ShopLink, browse_shops.shop_deep_link), group=0)
    app.add_handler(CommandHandler("browse", browse.browse_command, filters=private), group=0)
    app.add_handler(CommandHandler("search", browse.search_command, filters=private), group=0)
    app.add_handler(CommandHandler("favourites", browse_shops.favourites_command, filters=private),
                    group=0)
    app.add_handler(MessageHandler(private & keyboards.label_filter(i18n, "menu-browse"),
                                   browse.browse_command), group=0)
    app.add_handler(MessageHandler(private & keyboards.label_filter(i18n, "menu-favourites"),
                                   browse_shops.favourites_command), group=0)
    app.add_handler(CallbackQueryHandler(browse.on_callback, pattern=BROWSE_ANY), group=0)
    # A listing's or shop's number («۴۸۲۱», «کد ۴۸۲۱») opens it; other free text is a search.
    app.add_handler(MessageHandler(private & browse.free_text(i18n) & codes.CODE, codes.open_code),
                    group=0)
    app.add_handler(MessageHandler(private & codes.FORWARDED, codes.open_code), group=0)
    app.add_handler(MessageHandler(private & browse.free_text(i18n), browse.search_text),
                    group=0)
    # -- end of buyers ------------------------------------------------------------------------
    app.add_handler(CommandHandler("start", start.start, filters=private), group=0)
    app.add_handler(CommandHandler("help", start.help_, filters=private), group=0)
    app.add_handler(CommandHandler("cancel", start.cancel_nothing, filters=private), group=0)
    app.add_handler(
        MessageHandler(private & keyboards.label_filter(i18n, "menu-help"), start.help_), group=0
    )
    app.add_handler(
        MessageHandler(private & keyboards.label_filter(i18n, "menu-profile"), start.profile),
        group=0,
    )
    app.add_handler(
        MessageHandler(private & keyboards.label_filter(i18n, "menu-settings"), start.settings_menu),
        group=0,
    )
    app.add_handler(CommandHandler("settings", start.settings_menu, filters=private), group=0)
    app.add_handler(
        MessageHandler(private & keyboards.label_filter(i18n, "menu-my-listings"),
                       my_listings.show_list), group=0)
    app.add_handler(CommandHandler("myproducts", my_listings.show_list, filters=private), group=0)
    app.add_handler(CallbackQueryHandler(my_listings.show_list, pattern=my_listings.LIST_PATTERN), group=0)
    app.add_handler(CallbackQueryHandler(my_listings.open_card, pattern=my_listings.OPEN_PATTERN), group=0)
    app.add_handler(CallbackQueryHandler(my_listings.confirm_withdraw, pattern=my_listings.WITHDRAW_PATTERN),
                    group=0)
    app.add_handler(CallbackQueryHandler(
        my_listings.simple_action, pattern=my_listings.SIMPLE_PATTERN), group=0)
    app.add_handler(CallbackQueryHandler(sharing.share_listing, pattern=ShareListing.pattern()),
                    group=0)
    app.add_handler(CallbackQueryHandler(sharing.share_shop, pattern=ShareShop.pattern()), group=0)
    app.add_handler(CallbackQueryHandler(listing.delete_draft, pattern=listing.DELETE_DRAFT_PATTERN), group=0)
    app.add_handler(CallbackQueryHandler(start.set_language, pattern=SET_LANGUAGE_ANY), group=0)
    app.add_handler(CallbackQueryHandler(start.set_weekly, pattern=SET_WEEKLY_ANY), group=0)

    # Catch-alls last in the same group: they answer only what nothing above claimed.
    app.add_handler(CallbackQueryHandler(common.stale_callback), group=0)
    app.add_handler(MessageHandler(private, common.unknown_text), group=0)

    app.add_handler(TypeHandler(Update, common.flush_persistence), group=100)
    app.add_error_handler(on_error)


def schedule_jobs(app: HamyarApp) -> None:
    """The repeating jobs, started with the services (bot.app.start_services)."""
    orders.schedule_jobs(app)
    reports.schedule_jobs(app)  # the weekly digest
