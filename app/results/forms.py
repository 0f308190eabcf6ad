"""The score import's form: a CSV of an earlier paper-only session's pre/post scores, checked
whole at the field (nothing is saved when one row is wrong)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DecimalField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.domain.scores_csv import INDONESIAN_HEADERS, ScoresError, highest_score, read_scores
from app.forms import Form, finite_number

MAX_CSV_BYTES = 2 * 1024 * 1024


class ImportForm(Form):
    name = StringField(_l("Nama sesi lama"), description=_l("Contoh: Sosialisasi Kanim Ngurah Rai, Maret 2024"),
                       validators=[DataRequired(_l("Tulis nama sesi.")),
                                   Length(max=120, message=_l("Paling banyak 120 huruf."))])
    file = FileField(_l("File CSV"), description=_l("Kolom: nama, tes awal, tes akhir (atau participant, pretest, posttest); pemisah koma atau titik koma."),
                     validators=[FileRequired(_l("Pilih file CSV."))])
    max_score = DecimalField(_l("Nilai maksimum (boleh kosong)"), places=None, validators=[
        Optional(), finite_number,
        NumberRange(min=1, max=1000, message=_l("Nilai maksimum harus antara 1 dan 1000."))])

    def validate_file(self, field):
        data = field.data.read(MAX_CSV_BYTES + 1)
        if len(data) > MAX_CSV_BYTES:
            raise ValidationError(_l("File terlalu besar (paling besar 2 MB)."))
        try:
            self.scores = within_range(read_scores(data.decode("utf-8-sig"), aliases=INDONESIAN_HEADERS))
        except UnicodeDecodeError:
            raise ValidationError(_l("File ini bukan CSV teks (UTF-8). Simpan ulang sebagai CSV UTF-8.")) from None
        except ScoresError as exc:
            raise ValidationError(scores_error_message(exc)) from None
        if len(self.scores.ids) + self.scores.n_excluded > MAX_ROWS:
            del self.scores
            raise ValidationError(_l("Terlalu banyak baris: paling banyak %(n)s peserta dalam satu file.", n=MAX_ROWS))


    def validate_max_score(self, field):
        highest = highest_score(self.scores.pre, self.scores.post) if hasattr(self, "scores") else 0
        if field.data is not None and highest > field.data:
            raise ValidationError(_l("Ada nilai %(n)s di file, lebih besar dari nilai maksimum ini.", n=f"{highest:g}"))


MAX_SCORE, MAX_ROWS = 1000, 5000  # a test score, and a session's people, far past any real one


def within_range(scores):
    """Scores are test points: 0 up to MAX_SCORE (a gain of a million is a typing slip)."""
    for column, values in (("pretest", scores.pre), ("posttest", scores.post)):
        for who, value in zip(scores.ids, values):
            if not 0 <= value <= MAX_SCORE:
                raise ScoresError("out of range", who[:40], column, "out_of_range", f"{value:g}")
    return scores


def scores_error_message(error):
    """The CSV problem in the user's language, naming row and column; nothing was saved."""
    if error.kind == "missing_column":
        problem = _("baris 1: kolom \"%(column)s\" tidak ada", column=error.value)
    elif error.kind == "not_number":
        problem = _("baris %(row)s, kolom \"%(column)s\": \"%(value)s\" bukan angka",
                    row=error.row, column=error.column, value=error.value[:40])
    elif error.kind == "out_of_range":
        problem = _("peserta \"%(who)s\", kolom \"%(column)s\": nilai %(value)s di luar 0 sampai %(max)s",
                    who=error.row, column=error.column, value=error.value, max=MAX_SCORE)
    elif error.kind == "unreadable":
        problem = _("file tidak bisa dibaca sebagai CSV (mungkin ada isian yang sangat panjang)")
    else:
        problem = _("file kosong")
    return _("Ada kesalahan di file, %(problem)s. Tidak ada yang disimpan: perbaiki file, lalu unggah lagi.",
             problem=problem)
