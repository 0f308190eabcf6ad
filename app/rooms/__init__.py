"""The participant's side of an outreach session: joining, continuing, the room's state."""
from app.rooms.routes import bp

__all__ = ["bp"]
