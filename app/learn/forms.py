from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectChoice, SelectField

from app.forms import Form, choice_form


class LanguageForm(Form):
    lang = SelectField(_l("Bahasa"), choices=[SelectChoice("id", "Bahasa Indonesia"), SelectChoice("en", "English")])
    next = HiddenField()


class TextSizeForm(Form):
    """"Teks besar" on ("1") or off ("0"): the button sends the state it switches to."""
    large = SelectField(choices=[SelectChoice("1", "on"), SelectChoice("0", "off")])
    next = HiddenField()


def check_form(items, lang):
    """One radio question per "check yourself" item of a module."""
    questions = [(f"item_{item.id}", item.stem.get(lang) or item.stem["id"],
                  [(key, texts.get(lang) or texts["id"]) for key, texts in sorted(item.options.items())])
                 for item in items]
    return choice_form(questions, _l("Periksa jawaban"))
