"""The facilitator's side: sessions, the live board, results."""
from app.facilitator import results_views  # noqa: F401  (adds the results views to bp)
from app.facilitator.routes import bp

__all__ = ["bp"]
