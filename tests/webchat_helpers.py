"""A tiny stand-in bot for the web chat tests (not Hamyar's handlers): greets with HTML, an
inline button, a URL button and a reply keyboard, and acknowledges photos, voice and contacts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from sandbox import StandIn

TOKEN = "123456789:WEBCHAT-test-token"
GREETING_BUTTON = "دکمه شیشه‌ای"
CHOICE = "گزینه یک"
TAP_ANSWER = "دکمه زده شد"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if context.args:
        await update.message.reply_text(f"شروع با {context.args[0]}")
        return
    await greet(update, context)


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = update.effective_user.first_name
    await update.message.reply_html(
        f"<b>سلام</b> {name}! این یک <i>ربات آزمایشی</i> است؛ "
        "<a href='https://t.me/hamyar_bot?start=promo'>پیوند دعوت</a> و <code>کد ۱۲</code>.",
        reply_markup=InlineKeyboardMarkup([
            [InlineKeyboardButton(GREETING_BUTTON, callback_data="tap")],
            [InlineKeyboardButton("کاتالوگ", url="https://t.me/hamyar_catalogue")],
        ]))
    await update.message.reply_text(
        "یکی را انتخاب کنید:",
        reply_markup=ReplyKeyboardMarkup(
            [[CHOICE, "گزینه دو"], [KeyboardButton("شماره من", request_contact=True)]],
            resize_keyboard=True, input_field_placeholder="گزینه را بزنید"))


async def tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer(TAP_ANSWER)
    await update.callback_query.edit_message_text(f"سلام — {TAP_ANSWER} ✅")


async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message.text == CHOICE:
        await update.message.reply_text(f"انتخاب شد: {CHOICE}", reply_markup=ReplyKeyboardRemove())
    elif update.effective_chat.type == "private":
        await greet(update, context)
    else:
        await update.message.reply_text("پیام گروه رسید")


async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text("عکس رسید")


async def voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"صدا رسید ({update.message.voice.duration} ثانیه)")


async def contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"شماره رسید: {update.message.contact.phone_number}")


def build_app(sb: StandIn, token: str = TOKEN) -> Application:
    app = (Application.builder().token(token).base_url(sb.base_url)
           .base_file_url(sb.base_file_url).build())
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(tap, pattern="^tap$"))
    app.add_handler(MessageHandler(filters.PHOTO, photo))
    app.add_handler(MessageHandler(filters.VOICE, voice))
    app.add_handler(MessageHandler(filters.CONTACT, contact))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, text))
    return app


@asynccontextmanager
async def running_bot(sb: StandIn, token: str = TOKEN) -> AsyncIterator[Application]:
    app = build_app(sb, token)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)  # type: ignore[union-attr]
        try:
            yield app
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
