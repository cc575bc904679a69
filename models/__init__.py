"""All mapped classes, imported here so that `Base.metadata` knows every table."""

from models.base import Base
from models.state import ConversationState, Draft
from models.user import Seller, User

__all__ = ["Base", "ConversationState", "Draft", "Seller", "User"]
