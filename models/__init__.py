"""All mapped classes, imported here so that `Base.metadata` knows every table."""

from models.base import Base
from models.group import (
    GroupMember,
    GroupTrainer,
    HamyarGroup,
    ReportCache,
    ReportPrefs,
    ReportRun,
)
from models.listing import Listing, ListingPhoto
from models.moderation import AdminCard, Decision, Trainer
from models.order import Order, OrderMessage, Review
from models.outbox import OutboxMessage
from models.search import BuyerPrefs, Favourite, ListingSearch, ShopLink
from models.state import ConversationState, Draft
from models.user import Seller, User

__all__ = [
    "AdminCard", "Base", "BuyerPrefs", "ConversationState", "Decision", "Draft", "Favourite", "GroupMember", "GroupTrainer", "HamyarGroup",
    "Listing", "ListingPhoto", "ListingSearch", "Order", "OrderMessage", "OutboxMessage", "ReportCache", "ReportPrefs", "ReportRun", "Review", "Seller", "ShopLink", "Trainer",
    "User",
]
