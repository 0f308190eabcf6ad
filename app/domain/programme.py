"""Across sessions: a session's figures from the database's sums, and when sessions may be pooled.

The database hands over sums per session (n, Σd, Σd², …) so no answer crosses into Python;
this module turns them into the same figures the one-session review shows.
"""
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import stats

from app.domain.statistics import effect_size_label


@lru_cache(maxsize=4096)
def t_critical(df):
    """The two-sided 95% t quantile (cached: a programme has few distinct sizes)."""
    return float(stats.t.ppf(0.975, df))


def gain_summary(n, sum_diff, sum_diff_sq):
    """Mean gain, its SD and 95% CI, and Cohen's d_z, from n, Σd and Σd² of post − pre."""
    if not n:
        return {"mean": None, "sd": None, "ci95": None, "cohen_dz": None, "size": None}
    mean = sum_diff / n
    sd = math.sqrt(max(sum_diff_sq - n * mean * mean, 0.0) / (n - 1)) if n > 1 else None
    if sd is not None and sd < 1e-9 * max(1.0, abs(mean)):
        sd = 0.0
    ci = None
    if sd:
        half = t_critical(n - 1) * sd / math.sqrt(n)
        ci = [mean - half, mean + half]
    dz = mean / sd if sd else None
    return {"mean": mean, "sd": sd, "ci95": ci, "cohen_dz": dz, "size": effect_size_label(dz)}


def share(part, whole):
    return part / whole if whole else None


def expand(counts):
    """[(pre, post, max, how many)] → the pre and post arrays and the largest max: every
    statistic of the paired analysis depends on the pairs, not on their order."""
    counts = [row for row in counts if row[3]]
    pre = np.repeat([row[0] for row in counts], [row[3] for row in counts]).astype(float)
    post = np.repeat([row[1] for row in counts], [row[3] for row in counts]).astype(float)
    maximum = max((row[2] for row in counts if row[2] is not None), default=None)
    return pre, post, maximum


@dataclass(frozen=True)
class Pooling:
    """May these sessions be pooled, and what the lead must be told."""
    allowed: bool
    versions: tuple
    warning: bool  # pooled across course versions because the lead asked for it


def pooling(versions, mixed_ok):
    """Sessions are pooled only on one course version, unless the lead says so (then with a warning)."""
    versions = tuple(sorted({v for v in versions if v}))
    if len(versions) <= 1:
        return Pooling(True, versions, False)
    return Pooling(bool(mixed_ok), versions, bool(mixed_ok))


def by_month(points):
    """[(held_on, n pairs, Σd)] → [(“YYYY-MM”, n, mean gain)] in time order, weighted by pairs."""
    months = {}
    for held_on, n, sum_diff in points:
        if not n:
            continue
        key = f"{held_on.year:04d}-{held_on.month:02d}"
        count, total = months.get(key, (0, 0.0))
        months[key] = (count + n, total + sum_diff)
    return [(key, count, total / count) for key, (count, total) in sorted(months.items())]


def weakest_modules(items, module_of):
    """Per module, the share right before and after over its items' answers, weakest after first.

    items: [(item id, kind, answered, right)] summed by the database; module_of: item id → module.
    """
    modules = {}
    for item_id, kind, answered, right in items:
        module = module_of.get(item_id)
        if module is None:
            continue
        entry = modules.setdefault(module, {"module": module, "pre": [0, 0], "post": [0, 0], "items": set()})
        entry[kind][0] += right
        entry[kind][1] += answered
        entry["items"].add(item_id)
    rows = [{"module": m["module"], "items": len(m["items"]), "n_pre": m["pre"][1], "n_post": m["post"][1],
             "pre": share(*m["pre"]), "post": share(*m["post"])} for m in modules.values()]
    return sorted(rows, key=lambda r: (r["post"] is None, r["post"] or 0, r["module"]))
