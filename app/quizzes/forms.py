from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import DataRequired

from app.forms import Form

CONFIDENCE_CHOICES = [
    SelectChoice("1", _l("1 — Sama sekali tidak yakin")),
    SelectChoice("2", _l("2 — Kurang yakin")),
    SelectChoice("3", _l("3 — Cukup yakin")),
    SelectChoice("4", _l("4 — Yakin")),
    SelectChoice("5", _l("5 — Sangat yakin")),
]


class ConfidenceForm(Form):
    confidence = RadioField(
        _l("Seberapa yakin Anda bisa mengajukan paspor secara online sendiri?"),
        choices=CONFIDENCE_CHOICES,
        validators=[DataRequired(_l("Pilih satu angka dari 1 sampai 5."))])
    submit = SubmitField(_l("Lanjut"))


class StartForm(Form):
    submit = SubmitField(_l("Mulai"))
