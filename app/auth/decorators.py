from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def facilitator_required(view):
    """Only facilitators and admins; others get 403, signed-out people the sign-in page."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_facilitator:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def programme_required(view):
    """Only programme leads and admins: they see every session of the programme."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_programme_lead:
            abort(403)
        return view(*args, **kwargs)
    return wrapped
