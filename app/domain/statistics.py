"""Paired pre/post analysis: one pure module for the CLI, the results page and CSV imports.

Every value that is undefined for the data (fewer than two pairs, all differences equal, …)
is None, with a note saying why, so the JSON output is strict (no NaN).
"""
import math
import warnings

import numpy as np
from scipy import stats

ALTERNATIVES = ("two-sided", "greater", "less")
SMALL_N = 10  # below this, the t-test leans heavily on normality: say so


class Notes(list):
    """Why values are missing or to be read with care: English text, plus codes for translation."""

    def __init__(self):
        super().__init__()
        self.codes = []

    def add(self, code, text, **params):
        self.append(text)
        self.codes.append({"code": code, **params})


def _number(value):
    """A float for JSON, or None for NaN/inf."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _describe(values):
    if len(values) == 0:
        return {"mean": None, "sd": None}
    return {"mean": _number(np.mean(values)),
            "sd": _number(np.std(values, ddof=1)) if len(values) > 1 else None}


def effect_size_label(dz):
    """Cohen's conventions for |d|: negligible < 0.2 ≤ small < 0.5 ≤ medium < 0.8 ≤ large."""
    if dz is None:
        return None
    size = abs(dz)
    return "negligible" if size < 0.2 else "small" if size < 0.5 else "medium" if size < 0.8 else "large"


def hake_gain(pre_mean, post_mean, max_score):
    """Class-average normalized gain <g> = (post − pre) / (max − pre), on mean scores."""
    if max_score is None or pre_mean is None or post_mean is None or max_score - pre_mean <= 0:
        return None
    return (post_mean - pre_mean) / (max_score - pre_mean)


def paired(pre, post, alternative="two-sided", max_score=None, n_excluded=0):
    """Analyse paired scores (post − pre). Returns a plain dict ready for JSON."""
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {', '.join(ALTERNATIVES)}")
    pre, post = np.asarray(pre, dtype=float), np.asarray(post, dtype=float)
    diff = post - pre
    n = len(diff)
    notes = Notes()
    result = {
        "n_pairs": n, "n_excluded": n_excluded,
        "pre": _describe(pre), "post": _describe(post),
        "diff": {**_describe(diff), "ci95": None},
        "ttest": {"t": None, "df": n - 1 if n > 1 else None, "p": None, "alternative": alternative,
                  "p_two_sided": None, "p_one_sided": None},
        "effect": {"cohen_dz": None, "size": None},
        "wilcoxon": {"statistic": None, "p": None},
        "shapiro": {"w": None, "p": None},
        "gain": {"normalized": None},
        "notes": notes,
        "note_codes": notes.codes,
    }
    if max_score is not None:
        result["gain"]["normalized"] = _number(hake_gain(result["pre"]["mean"], result["post"]["mean"], max_score))
        if result["gain"]["normalized"] is None and n:
            notes.add("gain_at_max", "normalized gain undefined: the pretest mean is already the maximum score")
    else:
        notes.add("no_max_score", "normalized gain needs --max-score")
    if n < 2:
        notes.add("too_few_pairs", "fewer than two pairs: no test or interval can be computed")
        return result
    if n < SMALL_N:
        notes.add("small_sample", f"small sample (n = {n} < {SMALL_N}): read the Wilcoxon test beside the t-test",
                  n=n, limit=SMALL_N)
    sd = result["diff"]["sd"]
    if not sd:
        notes.add("equal_differences", "every difference is equal: the t-test, interval and effect size are undefined")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            test = stats.ttest_rel(post, pre, alternative=alternative)
            two = stats.ttest_rel(post, pre)
            low, high = two.confidence_interval(0.95)
        one_sided = alternative if alternative != "two-sided" else "greater"
        result["ttest"].update(t=_number(test.statistic), df=int(test.df), p=_number(test.pvalue),
                               p_two_sided=_number(two.pvalue),
                               p_one_sided=_number(stats.ttest_rel(post, pre, alternative=one_sided).pvalue))
        result["diff"]["ci95"] = [_number(low), _number(high)]
        dz = result["diff"]["mean"] / sd
        result["effect"] = {"cohen_dz": _number(dz), "size": effect_size_label(dz)}
    result["wilcoxon"] = _wilcoxon(diff, alternative, notes)
    result["shapiro"] = _shapiro(diff, notes)
    return result


def _wilcoxon(diff, alternative, notes):
    if not np.any(diff != 0):
        notes.add("wilcoxon_zero", "Wilcoxon undefined: every difference is zero")
        return {"statistic": None, "p": None}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        test = stats.wilcoxon(diff, alternative=alternative)
    for warning in caught:
        notes.add("wilcoxon_warning", f"Wilcoxon: {warning.message}", message=str(warning.message))
    return {"statistic": _number(test.statistic), "p": _number(test.pvalue)}


def _shapiro(diff, notes):
    if len(diff) < 3:
        notes.add("shapiro_too_few", "Shapiro–Wilk needs at least three pairs")
        return {"w": None, "p": None}
    if np.ptp(diff) == 0:
        notes.add("shapiro_equal", "Shapiro–Wilk undefined: every difference is equal")
        return {"w": None, "p": None}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        test = stats.shapiro(diff)
    for warning in caught:
        notes.add("shapiro_warning", f"Shapiro–Wilk: {warning.message}", message=str(warning.message))
    if test.pvalue < 0.05:
        notes.add("not_normal", "the differences do not look normal (Shapiro–Wilk p < .05): prefer the Wilcoxon test")
    return {"w": _number(test.statistic), "p": _number(test.pvalue)}


def mcnemar_exact(before_correct, after_correct):
    """Exact McNemar test on one item: b = right before only, c = right after only."""
    b = sum(1 for x, y in zip(before_correct, after_correct) if x and not y)
    c = sum(1 for x, y in zip(before_correct, after_correct) if y and not x)
    p = stats.binomtest(c, b + c, 0.5).pvalue if b + c else None
    return {"b": b, "c": c, "p": _number(p)}


NGAIN_LOW, NGAIN_HIGH = 0.3, 0.7  # Hake's categories as Indonesian reports use them


def normalized_gains(pre, post, maximum):
    """Each person's N-gain (post − pre) / (max − pre) and the share in each category:
    g < 0.3 low (rendah), 0.3 ≤ g ≤ 0.7 medium (sedang), g > 0.7 high (tinggi).

    Convention: a person with a perfect pretest has no room to gain, so their g is undefined;
    they are counted apart (`perfect_pretest`) and left out of the categories and the mean."""
    values = [None if maximum is None or a >= maximum else (b - a) / (maximum - a)
              for a, b in zip(pre, post)]
    defined = [g for g in values if g is not None]
    counts = {"low": sum(g < NGAIN_LOW for g in defined),
              "medium": sum(NGAIN_LOW <= g <= NGAIN_HIGH for g in defined),
              "high": sum(g > NGAIN_HIGH for g in defined)}
    return {"values": values, "n": len(defined), **counts,
            "perfect_pretest": len(values) - len(defined) if maximum is not None else 0,
            "mean": sum(defined) / len(defined) if defined else None}
