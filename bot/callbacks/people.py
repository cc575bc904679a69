"""Registration, start and settings. (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from typing import Literal

from bot.callbacks.codec import Button, any_button, frozen


class Code(str):
    """A place or craft code: "zanjan", "zanjan.abhar", "filigree"."""

    REGEX = r"[a-z0-9_.\-]{1,40}"




@frozen
class RegStep(Button, prefix="reg"):
    """Back, cancel, «done» under the crafts and the final confirm of the registration."""

    action: Literal["back", "cancel", "crafts-done", "confirm"]


@frozen
class RegProvince(Button, prefix="reg:prov"):
    code: Code


@frozen
class RegCity(Button, prefix="reg:city"):
    code: Code


@frozen
class RegCraft(Button, prefix="reg:craft"):
    """Toggle one craft on or off."""

    code: Code


RegField = Literal["name", "phone", "city", "district", "crafts", "group"]


@frozen
class RegEdit(Button, prefix="reg:edit"):
    """Change one answer: on the registration summary, or on her profile card afterwards."""

    field: RegField
    src: Literal["s", "p"]  # the summary (her answers so far) or her profile card (a fresh copy)


REG_ANY = any_button("reg")


@frozen
class SetLanguage(Button, prefix="set:lang"):
    lang: str


SET_LANGUAGE_ANY = any_button("set:lang")  # an unknown language gets "invalid choice"


@frozen
class SetWeekly(Button, prefix="set:weekly"):
    """A seller's weekly note from the settings: the button says what it does (send it, or stop
    it); the handler sets that and shows the state read back from the database, so a second
    press or an old settings message cannot leave the screen saying something else."""

    want: Literal["on", "off"]


SET_WEEKLY_ANY = any_button("set:weekly")  # a forged one gets "invalid choice"
