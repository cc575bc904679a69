"""A stand-in Telegram Bot API server for tests and the local web chat page."""

from .botapi import ApiError
from .limits import LIMITS
from .server import StandIn
from .spec import validate
from .state import Faults, FloodLimits, Record

__all__ = ["LIMITS", "ApiError", "Faults", "FloodLimits", "Record", "StandIn", "validate"]
