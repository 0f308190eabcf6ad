"""Review of results: a session's pre/post analysis, item analysis, CSV exports, score imports."""
from app.results.routes import bp

__all__ = ["bp"]
