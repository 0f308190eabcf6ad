from datetime import date

from flask_babel import lazy_gettext as _l
from app.forms import Form
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length


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

    def __init__(self, courses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.course_id.choices = [SelectChoice(course.id, title) for course, title in courses]
