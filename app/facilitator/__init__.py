"""The facilitator's side: sessions, the live board, paper tests, results."""
from app.facilitator import paper, results_views  # noqa: F401  (they add their views to bp)
from app.facilitator.routes import bp

__all__ = ["bp"]
