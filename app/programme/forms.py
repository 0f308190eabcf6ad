from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, SelectChoice, SelectField
from wtforms.validators import Optional, ValidationError

from app.forms import Form

LARGEST_BUNDLE = 5 * 1024 * 1024  # a bundle of a big session is a few hundred KB


class FilterForm(Form):
    """The programme view's filters: read from the address (GET), so no CSRF token."""
    class Meta:
        csrf = False

    tempat = SelectField(_l("Tempat"), choices=[], validators=[Optional()])
    fasilitator = SelectField(_l("Fasilitator"), choices=[], validators=[Optional()])
    dari = DateField(_l("Dari tanggal"), validators=[Optional()])
    sampai = DateField(_l("Sampai tanggal"), validators=[Optional()])
    bentuk = SelectField(_l("Bentuk tes awal"), choices=[SelectChoice("", _l("Semua")), SelectChoice("a", "A"),
                                                              SelectChoice("b", "B")],
                         validators=[Optional()])
    versi = SelectField(_l("Versi kursus"), choices=[], validators=[Optional()])
    campur = BooleanField(_l("Gabungkan sesi dengan versi kursus yang berbeda"))

    def validate_sampai(self, field):
        if field.data and self.dari.data and field.data < self.dari.data:
            raise ValidationError(_l("Tanggal akhir harus sesudah tanggal awal."))


class UploadForm(Form):
    bundles = FileField(_l("Berkas hasil sesi (.json.gz)"), validators=[FileRequired(_l("Pilih berkas hasil sesi."))],
                        description=_l("Berkas yang dikirim fasilitator dari laptop sesi, lewat tombol Kirim hasil."))
