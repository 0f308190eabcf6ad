from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from app.domain.design import PARALLEL, SAME
from app.forms import Form


class CohortForm(Form):
    name = StringField(_l("Nama sesi"), description=_l("Contoh: Sosialisasi M-Paspor Desa Sanur"),
                       validators=[DataRequired(_l("Tulis nama sesi.")),
                                   Length(max=120, message=_l("Paling banyak 120 huruf."))])
    place = StringField(_l("Tempat"), description=_l("Contoh: Balai Banjar Sanur Kaja"),
                        validators=[DataRequired(_l("Tulis tempat sesi.")),
                                    Length(max=120, message=_l("Paling banyak 120 huruf."))])
    held_on = DateField(_l("Tanggal"), default=date.today,
                        validators=[InputRequired(_l("Pilih tanggal sesi."))])
    course_id = SelectField(_l("Kursus"), validators=[DataRequired(_l("Pilih kursus."))])
    test_design = RadioField(_l("Tes awal dan tes akhir"), default=PARALLEL, choices=[
        SelectChoice(PARALLEL, _l("Dua bentuk bergantian (disarankan): separuh peserta mengerjakan bentuk A lalu B, separuh B lalu A")),
        SelectChoice(SAME, _l("Satu bentuk dua kali, urutan soal diacak"))],
        validators=[DataRequired(_l("Pilih cara tes."))])

    def __init__(self, courses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.course_id.choices = [SelectChoice(course.id, title) for course, title in courses]
