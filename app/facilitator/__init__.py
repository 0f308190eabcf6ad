"""The facilitator's side: sessions, the live board, the presenter, paper tests and cards."""
from app.facilitator import paper  # noqa: F401  (it adds views to bp)
from app.facilitator.routes import bp

__all__ = ["bp"]
