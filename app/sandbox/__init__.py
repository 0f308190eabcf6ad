"""The sandbox: a safe practice copy of the M-Paspor booking (issue 3, in progress)."""
from app.sandbox.routes import bp

__all__ = ["bp"]
