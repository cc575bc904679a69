"""The one way text people typed goes into a message sent with parse_mode=HTML.

Names (of trainers, sellers, groups), titles, descriptions and typed reasons may hold `<`, `>`
or `&`; unescaped, Telegram refuses the whole message («can't parse entities»). Everything
that was typed passes through `esc` on its way into HTML; plain-text messages need nothing.
"""

from __future__ import annotations

import html


def esc(text: object) -> str:
    """Typed text made safe for parse_mode=HTML (None reads as "")."""
    return html.escape("" if text is None else str(text))
