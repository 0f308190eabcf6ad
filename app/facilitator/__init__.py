"""The facilitator's side: sessions, the live board, results (issue 4, in progress)."""
from app.facilitator.routes import bp

__all__ = ["bp"]
