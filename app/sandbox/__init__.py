"""The sandbox: a safe practice copy of the M-Paspor booking."""
from app.sandbox import applicants, documents  # noqa: F401  (they add their views to bp)
from app.sandbox.routes import bp

__all__ = ["bp"]
