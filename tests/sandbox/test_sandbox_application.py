"""A whole PTB Application polls the stand-in: commands, inline buttons, reply keyboards."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from sandbox import StandIn


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payload = " ".join(context.args or [])
    await update.message.reply_text(
        f"خوش آمدید {payload}".strip(),
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("منو", callback_data="menu")]]))


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer("باشه")
    await update.callback_query.edit_message_text("منوی اصلی")


@pytest.fixture
async def app(sb: StandIn, token: str) -> AsyncIterator[Application]:
    application = (Application.builder().token(token).base_url(sb.base_url)
                   .base_file_url(sb.base_file_url).build())
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(menu, pattern="^menu$"))
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
        yield application
        await application.updater.stop()
        await application.stop()


async def test_start_and_menu(sb, app) -> None:
    user = await sb.create_user("فاطمه")
    await sb.send_text(user, "/start ref_42")
    rec = await sb.wait_for_bot_message(user["id"])
    assert rec.text == "خوش آمدید ref_42" and rec.buttons == ["منو"]
    await sb.press(user, rec, "منو")
    await sb.wait_until(lambda: rec.text == "منوی اصلی", timeout=5)
    assert sb.answered_callbacks[-1]["text"] == "باشه"
    assert rec.buttons == [] and len(rec.edits) == 1
