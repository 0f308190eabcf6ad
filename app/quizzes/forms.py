from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import DataRequired

from app.content import version_items
from app.forms import Form, choice_form
from app.i18n import pick

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


def answers_form(attempt, formdata=None):
    """The test's questions in the attempt's order, each with its options in the attempt's shuffle."""
    items = version_items(attempt.content_hash)
    questions = []
    for number, item_id in enumerate(attempt.item_ids, start=1):
        item = items[item_id]
        choices = [(str(i), pick(item.options[key]))
                   for i, key in enumerate(attempt.option_orders[item_id])]
        questions.append((f"q-{item_id}", f"{number}. {pick(item.stem)}", choices,
                          _l("Soal %(n)s belum dijawab.", n=number)))
    return choice_form(questions, _l("Kirim jawaban"), formdata=formdata)
