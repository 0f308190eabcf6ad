"""The review's CSV exports, per participant or per answer, safe to open in a spreadsheet."""
import csv
import io

from flask_babel import lazy_gettext as _l

from app.content import version_items
from app.domain.scores_csv import safe_cell
from app.results.services import run_summary


class SafeWriter:
    """csv.writer whose text cells are safe to open in a spreadsheet."""

    def __init__(self, buffer, delimiter=","):
        self.writer = csv.writer(buffer, delimiter=delimiter)
        self.decimal_comma = delimiter == ";"

    def writerow(self, row):
        self.writer.writerow([self._cell(value) for value in row])

    def _cell(self, value):
        if isinstance(value, float) and self.decimal_comma:
            return f"{value:g}".replace(".", ",")
        return safe_cell(value)


ANSWER_COLUMNS = (_l("sesi"), _l("peserta"), _l("kode"), _l("tes"), _l("cara"), _l("bentuk"), _l("soal"),
                  _l("modul"), _l("jawaban"), _l("benar"), _l("versi_konten"))
PERSON_COLUMNS = (_l("sesi"), _l("peserta"), _l("kode"), _l("pendamping"), _l("tes_awal"), _l("tes_akhir"),
                  _l("nilai_maksimum"), _l("kenaikan"), _l("bentuk_awal"), _l("bentuk_akhir"),
                  _l("cara_awal"), _l("cara_akhir"), _l("keyakinan_awal"), _l("keyakinan_akhir"),
                  _l("latihan_selesai"), _l("latihan_menit"), _l("latihan_salah"))


def results_csv(rows, per_answer=False, delimiter=","):
    """The CSV text with a BOM (Excel then reads it as UTF-8), headers in the reader's language."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeWriter(buffer, delimiter)
    if per_answer:
        writer.writerow([str(column) for column in ANSWER_COLUMNS])
        for row in rows:
            for attempt in (row.pre, row.post):
                if attempt is None:
                    continue
                items = version_items(attempt.content_hash)
                for item_id, option, correct in row.chosen[attempt.kind]:
                    writer.writerow([row.participant.session.name, row.participant.display_name,
                                     row.participant.personal_code, attempt.kind, attempt.mode,
                                     (attempt.form or "").upper(), item_id, items[item_id].module,
                                     option, int(correct), attempt.content_hash[:12]])
    else:
        writer.writerow([str(column) for column in PERSON_COLUMNS])
        for row in rows:
            summary = run_summary(row.practice) or ("", "", "")
            writer.writerow([
                row.participant.session.name, row.participant.display_name,
                row.participant.personal_code, row.participant.helper_name or "",
                row.pre.score if row.pre else "", row.post.score if row.post else "",
                (row.post or row.pre).max_score if (row.post or row.pre) else "",
                row.gain if row.paired else "",
                (row.pre.form or "").upper() if row.pre else "", (row.post.form or "").upper() if row.post else "",
                row.pre.mode if row.pre else "",
                row.post.mode if row.post else "", row.pre.confidence if row.pre else "",
                row.post.confidence if row.post else "",
                "" if summary[0] == "" else int(summary[0]), summary[1], summary[2]])
    return buffer.getvalue()
