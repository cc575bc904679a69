"""Groups and reports. (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from typing import Literal

from bot.callbacks.codec import Button, frozen


@frozen
class ReportView(Button, prefix="rp"):
    """/report's buttons: a period (tw, lw, tm, lm, all or 14050801-14050830), a breakdown, and
    what to show (the message, the spreadsheet, the CSV, the charts)."""

    period: str
    breakdown: Literal["area", "craft", "group"]
    what: Literal["msg", "xlsx", "csv", "png"]


@frozen
class GroupConfirm(Button, prefix="gc"):
    """A trainer confirms that a seller's typed group name means this group."""

    seller_id: int
    group_id: int
