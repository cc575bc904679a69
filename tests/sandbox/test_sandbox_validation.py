"""The stand-in refuses requests the real Bot API would refuse, with the same descriptions."""

from __future__ import annotations

import pytest

from sandbox import ApiError, StandIn, validate


@pytest.fixture
async def chat_id(sb: StandIn) -> int:
    user = await sb.create_user("مریم", username="maryam")
    await sb.send_text(user, "/start")
    return user["id"]


def keyboard(*buttons: dict) -> dict:
    return {"inline_keyboard": [[b] for b in buttons]}


async def test_unknown_method_is_404(api) -> None:
    status, body = await api("sendTelepathy", chat_id=1, text="hi")
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_method_names_are_case_insensitive(api, chat_id) -> None:
    status, body = await api("SENDMESSAGE", chat_id=chat_id, text="سلام")
    assert status == 200 and body["ok"]


async def test_bad_token_is_401(sb, api) -> None:
    api.token = "not-a-token"
    status, body = await api("getMe")
    assert status == 401 and body["description"] == "Unauthorized"


async def test_missing_chat_id(api) -> None:
    status, body = await api("sendMessage", text="سلام")
    assert status == 400
    assert "chat_id" in body["description"]
    assert body["description"] == "Bad Request: chat_id is required"


async def test_text_length_limit(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="س" * 4097)
    assert status == 400 and body["description"] == "Bad Request: message text is too long"
    status, body = await api("sendMessage", chat_id=chat_id, text="س" * 4096)
    assert status == 200 and body["result"]["text"] == "س" * 4096


async def test_text_length_counts_utf16_units(api, chat_id) -> None:
    # An emoji outside the BMP is two UTF-16 code units.
    status, _ = await api("sendMessage", chat_id=chat_id, text="😀" * 2049)
    assert status == 400
    status, _ = await api("sendMessage", chat_id=chat_id, text="😀" * 2048)
    assert status == 200


async def test_empty_text(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="")
    assert status == 400 and body["description"] == "Bad Request: message text is empty"
    status, body = await api("sendMessage", chat_id=chat_id, text="<b></b>", parse_mode="HTML")
    assert status == 400 and body["description"] == "Bad Request: message text is empty"


async def test_html_length_is_counted_after_parsing(api, chat_id) -> None:
    text = "<b>" + "&lt;" * 4096 + "</b>"
    status, body = await api("sendMessage", chat_id=chat_id, text=text, parse_mode="HTML")
    assert status == 200, body
    assert body["result"]["text"] == "<" * 4096
    assert body["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 4096}]


async def test_callback_data_bytes(api, chat_id) -> None:
    ok_data = "ب" * 32  # 32 characters, 64 bytes
    too_long = "ب" * 32 + "x"  # 33 characters, 65 bytes
    status, body = await api("sendMessage", chat_id=chat_id, text="انتخاب کنید",
                             reply_markup=keyboard({"text": "بله", "callback_data": too_long}))
    assert status == 400 and body["description"] == "Bad Request: BUTTON_DATA_INVALID"
    status, body = await api("sendMessage", chat_id=chat_id, text="انتخاب کنید",
                             reply_markup=keyboard({"text": "بله", "callback_data": ok_data}))
    assert status == 200, body
    assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == ok_data


async def test_unknown_parameter(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="hi", colour="blue")
    assert status == 400 and body["description"] == "Bad Request: unknown parameter colour"


async def test_unknown_nested_field(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="hi",
                             reply_markup=keyboard({"text": "a", "callback_data": "a", "x": 1}))
    assert status == 400 and "unknown parameter" in body["description"]


async def test_wrong_type(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="hi", disable_notification="maybe")
    assert status == 400
    assert body["description"].startswith("Bad Request: disable_notification must be of type")
    status, body = await api("sendMessage", chat_id=chat_id, text="hi", reply_markup="[1, 2")
    assert status == 400 and "reply_markup must be of type" in body["description"]
    status, body = await api("sendMessage", _as="json", chat_id=chat_id, text="hi",
                             reply_markup=keyboard({"text": 5, "callback_data": "a"}))
    assert status == 400 and "text must be of type String" in body["description"]


async def test_json_body_and_query_string(sb, api, chat_id) -> None:
    status, body = await api("sendMessage", _as="json", chat_id=chat_id, text="سلام",
                             reply_markup=keyboard({"text": "بله", "callback_data": "yes"}))
    assert status == 200, body
    async with api.session.get(f"{sb.base_url}{api.token}/sendMessage",
                               params={"chat_id": chat_id, "text": "hi"}) as resp:
        assert resp.status == 200


async def test_too_many_inline_buttons(api, chat_id) -> None:
    markup = {"inline_keyboard": [[{"text": str(i), "callback_data": str(i)}] for i in range(101)]}
    status, body = await api("sendMessage", chat_id=chat_id, text="hi", reply_markup=markup)
    assert status == 400 and body["description"] == "Bad Request: reply markup is too long"
    markup["inline_keyboard"].pop()
    status, body = await api("sendMessage", chat_id=chat_id, text="hi", reply_markup=markup)
    assert status == 200


async def test_inline_button_needs_exactly_one_action(api, chat_id) -> None:
    for button in ({"text": "a"}, {"text": "a", "callback_data": "a", "url": "https://x.org"}):
        status, _ = await api("sendMessage", chat_id=chat_id, text="hi", reply_markup=keyboard(button))
        assert status == 400


async def test_deep_link_payload(api, chat_id) -> None:
    bad = ["https://t.me/hamyar_bot?start=" + "a" * 65, "https://t.me/hamyar_bot?start=سلام",
           "https://t.me/hamyar_bot?startgroup=a+b"]
    for url in bad:
        status, body = await api("sendMessage", chat_id=chat_id, text="دعوت",
                                 reply_markup=keyboard({"text": "باز کن", "url": url}))
        assert status == 400 and body["description"] == "Bad Request: BUTTON_URL_INVALID", url
    good = "https://t.me/hamyar_bot?start=" + "a-b_C9" * 10 + "abcd"
    status, body = await api("sendMessage", chat_id=chat_id, text="دعوت",
                             reply_markup=keyboard({"text": "باز کن", "url": good}))
    assert status == 200, body


async def test_caption_length(sb, api, chat_id) -> None:
    status, body = await api("sendPhoto", chat_id=chat_id, photo="https://example.org/a.jpg",
                             caption="ع" * 1025)
    assert status == 400 and body["description"] == "Bad Request: message caption is too long"
    status, body = await api("sendPhoto", chat_id=chat_id, photo="https://example.org/a.jpg",
                             caption="ع" * 1024)
    assert status == 200, body


async def test_html_unclosed_tag(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="<b>سلام", parse_mode="HTML")
    assert status == 400
    assert body["description"].startswith("Bad Request: can't parse entities:")
    for text in ("<b>a</i>", "<foo>a</foo>", "a < b", '<span class="x">a</span>'):
        status, _ = await api("sendMessage", chat_id=chat_id, text=text, parse_mode="HTML")
        assert status == 400, text
    status, body = await api(
        "sendMessage", chat_id=chat_id, parse_mode="HTML",
        text='<b>خ<i>ر</i></b> <a href="https://x.org/?a=1&amp;b=2">لینک</a> &quot;q&quot; '
             '<tg-spoiler>s</tg-spoiler> <pre>code</pre>')
    assert status == 200, body
    assert body["result"]["text"] == 'خر لینک "q" s code'
    types = [e["type"] for e in body["result"]["entities"]]
    assert types == ["bold", "italic", "text_link", "spoiler", "pre"]


async def test_answer_callback_text_limit_and_media_group_size(sb, api, chat_id) -> None:
    photo = {"type": "photo", "media": "https://example.org/a.jpg"}
    status, body = await api("sendMediaGroup", chat_id=chat_id, media=[photo])
    assert status == 400 and "2-10" in body["description"]
    status, body = await api("sendMediaGroup", chat_id=chat_id, media=[photo] * 11)
    assert status == 400
    status, body = await api("answerCallbackQuery", callback_query_id="1", text="x" * 201)
    assert status == 400


async def test_reply_keyboard_button_text_non_empty(api, chat_id) -> None:
    markup = {"keyboard": [[{"text": " "}]]}
    status, _ = await api("sendMessage", chat_id=chat_id, text="hi", reply_markup=markup)
    assert status == 400


async def test_validate_directly() -> None:
    validate("sendMessage", {"chat_id": "12", "text": "hi", "disable_notification": "true"})
    with pytest.raises(ApiError) as err:
        validate("sendMessage", {"chat_id": "12"})
    assert err.value.code == 400 and err.value.description == "Bad Request: text is required"
    with pytest.raises(ApiError) as err:
        validate("editMessageMedia", {"chat_id": 1, "message_id": 2,
                                      "media": '{"type": "photo", "media": "x", "bogus": 1}'})
    assert "unknown parameter media.bogus" in err.value.description
    validate("setMyCommands", {"commands": '[{"command": "start", "description": "شروع"}]',
                               "scope": '{"type": "all_private_chats"}'})


async def test_realistic_chat_errors(sb, api) -> None:
    status, body = await api("sendMessage", chat_id=42, text="hi")
    assert status == 400 and body["description"] == "Bad Request: chat not found"
    stranger = await sb.create_user("Stranger")
    status, body = await api("sendMessage", chat_id=stranger["id"], text="hi")
    assert status == 403
    assert body["description"] == "Forbidden: bot can't initiate conversation with a user"
    await sb.send_text(stranger, "/start")
    await sb.block_bot(stranger)
    status, body = await api("sendMessage", chat_id=stranger["id"], text="hi")
    assert status == 403 and body["description"] == "Forbidden: bot was blocked by the user"
    await sb.unblock_bot(stranger)
    status, body = await api("sendMessage", chat_id=stranger["id"], text="hi")
    assert status == 200
    channel = await sb.create_channel("کانال", username="hamyar_news", bot_is_admin=False)
    status, body = await api("sendMessage", chat_id=channel["id"], text="hi")
    assert status == 400
    assert body["description"] == "Bad Request: need administrator rights in the channel chat"
    status, body = await api("sendMessage", chat_id="@nope", text="hi")
    assert status == 400 and body["description"] == "Bad Request: chat not found"


async def test_markdown_v2(api, chat_id) -> None:
    status, body = await api("sendMessage", chat_id=chat_id, text="قیمت: 10.000 تومان",
                             parse_mode="MarkdownV2")
    assert status == 400 and "Character '.' is reserved" in body["description"]
    status, body = await api("sendMessage", chat_id=chat_id, text="*پررنگ", parse_mode="MarkdownV2")
    assert status == 400 and "can't parse entities" in body["description"]
    status, body = await api(
        "sendMessage", chat_id=chat_id, parse_mode="MarkdownV2",
        text="*قیمت* _ویژه_ 10\\.000 [لینک](https://x.org/a\\)b) `a.b` ||راز||")
    assert status == 200, body
    result = body["result"]
    assert result["text"] == "قیمت ویژه 10.000 لینک a.b راز"
    assert [e["type"] for e in result["entities"]] == ["bold", "italic", "text_link", "code",
                                                       "spoiler"]
    assert result["entities"][2]["url"] == "https://x.org/a)b"
