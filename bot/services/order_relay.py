"""Messages between buyer and seller (and a trainer stepping in), relayed by the bot: each
labelled with the order and nothing else, so neither side learns who the other is."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox, persian
from bot.services.errors import InputError
from bot.services.order_cards import lang_of, reply_button, t
from bot.services.orders import Role
from models import order as om
from models.order import OrderMessage

KINDS = ("text", "photo", "voice")
TEXT_MAX = 3500
CAPTION_MAX = 1000
TARGETS = {"buyer": ("seller",), "seller": ("buyer",), "trainer": ("buyer", "seller")}


async def relay(session: AsyncSession, role: Role, kind: str, text: str | None,
                file_id: str | None) -> None:
    """A message from one party to the other, labelled with the order and nothing else."""
    order = role.order
    if order.status not in om.OPEN and role.role != "trainer":
        raise InputError("ord-err-state")
    if kind not in KINDS or (kind == "text" and not (text or "").strip()):
        raise InputError("ord-err-relay-type")
    if text and len(text) > TEXT_MAX:
        raise InputError("ord-err-note-long", words=persian.words_over(text, TEXT_MAX))
    session.add(OrderMessage(order_id=order.id, sender=role.role, kind=kind, text=text, file_id=file_id))
    for to in TARGETS[role.role]:
        user_id = order.buyer_id if to == "buyer" else order.seller_id
        lang = await lang_of(session, user_id)
        label = t(lang, f"ord-relay-from-{role.role}", id=order.id)
        reply = reply_button(order.id, lang)
        if kind == "text":
            await outbox.enqueue(session, user_id, "sendMessage",
                                 {"text": f"{label}\n\n{text}", "reply_markup": reply})
        elif kind == "photo":
            await outbox.enqueue(session, user_id, "sendPhoto",
                                 {"photo": file_id, "reply_markup": reply,
                                  "caption": (label + ("\n\n" + text if text else ""))[:CAPTION_MAX]})
        else:
            await outbox.enqueue(session, user_id, "sendVoice",
                                 {"voice": file_id, "caption": label, "reply_markup": reply})
