from app.learn.routes import bp

__all__ = ["bp"]
