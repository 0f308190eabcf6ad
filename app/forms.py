"""Form helpers shared by several areas."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SubmitField
from wtforms.validators import DataRequired


def choice_form(questions, submit_label, formdata=None):
    """A form of single-choice questions: each (name, label, [(value, text), ...])."""
    class ChoiceForm(FlaskForm):
        submit = SubmitField(submit_label)

    for name, label, choices in questions:
        setattr(ChoiceForm, name, RadioField(
            label, choices=[SelectChoice(value, text) for value, text in choices], validators=[DataRequired(_l("Pilih satu jawaban."))]))
    return ChoiceForm() if formdata is None else ChoiceForm(formdata=formdata)
