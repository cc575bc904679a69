"""PTB's Bot talks to the stand-in and builds every object with an empty api_kwargs."""

from __future__ import annotations

import asyncio
import time

import pytest
import telegram
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Forbidden

from sandbox import StandIn

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
async def user(sb: StandIn) -> dict:
    user = await sb.create_user("زهرا", "احمدی", username="zahra")
    await sb.send_text(user, "/start")
    return user


async def test_get_me_and_get_chat(sb, bot, user, no_api_kwargs) -> None:
    me = await bot.get_me()
    no_api_kwargs(me)
    assert me.username == "hamyar_bot" and me.id == 123456789 and me.is_bot
    chat = await bot.get_chat(user["id"])
    no_api_kwargs(chat)
    assert chat.type == "private" and chat.first_name == "زهرا"
    group = await sb.create_group("گروه فروشندگان", [user], admins=[user])
    full = await bot.get_chat(group["id"])
    no_api_kwargs(full)
    assert full.type == "supergroup"
    member = await bot.get_chat_member(group["id"], user["id"])
    no_api_kwargs(member)
    assert member.status == "administrator"
    admins = await bot.get_chat_administrators(group["id"])
    no_api_kwargs(admins)
    assert await bot.get_chat_member_count(group["id"]) == 2
    no_api_kwargs(await bot.get_chat_member(group["id"], me.id))


async def test_get_updates_long_poll_and_offset(sb, bot, user, no_api_kwargs) -> None:
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first] == ["/start"]
    assert first[0].message.entities[0].type == "bot_command"
    no_api_kwargs(first)
    offset = first[-1].update_id + 1

    async def later() -> None:
        await asyncio.sleep(0.2)
        await sb.send_text(user, "سلام")

    task = asyncio.create_task(later())
    started = time.monotonic()
    updates = await bot.get_updates(offset=offset, timeout=5)
    await task
    assert time.monotonic() - started < 3
    assert [u.message.text for u in updates] == ["سلام"]
    no_api_kwargs(updates)
    # Confirmed updates are gone; unconfirmed ones come again.
    again = await bot.get_updates(offset=offset, timeout=0)
    assert [u.update_id for u in again] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    # An empty long poll returns after its timeout.
    started = time.monotonic()
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 3


async def test_send_photo_media_group_and_files(sb, bot, user, no_api_kwargs) -> None:
    msg = await bot.send_photo(user["id"], PNG, caption="<b>محصول</b> تازه", parse_mode="HTML")
    no_api_kwargs(msg)
    assert msg.caption == "محصول تازه" and msg.caption_entities[0].type == "bold"
    assert len(msg.photo) == 2
    again = await bot.send_photo(user["id"], msg.photo[-1].file_id)
    assert again.photo[-1].file_id == msg.photo[-1].file_id
    assert again.photo[-1].file_unique_id == msg.photo[-1].file_unique_id
    tg_file = await bot.get_file(msg.photo[-1].file_id)
    no_api_kwargs(tg_file)
    assert bytes(await tg_file.download_as_bytearray()) == PNG

    album = await bot.send_media_group(user["id"], [
        InputMediaPhoto(PNG, caption="اول"), InputMediaPhoto(msg.photo[-1].file_id),
        InputMediaPhoto("https://example.org/p.jpg")])
    no_api_kwargs(album)
    assert len(album) == 3 and len({m.media_group_id for m in album}) == 1
    assert album[0].caption == "اول"

    doc = await bot.send_document(user["id"], b"%PDF-1.4", filename="catalog.pdf")
    no_api_kwargs(doc)
    assert doc.document.file_name == "catalog.pdf"
    voice = await bot.send_voice(user["id"], b"OggS", duration=3)
    no_api_kwargs(voice)
    assert voice.voice.duration == 3
    no_api_kwargs(await bot.send_audio(user["id"], b"ID3", duration=5, title="t"))
    no_api_kwargs(await bot.send_video(user["id"], b"\x00\x00", width=10, height=10))
    no_api_kwargs(await bot.send_contact(user["id"], "+989121234567", "علی"))
    no_api_kwargs(await bot.send_location(user["id"], 35.7, 51.4))
    assert await bot.send_chat_action(user["id"], "typing")
    copied = await bot.copy_message(user["id"], user["id"], msg.message_id)
    no_api_kwargs(copied)
    forwarded = await bot.forward_message(user["id"], user["id"], msg.message_id)
    no_api_kwargs(forwarded)
    assert forwarded.forward_origin.type == "user"
    records = sb.records(user["id"])
    assert records[-2].message["caption"] == "محصول تازه"


async def test_user_media_parses(sb, bot, user, no_api_kwargs) -> None:
    await sb.send_photo(user, caption="عکس")
    await sb.send_album(user, [PNG, PNG, PNG], caption="آلبوم")
    await sb.send_document(user, PNG, "photo.png", "image/png")
    await sb.send_voice(user, b"OggS", duration=4)
    await sb.send_sticker(user)
    await sb.send_contact(user, "+989120000000", "رضا")
    await sb.send_location(user, 35.7, 51.4)
    updates = await bot.get_updates(timeout=0)
    no_api_kwargs(updates)
    album = [u.message for u in updates if u.message.media_group_id]
    assert len(album) == 3 and album[0].caption == "آلبوم"
    photo = updates[1].message.photo[-1]
    data = await (await bot.get_file(photo.file_id)).download_as_bytearray()
    assert data.startswith(b"\x89PNG")


async def test_press_inline_button_gives_callback_query(sb, bot, user, no_api_kwargs) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("تأیید", callback_data="order:1:ok"),
                                    InlineKeyboardButton("سایت", url="https://example.org")]])
    sent = await bot.send_message(user["id"], "سفارش جدید", reply_markup=markup)
    no_api_kwargs(sent)
    rec = sb.last_bot_message(user["id"])
    assert rec.buttons == ["تأیید", "سایت"] and rec.text == "سفارش جدید"
    query = await sb.press(user, rec, "تأیید")
    assert query["data"] == "order:1:ok"
    updates = await bot.get_updates(timeout=0)
    cq = updates[-1].callback_query
    no_api_kwargs(updates)
    assert cq.data == "order:1:ok" and cq.from_user.id == user["id"]
    assert cq.message.message_id == sent.message_id
    assert await cq.answer("ثبت شد", show_alert=True)
    assert sb.answered_callbacks[-1]["text"] == "ثبت شد"
    assert sb.answered_callbacks[-1]["show_alert"] is True
    forged = await sb.press_callback(user, sent.to_dict(), "order:999:ok")
    assert forged["data"] == "order:999:ok"
    with pytest.raises(ValueError):
        await sb.press(user, rec, "سایت")


async def test_press_reply_keyboard_request_contact(sb, bot, user, no_api_kwargs) -> None:
    markup = ReplyKeyboardMarkup([[KeyboardButton("ارسال شماره", request_contact=True)],
                                  ["انصراف"]], resize_keyboard=True)
    await bot.send_message(user["id"], "شماره تلفن خود را بفرستید", reply_markup=markup)
    rec = sb.last_bot_message(user["id"])
    assert rec.buttons == ["ارسال شماره", "انصراف"] and "reply_markup" not in rec.message
    await sb.press(user, rec, "ارسال شماره")
    await sb.press(user, None, "انصراف")
    updates = await bot.get_updates(timeout=0)
    no_api_kwargs(updates)
    contact = updates[-2].message.contact
    assert contact.user_id == user["id"] and contact.first_name == "زهرا"
    assert updates[-1].message.text == "انصراف"


async def test_edit_and_delete_in_transcript(sb, bot, user, no_api_kwargs) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("بعدی", callback_data="next")]])
    sent = await bot.send_message(user["id"], "صفحه ۱", reply_markup=markup)
    edited = await bot.edit_message_text("صفحه ۲", chat_id=user["id"],
                                         message_id=sent.message_id, reply_markup=markup)
    no_api_kwargs(edited)
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("صفحه ۲", chat_id=user["id"], message_id=sent.message_id,
                                    reply_markup=markup)
    await bot.edit_message_reply_markup(user["id"], sent.message_id)  # removes the keyboard
    rec = sb.records(user["id"])[-1]
    assert rec.text == "صفحه ۲" and rec.buttons == []
    assert [e["message"]["text"] for e in rec.edits] == ["صفحه ۱", "صفحه ۲"]

    photo = await bot.send_photo(user["id"], PNG, caption="قدیمی")
    no_api_kwargs(await bot.edit_message_caption(user["id"], photo.message_id, caption="جدید"))
    media = await bot.edit_message_media(InputMediaPhoto(PNG, caption="عکس نو"),
                                         chat_id=user["id"], message_id=photo.message_id)
    no_api_kwargs(media)
    assert media.caption == "عکس نو"

    assert await bot.delete_message(user["id"], sent.message_id)
    assert sent.message_id not in [m["message_id"] for m in sb.messages(user["id"])]
    deleted = [r for r in sb.records(user["id"], include_deleted=True) if r.deleted]
    assert [r.message_id for r in deleted] == [sent.message_id]
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(user["id"], sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=user["id"], message_id=sent.message_id)
    assert await bot.delete_messages(user["id"], [photo.message_id, 9999])


async def test_wait_for_bot_message(sb, bot, user) -> None:
    async def answer() -> None:
        await asyncio.sleep(0.1)
        await bot.send_message(user["id"], "اول")
        await bot.send_message(user["id"], "دوم")

    task = asyncio.create_task(answer())
    rec = await sb.wait_for_bot_message(user["id"], lambda r: r.text == "دوم", timeout=3)
    await task
    assert rec.text == "دوم" and rec.from_bot
    first = await sb.wait_for_bot_message(user["id"])
    assert first.text == "اول"
    with pytest.raises(TimeoutError, match="transcript"):
        await sb.wait_for_bot_message(user["id"], after=rec, timeout=0.2)


async def test_groups_and_channels(sb, bot, user, no_api_kwargs) -> None:
    other = await sb.create_user("Sara", language_code="en")
    group = await sb.create_group("گروه", [user, other], kind="group")
    await sb.send_text(other, "/help@hamyar_bot", chat_id=group["id"])
    msg = await bot.send_message(group["id"], "راهنما")
    no_api_kwargs(msg)
    channel = await sb.create_channel("کانال همیار", username="hamyar_news")
    post = await bot.send_message("@hamyar_news", "خبر")
    no_api_kwargs(post)
    assert post.sender_chat.id == channel["id"]
    updates = await bot.get_updates(timeout=0)
    texts = [u.message.text for u in updates]
    assert texts == ["/start", "/help@hamyar_bot"]  # no update for the bot's own posts
    assert updates[-1].message.entities[0].length == len("/help@hamyar_bot")
    assert [r.text for r in sb.records(group["id"])] == ["/help@hamyar_bot", "راهنما"]


async def test_errors_through_ptb(sb, bot) -> None:
    stranger = await sb.create_user("غریبه")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(stranger["id"], "سلام")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(-100999, "سلام")


async def test_bot_settings(sb, bot, user) -> None:
    cmds = [telegram.BotCommand("start", "شروع"), telegram.BotCommand("help", "راهنما")]
    assert await bot.set_my_commands(cmds)
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert await bot.set_my_description("همیار")
    assert await bot.set_my_short_description("همیار")
    assert await bot.set_chat_menu_button(menu_button=telegram.MenuButtonCommands())
    assert await bot.delete_webhook()
    assert await bot.set_webhook("https://example.org/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.org/hook"
    assert await bot.delete_webhook(drop_pending_updates=True)
    group = await sb.create_group("گروه", [user], bot_is_admin=True)
    assert await bot.set_chat_description(group["id"], "توضیح")  # generic Boolean method


async def test_unimplemented_method_is_501(api) -> None:
    status, body = await api("getUserProfilePhotos", user_id=1)
    assert status == 501 and body["description"] == "Not Implemented in stand-in"
