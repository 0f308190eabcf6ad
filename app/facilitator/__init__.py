"""The facilitator's side: sessions, the live board, paper tests, results, imports."""
from app.facilitator import imports, paper, results_views  # noqa: F401  (they add views to bp)
from app.facilitator.routes import bp

__all__ = ["bp"]
