"""Item analysis of a 0/1-scored test: difficulty, corrected point-biserial, KR-20 with Feldt's
interval, and plain-word flags for items that cannot show learning or look mis-keyed.

Definitions (the fixed interface of `flask stats items`): `kr20` is Cronbach's alpha on the 0/1
scores with item and total variances over the same denominator; `kr20_ci95` is Feldt's
interval with F on n−1 and (n−1)(k−1) degrees of freedom; `mean` and `sd` are of the total
score (`sd` the sample SD); `p` is the proportion correct; `r_pbis` is the Pearson correlation
of the item with the total of the other items (None with a note when undefined).
"""
import math

import numpy as np
from scipy import stats

TOO_EASY = 0.9  # at the pretest: almost everyone knew it already
MISKEYED = 0.0  # r_pbis below this: those who did well overall got it wrong


def analyse(scores, item_ids):
    """scores: one row per person, one 0/1 per item (None = not answered, scored 0)."""
    matrix = np.array([[1 if value else 0 for value in row] for row in scores], dtype=float)
    n, k = (matrix.shape if matrix.size else (len(scores), len(item_ids)))
    notes, items = [], []
    totals = matrix.sum(axis=1) if n else np.array([])
    for index, item_id in enumerate(item_ids):
        column = matrix[:, index] if n else np.array([])
        rest = totals - column
        r = None
        if n < 3:
            pass
        elif column.std() == 0:
            notes.append(f"{item_id}: everyone answered it the same way, so r_pbis is undefined")
        elif rest.std() == 0:
            notes.append(f"{item_id}: the other items' totals do not vary, so r_pbis is undefined")
        else:
            r = float(np.corrcoef(column, rest)[0, 1])
        items.append({"id": item_id, "p": float(column.mean()) if n else None, "r_pbis": r})
    if n < 3:
        notes.append("fewer than 3 people: item statistics need more")
    kr20 = ci = None
    if n >= 2 and k >= 2:
        total_var = totals.var(ddof=1)
        if total_var > 0:
            kr20 = float(k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_var))
            df1, df2 = n - 1, (n - 1) * (k - 1)
            ci = [float(1 - (1 - kr20) * stats.f.ppf(0.975, df1, df2)),
                  float(1 - (1 - kr20) * stats.f.ppf(0.025, df1, df2))]
        else:
            notes.append("everyone has the same total score, so KR-20 is undefined")
    return {"n": int(n), "k": int(k), "kr20": kr20, "kr20_ci95": ci,
            "mean": float(totals.mean()) if n else None,
            "sd": float(totals.std(ddof=1)) if n >= 2 else None,
            "items": items, "notes": notes}


def flags(pre_p, post_p, r_pbis):
    """Plain-word warnings for one item: codes the pages translate."""
    found = []
    if pre_p is not None and pre_p >= TOO_EASY:
        found.append("too-easy")  # almost everyone knew it before: it cannot show learning
    if r_pbis is not None and r_pbis < MISKEYED:
        found.append("check-key")  # people who did well overall got it wrong
    if post_p is not None and pre_p is not None and post_p < pre_p:
        found.append("fell")  # fewer right after the session than before
    return found


def is_finite(value):
    return value is not None and math.isfinite(value)
