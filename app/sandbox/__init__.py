"""The sandbox: a safe practice copy of the M-Paspor booking."""
from app.sandbox.routes import bp

__all__ = ["bp"]
