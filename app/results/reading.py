"""A plain-language reading of a paired analysis, for a report a non-statistician writes."""
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _

EFFECTS = {
    "negligible": lambda: _("efek yang sangat kecil"),
    "small": lambda: _("efek kecil"),
    "medium": lambda: _("efek sedang"),
    "large": lambda: _("efek besar"),
}


def format_p(p):
    """p < 0,001 / p = 0,012 in Indonesian; APA style p < .001 / p = .012 in English."""
    if p is None:
        return None
    text = "p < " + number(0.001, 3) if p < 0.001 else "p = " + number(p, 3)
    return text.replace(" 0.", " .") if get_locale().language == "en" else text


def number(value, digits=1):
    """A number in the reader's locale (decimal comma in Indonesian)."""
    return format_decimal(value, "0." + "0" * digits)


def reading(result):
    """One paragraph in the current language; None when there is nothing to read."""
    n, diff, test = result["n_pairs"], result["diff"], result["ttest"]
    if n < 2 or diff["mean"] is None:
        return _("Belum bisa disimpulkan: perlu paling sedikit dua peserta dengan tes awal dan tes akhir.")
    mean = diff["mean"]
    if diff["ci95"] is None:
        return _("Semua peserta berubah sama banyak (%(mean)s poin), jadi uji statistik tidak bisa dihitung.",
                 mean=number(mean))
    low, high = diff["ci95"]
    if mean > 0:
        text = _("Nilai naik rata-rata %(mean)s poin (IK 95%% %(low)s sampai %(high)s).",
                 mean=number(mean), low=number(low), high=number(high))
    elif mean < 0:
        text = _("Nilai turun rata-rata %(mean)s poin (IK 95%% %(low)s sampai %(high)s).",
                 mean=number(-mean), low=number(low), high=number(high))
    else:
        text = _("Nilai rata-rata tidak berubah (IK 95%% %(low)s sampai %(high)s).",
                 low=number(low), high=number(high))
    p = test["p"]
    if p is not None and p < 0.001:
        text += " " + _("Sangat kecil kemungkinan ini kebetulan (%(p)s).", p=format_p(p))
    elif p is not None and p < 0.05:
        text += " " + _("Kecil kemungkinan ini kebetulan (%(p)s).", p=format_p(p))
    elif p is not None:
        text += " " + _("Perubahan ini bisa saja kebetulan (%(p)s).", p=format_p(p))
    size = result["effect"]["size"]
    if size:
        text += " " + _("Ini %(effect)s (d_z = %(dz)s).", effect=EFFECTS[size](),
                        dz=number(result["effect"]["cohen_dz"], 2))
    if n < 10:
        text += " " + _("Pesertanya sedikit (n = %(n)s), jadi baca hasil ini dengan hati-hati.", n=n)
    return text


CEILING = 0.8  # a pretest mean above this share of the maximum leaves little room to show learning
FORM_GAP = 0.10  # pretest shares this far apart between the two orders: one form is harder


def cautions(result, maximum, orders):
    """Warnings the reading needs beside it: a test near its ceiling, a form harder than its twin."""
    found = []
    pre_mean = result["pre"]["mean"]
    if maximum and pre_mean is not None and pre_mean / maximum > CEILING:
        found.append(_("Nilai tes awal sudah tinggi (rata-rata %(share)s%% dari nilai maksimum): tes ini "
                       "hampir tidak bisa menunjukkan kenaikan. Pakai soal yang lebih menantang.",
                       share=round(100 * pre_mean / maximum)))
    by_order = {entry["order"]: entry for entry in orders if entry["pre"] is not None}
    if {"A→B", "B→A"} <= set(by_order):
        a_first, b_first = by_order["A→B"]["pre"], by_order["B→A"]["pre"]
        if abs(a_first - b_first) >= FORM_GAP:
            harder = "A" if a_first < b_first else "B"
            found.append(_("Bentuk %(form)s tampak lebih sulit daripada kembarannya: di tes awal, yang "
                           "mengerjakan bentuk A benar %(a)s%%, yang mengerjakan bentuk B benar %(b)s%%. "
                           "Bandingkan kenaikan per urutan di bawah.", form=harder,
                           a=round(100 * a_first), b=round(100 * b_first)))
    return found
