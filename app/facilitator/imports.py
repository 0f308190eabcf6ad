"""Importing pre/post scores of an earlier paper-only session from CSV, and analysing them."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import DecimalField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.auth.decorators import facilitator_required
from app.domain.scores_csv import INDONESIAN_HEADERS, ScoresError, read_scores
from app.domain.statistics import ALTERNATIVES, paired
from app.extensions import db, limiter
from app.facilitator import plots
from app.facilitator.reading import format_p, reading
from app.facilitator.routes import bp
from app.forms import Form, finite_number
from app.models import ScoreImport

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
        highest = max(self.scores.pre + self.scores.post, default=0) if hasattr(self, "scores") else 0
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


@bp.route("/impor", methods=["GET", "POST"])
@facilitator_required
@limiter.limit("10 per minute", methods=["POST"])
def import_scores():
    form = ImportForm()
    if form.validate_on_submit():
        scores = form.scores
        record = ScoreImport(facilitator_id=current_user.id, name=form.name.data.strip(),
                             filename=form.file.data.filename[-200:],
                             max_score=float(form.max_score.data) if form.max_score.data else None,
                             pairs=[[i, a, b] for i, a, b in zip(scores.ids, scores.pre, scores.post)],
                             excluded=scores.excluded_ids)
        db.session.add(record)
        db.session.commit()
        flash(_("%(n)s pasangan nilai diimpor.", n=len(record.pairs)))
        return redirect(url_for("facilitator.imported", import_id=record.id))
    imports = db.session.scalars(select(ScoreImport).where(ScoreImport.facilitator_id == current_user.id)
                                 .order_by(ScoreImport.id.desc())).all()
    return render_template("facilitator/import.html", form=form, imports=imports)


@bp.get("/impor/<int:import_id>")
@facilitator_required
def imported(import_id):
    record = db.session.get(ScoreImport, import_id)
    if record is None or (current_user.role != "admin" and record.facilitator_id != current_user.id):
        abort(404)
    alternative = request.args.get("uji", "two-sided")
    alternative = alternative if alternative in ALTERNATIVES else "two-sided"
    pre = [p[1] for p in record.pairs]
    post = [p[2] for p in record.pairs]
    analysis = paired(pre, post, alternative, record.max_score, len(record.excluded))
    gains = [round(b - a) for a, b in zip(pre, post)]
    maximum = record.max_score or max(pre + post, default=0)
    return render_template("facilitator/imported.html", record=record, analysis=analysis,
                           reading=reading(analysis), format_p=format_p, alternative=alternative,
                           lines_data=plots.paired_lines(list(zip(pre, post)), maximum),
                           gains_data=plots.gain_histogram(gains))
