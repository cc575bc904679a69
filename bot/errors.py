"""The one error handler: log with context, answer the user in their language, tell the
trainers' admin chat (at most once a minute per kind of error). No stack trace reaches a user.
"""

from __future__ import annotations

import html
import logging
import time

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.context import HamyarContext
from models.user import User

log = logging.getLogger("hamyar.errors")
ADMIN_REPORT_INTERVAL = 60.0


def _describe(update: object) -> str:
    if isinstance(update, Update):
        user = update.effective_user
        chat = update.effective_chat
        kind = next(
            (k for k in ("message", "callback_query", "edited_message", "channel_post")
             if getattr(update, k, None) is not None),
            "other",
        )
        return f"update={update.update_id} kind={kind} user={user.id if user else None} chat={chat.id if chat else None}"
    return f"update={update!r}"


async def on_error(update: object, context: HamyarContext) -> None:
    err = context.error
    if isinstance(err, (NetworkError, TimedOut, RetryAfter)) and not isinstance(err, Forbidden):
        log.warning("transient Bot API error (%s): %s", _describe(update), err)
    else:
        log.error("error while handling %s", _describe(update), exc_info=err)

    if isinstance(update, Update) and update.effective_chat and update.effective_chat.type == "private":
        await _learn_locale(update, context)
        try:
            if update.callback_query:
                await update.callback_query.answer(context.t("error-generic"), show_alert=True)
            else:
                await context.bot.send_message(update.effective_chat.id, context.t("error-generic"))
        except Exception:  # the answer itself failed; it is logged, never re-raised
            log.warning("could not tell the user about the error", exc_info=True)

    await _report_to_admins(update, context, err)


async def _learn_locale(update: Update, context: HamyarContext) -> None:
    """The error handler gets a fresh context: find the user's language again (the chosen
    one if the database answers, else Telegram's)."""
    user = update.effective_user
    if user is None:
        return
    chosen = None
    try:
        async with context.session() as s:
            row = await s.get(User, user.id)
            chosen = row.locale if row else None
    except Exception:
        log.warning("could not read the user's language", exc_info=True)
    context.locale = context.services.i18n.resolve_locale(chosen, user.language_code)


async def _report_to_admins(update: object, context: HamyarContext, err: BaseException | None) -> None:
    chat_id = context.settings.admin_chat_id
    if chat_id is None or err is None:
        return
    kind = type(err).__name__
    last: dict[str, float] = context.services.extras.setdefault("error_reports", {})
    now = time.monotonic()
    if now - last.get(kind, -ADMIN_REPORT_INTERVAL) < ADMIN_REPORT_INTERVAL:
        return
    last[kind] = now
    user = update.effective_user.id if isinstance(update, Update) and update.effective_user else "-"
    text = context.services.i18n.t(
        context.services.i18n.default,
        "error-admin-report",
        {"kind": kind, "user": str(user), "detail": html.escape(str(err))[:500]},
    )
    try:
        await context.bot.send_message(chat_id, text[:4000])
    except Exception:
        log.warning("could not report the error to the admin chat", exc_info=True)
