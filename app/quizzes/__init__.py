from app.quizzes.routes import bp

__all__ = ["bp"]
