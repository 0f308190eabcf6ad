"""The programme lead's side: bundles from many laptops merged, and every session side by side."""
from app.programme import sending  # noqa: F401  (adds the laptop's "Kirim hasil" views to bp)
from app.programme.routes import bp

__all__ = ["bp"]
