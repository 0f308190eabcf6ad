"""Larger text ("Teks besar"): chosen from any page, kept in the browser and on the user."""
from flask import session
from flask_login import current_user


def large_text():
    """This browser's choice first (as with the language), else the signed-in user's own."""
    if "large_text" in session:
        return bool(session["large_text"])
    return bool(current_user and current_user.is_authenticated and current_user.large_text)


def remember_large_text(on):
    """Kept in the session, and on the user so it follows them to another phone (the caller commits)."""
    session["large_text"] = on
    session.permanent = True
    if current_user.is_authenticated:
        current_user.large_text = on


def inject_display():
    return {"large_text": large_text()}
