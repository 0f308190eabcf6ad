"""A plain-language reading of a paired analysis, for a report a non-statistician writes."""
from flask_babel import gettext as _

EFFECTS = {
    "negligible": lambda: _("efek yang sangat kecil"),
    "small": lambda: _("efek kecil"),
    "medium": lambda: _("efek sedang"),
    "large": lambda: _("efek besar"),
}


def format_p(p):
    """APA style: p < .001, else p = .012 (no leading zero)."""
    if p is None:
        return None
    return "p < .001" if p < 0.001 else "p = " + f"{p:.3f}".lstrip("0")


def number(value, digits=1):
    return f"{value:.{digits}f}"


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
