"""Forms of the facilitator's pages: a session, a participant without a phone, a paper test."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app import clock
from app.domain.design import PARALLEL, SAME
from app.forms import Form
from app.i18n import pick
from app.quizzes.forms import CONFIDENCE_CHOICES
from app.rooms.forms import helper_field, participant_name

NO_ANSWER = "none"  # a blank on the answer sheet: kept as no answer, so scored wrong


class SessionForm(Form):
    name = StringField(_l("Nama sesi"), description=_l("Contoh: Sosialisasi M-Paspor Desa Sanur"),
                       validators=[DataRequired(_l("Tulis nama sesi.")),
                                   Length(max=120, message=_l("Paling banyak 120 huruf."))])
    place = StringField(_l("Tempat"), description=_l("Contoh: Balai Banjar Sanur Kaja"),
                        validators=[DataRequired(_l("Tulis tempat sesi.")),
                                    Length(max=120, message=_l("Paling banyak 120 huruf."))])
    held_on = DateField(_l("Tanggal"), default=clock.today,
                        validators=[InputRequired(_l("Pilih tanggal sesi."))])
    course_id = SelectField(_l("Kursus"), validators=[DataRequired(_l("Pilih kursus."))])
    test_design = RadioField(_l("Tes awal dan tes akhir"), default=PARALLEL, choices=[
        SelectChoice(PARALLEL, _l("Dua bentuk bergantian (disarankan): separuh peserta mengerjakan bentuk A lalu B, separuh B lalu A")),
        SelectChoice(SAME, _l("Satu bentuk dua kali, urutan soal diacak"))],
        validators=[DataRequired(_l("Pilih cara tes."))])

    def __init__(self, courses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.course_id.choices = [SelectChoice(course.id, title) for course, title in courses]


class AddPersonForm(Form):
    name = participant_name(_l("Nama peserta tanpa ponsel"), _l("Tulis nama peserta."))


class ParticipantHelperForm(Form):
    helper_name = helper_field(_l("Dibantu oleh (keluarga atau relawan)"), Optional())


def paper_form(items):
    """One question per test item, options in the printed order (a, b, c, …), plus confidence."""
    class PaperForm(Form):
        confidence = RadioField(_l("Keyakinan (1–5)"), choices=CONFIDENCE_CHOICES,
                                validators=[DataRequired(_l("Pilih satu angka dari 1 sampai 5."))])

    for number, item in enumerate(items, start=1):
        choices = [SelectChoice(key, f"{key}. {pick(texts)}") for key, texts in sorted(item.options.items())]
        choices.append(SelectChoice(NO_ANSWER, _l("Tidak dijawab")))
        setattr(PaperForm, f"q-{item.id}", RadioField(
            f"{number}. {pick(item.stem)}", choices=choices,
            validators=[DataRequired(_l("Pilih jawaban yang ditandai peserta, atau \"Tidak dijawab\"."))]))
    return PaperForm()
