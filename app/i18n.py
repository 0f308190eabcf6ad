"""Language choice: Indonesian by default, English on request, remembered per browser and user."""
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath

from flask import current_app, g, has_request_context, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context

LANGUAGE_NAMES = {"id": "Indonesia", "en": "English"}


def select_locale():
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def catalogue():
    """The request's translations, looked up once per request and language.

    Flask-Babel finds the catalogue again for every string (the request's locale through several
    context lookups); a page's template translates dozens, on every page of a room. The language
    is part of the key, so `force_locale` still switches it."""
    if not has_request_context():
        return get_translations()
    locale = get_locale()
    held = g.get("_catalogue")
    if held is None or held[0] is not locale:
        held = g._catalogue = (locale, get_translations())
    return held[1]


def _page_catalogue(context):
    """The catalogue a template's _() reads: the one inject_i18n put in the page's context when
    render_template began (so a page looks it up once, not once per string: a step page has
    fourteen), else — a macro imported without the page's context — the request's."""
    held = context.get("_catalogue")
    return held if held is not None else catalogue()


def install_template_gettext(app):
    """Templates' _(), ngettext and pgettext read the page's catalogue (see _page_catalogue())."""
    app.jinja_env.install_gettext_callables(
        gettext=pass_context(lambda page, text: _page_catalogue(page).ugettext(text)),
        ngettext=pass_context(lambda page, one, many, n: _page_catalogue(page).ungettext(one, many, n)),
        pgettext=pass_context(lambda page, context, text: _page_catalogue(page).upgettext(context, text)),
        npgettext=pass_context(lambda page, context, one, many, n:
                               _page_catalogue(page).unpgettext(context, one, many, n)),
        newstyle=True)


def current_language():
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def pick(texts):
    """The current language's text from a {lang: text} mapping, falling back to Indonesian."""
    if not isinstance(texts, dict):
        return texts
    return texts.get(current_language()) or texts.get("id") or ""


def to_date(text):
    """A date from its ISO text (as kept in JSON answers); a date or None passes through."""
    return date.fromisoformat(text) if isinstance(text, str) and text else (text or None)


def rupiah(amount):
    """An amount in rupiah, grouped as the page's language writes it: Rp650.000 / Rp650,000."""
    return "Rp" + format_decimal(amount, format="#,##0")


@lru_cache(maxsize=512)
def _language_version(static_folder, path, lang):
    own = PurePosixPath(path)
    own = str(own.with_name(f"{own.stem}.{lang}{own.suffix}"))
    return own if Path(static_folder, own).is_file() else path


def picture(path):
    """A picture under static/ in the page's language: 'x.en.svg' on English pages when it exists
    (the same picture with English captions), else the shared one."""
    lang = current_language()
    if lang == current_app.config["BABEL_DEFAULT_LOCALE"]:
        return path
    return _language_version(current_app.static_folder, path, lang)


def inject_i18n():
    return {"_catalogue": catalogue(), "current_language": current_language(),
            "language_names": LANGUAGE_NAMES, "pick": pick,
            "format_date": format_date, "format_datetime": format_datetime, "format_decimal": format_decimal,
            "picture": picture}
