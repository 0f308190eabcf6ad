"""What the programme pages show: the filters read, the sessions' figures, pooled and grouped."""
import io

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from app.content import ContentError, get_course
from app.domain import programme
from app.domain.statistics import paired
from app.i18n import current_language
from app.programme import plots, services
from app.programme.forms import FilterForm
from app.results.exports import SafeWriter
from app.results.reading import reading

PAGE = 100  # sessions per page; the pooled figures always cover every matching session


def filter_form():
    form = FilterForm(request.args)
    places, people, versions = services.choices()
    everything = [SelectChoice("", _("Semua"))]
    form.tempat.choices = everything + [SelectChoice(p, p) for p in places]
    form.fasilitator.choices = everything + [SelectChoice(p, p) for p in people]
    form.versi.choices = everything + [SelectChoice(h, f"{course} {h[:12]} ({created:%Y-%m-%d})")
                                       for h, course, created in versions]
    return form


def filters_of(form):
    if not form.validate():
        return services.Filters()
    return services.Filters(place=form.tempat.data or None, facilitator=form.fasilitator.data or None,
                            start=form.dari.data, end=form.sampai.data, form=form.bentuk.data or None,
                            version=form.versi.data or None)


def programme_view(form, page):
    filters = filters_of(form)
    rows = services.sessions(filters)
    versions = {v for row in rows for v in (row["version"], row["version_max"])}
    pooling = programme.pooling(versions, form.campur.data)
    pooled = pooled_analysis(filters) if pooling.allowed else None
    shown = rows if page is None else rows[(max(page, 1) - 1) * PAGE:max(page, 1) * PAGE]
    shown = [services.summarise(dict(row)) for row in shown]
    totals = services.grouped(rows, lambda row: None)  # N-gain, confidence, practice of them all
    return {"rows": shown, "total": len(rows), "page": page, "pages": -(-len(rows) // PAGE),
            "totals": totals[0] if totals else None, "hashes": services.version_hashes(),
            "pooling": pooling, "pooled": pooled, "places": services.grouped(rows, lambda r: r["place"]),
            "trend": plots.gain_over_time(programme.by_month((r["held_on"], r["pairs"], r["sum_d"] or 0) for r in rows)),
            "query": request.query_string.decode()}


def pooled_analysis(filters):
    """The same analysis as one session's review, over every pair of the matching sessions."""
    pre, post, maximum = programme.expand(services.pair_counts(filters))
    analysis = paired(pre, post, max_score=maximum)
    return {"analysis": analysis, "reading": reading(analysis)}


COLUMNS = (_l("tempat"), _l("tanggal"), _l("fasilitator"), _l("sesi"), _l("versi_kursus"), _l("laptop"), _l("peserta"),
           _l("pasangan"), _l("kenaikan_rata2"), _l("ik95_bawah"), _l("ik95_atas"), "d_z", "n_gain",
           _l("n_gain_rendah"), _l("n_gain_sedang"), _l("n_gain_tinggi"), _l("yakin_awal"), _l("yakin_akhir"),
           _l("latihan_selesai"))  # headers in the reader's language, as the session CSV


def sessions_csv(form):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeWriter(buffer, ";" if request.args.get("pemisah") == "titik-koma" else ",")
    writer.writerow([str(column) for column in COLUMNS])
    hashes = services.version_hashes()
    for row in map(services.summarise, services.sessions(filters_of(form))):
        gain, ci = row["gain"], row["gain"]["ci95"] or ("", "")
        writer.writerow([row["place"], row["held_on"].isoformat(), row["facilitator"], row["name"],
                         hashes.get(row["version"], "")[:12], row["laptop_id"] or "", row["people"], row["pairs"],
                         _round(gain["mean"]), _round(ci[0]), _round(ci[1]), _round(gain["cohen_dz"]),
                         _round(row["ngain"]), row["low"], row["medium"], row["high"],
                         _round(row["confidence"][0]), _round(row["confidence"][1]), _round(row["practice"])])
    return buffer.getvalue()


def _round(value):
    return "" if value in (None, "") else round(float(value), 3)


def items_view(form):
    filters = filters_of(form)
    sums = services.item_sums(filters)
    modules = programme.weakest_modules(sums, services.modules_of([filters.version] if filters.version else None))
    return {"modules": modules, "titles": module_titles(), "query": request.query_string.decode()}


def module_titles():
    """Module id → "3. Title" in the reader's language, from the course this server has (ids are stable)."""
    try:
        course = get_course()
    except (ContentError, OSError):  # a server without the course files still shows the ids
        return {}
    return {m.id: f"{m.order}. {m.text(current_language()).title}" for m in course.modules}


def outcome_text(name, outcome):
    return {"added": _("Sesi “%(name)s” ditambahkan.", name=name),
            "updated": _("Sesi “%(name)s” diperbarui dari berkas yang lebih baru.", name=name),
            "unchanged": _("Sesi “%(name)s” sudah ada; tidak ada yang berubah.", name=name)}[outcome]


def refusal(error):
    """Why a bundle was refused, in the reader's language (the English detail for the rare cases)."""
    return {"damaged": _("Berkas ini rusak, terpotong, atau bukan berkas hasil sesi. Minta fasilitator mengirim ulang."),
            "foreign": _("Ini bukan berkas hasil sesi Paspor Pintar."),
            "altered": _("Isi berkas ini berubah sesudah dibuat, jadi tidak dipakai. Minta fasilitator mengirim ulang "
                         "berkas aslinya."),
            "version": _("Berkas ini dibuat oleh versi Paspor Pintar yang lebih baru. Perbarui Paspor Pintar di server ini."),
            "own": _("Berkas ini dibuat di server ini sendiri. Gabungkan di server program.")}.get(
        error.kind, _("Berkas ini tidak bisa digabungkan: %(reason)s", reason=str(error)))
