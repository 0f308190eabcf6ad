"""The project's form base and helpers shared by several areas."""
import re
from urllib.parse import urlsplit

from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import DataRequired, StopValidation

# C0/C1 controls (but tab and newlines) and the bidirectional overrides that can disguise a name.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LONGEST_TEXT = 2000  # no text field of ours needs more; the database's own limits are lower

# WTForms' own messages, in the reader's language (WTForms ships no Indonesian).
WTFORMS_MESSAGES = {
    "Not a valid choice.": _l("Pilih salah satu pilihan yang ada."),
    "This field is required.": _l("Isian ini wajib diisi."),
    "Not a valid date value.": _l("Tulis tanggal yang benar."),
    "Not a valid integer value.": _l("Tulis angka bulat."),
    "Not a valid float value.": _l("Tulis angka."),
    "Not a valid decimal value.": _l("Tulis angka."),
    "Invalid input.": _l("Isian ini tidak bisa dipakai."),
    "Selected value(s) not in the list.": _l("Pilih salah satu pilihan yang ada."),
}


class _Messages:
    def gettext(self, text):
        return str(WTFORMS_MESSAGES.get(text, text))

    def ngettext(self, singular, plural, n):
        return self.gettext(singular if n == 1 else plural)


def plain_text(form, field):
    """Text a person typed: printable, and of a sane length (else the form says so at the field)."""
    if isinstance(field.data, str):
        if UNPRINTABLE.search(field.data):
            raise StopValidation(_l("Ada tanda yang tidak bisa dipakai di sini. Ketik ulang isian ini."))
        if len(field.data) > LONGEST_TEXT:
            raise StopValidation(_l("Isian ini terlalu panjang."))


def finite_number(form, field):
    """A number field's value is a real number (not NaN or infinity), before any range check."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_l("Tulis angka biasa, misalnya 27."))


class Form(FlaskForm):
    """Every form of ours: file parts only reach file fields, text is checked for stray characters,
    and WTForms' own messages speak the reader's language."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if data is None or not request.files:
                return data
            files = {name for name, field in form._fields.items() if isinstance(field, FileField)}
            kept = MultiDict([(k, v) for k, v in request.files.items(multi=True) if k in files])
            return CombinedMultiDict([request.form, kept])

        def get_translations(self, form):
            return _Messages()

    def validate(self, extra_validators=None):
        extra = {name: list(validators) for name, validators in (extra_validators or {}).items()}
        for name in self._fields:
            extra[name] = [plain_text, *extra.get(name, [])]
        return super().validate(extra)


def choice_form(questions, submit_label, formdata=None):
    """A form of single-choice questions: each (name, label, [(value, text), ...][, message when
    left unanswered])."""
    class ChoiceForm(Form):
        submit = SubmitField(submit_label)

    for name, label, choices, *message in questions:
        setattr(ChoiceForm, name, RadioField(
            label, choices=[SelectChoice(value, text) for value, text in choices],
            validators=[DataRequired(message[0] if message else _l("Pilih satu jawaban."))]))
    return ChoiceForm() if formdata is None else ChoiceForm(formdata=formdata)


def safe_next(target, default=None):
    """Only follow a `next` (a form's hidden field, the login's ?next=) that stays on this site."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return default or url_for("learn.home")
